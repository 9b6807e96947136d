import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  checksumOf,
  getStatus,
  migrate,
  MigrationError,
  readHistory,
  UnmatchedDrizzleMigrationError,
  type MigrationWarning,
} from '../../src/core/index.js';
import { loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptiedBeforeEach } from '../helpers/database.js';
import { drizzleKitProject, type DrizzleKitProject } from './drizzle-kit.js';

const quiet = { onWarning: () => {} };

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

/** Everything a migration changes lives in public; drizzle's history in drizzle.__drizzle_migrations. */
async function drizzleRows(table = 'drizzle.__drizzle_migrations') {
  return (await db.query<{ id: number; hash: string }>(`SELECT id, hash FROM ${table} ORDER BY id`)).rows;
}

async function usersColumns(): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

describe('adopting a database drizzle-orm 0.45 migrated (classic journal)', () => {
  let project: DrizzleKitProject;
  let v3: DrizzleKitProject;
  beforeAll(async () => {
    project = await drizzleKitProject();
    await project.generate('v1', { name: 'init' });
    await project.generate('v2', { name: 'roles' });
    // The same history plus the change made after switching to pgboot.
    v3 = await drizzleKitProject();
    await v3.generate('v1', { name: 'init' });
    await v3.generate('v2', { name: 'roles' });
    await v3.generate('v3', { name: 'bio' });
  });
  afterAll(async () => {
    await project.remove();
    await v3.remove();
  });

  /** v3's folder, but with the first two files exactly as in `project` (what drizzle applied). */
  async function continuedFolder(): Promise<string> {
    for (const tag of ['0000_init', '0001_roles']) {
      await writeFile(join(v3.out, `${tag}.sql`), await readFile(join(project.out, `${tag}.sql`), 'utf8'));
    }
    const journal = JSON.parse(await readFile(join(v3.out, 'meta/_journal.json'), 'utf8'));
    const old = JSON.parse(await readFile(join(project.out, 'meta/_journal.json'), 'utf8'));
    journal.entries[0].when = old.entries[0].when;
    journal.entries[1].when = old.entries[1].when;
    await writeFile(join(v3.out, 'meta/_journal.json'), JSON.stringify(journal, null, 2));
    return v3.out;
  }

  it('should record what drizzle applied without running it, and run only the rest', async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    await db.query(`INSERT INTO users (name, role) VALUES ('ada', 'writer')`);
    const drizzleBefore = await drizzleRows();

    const result = await migrate(db, { migrations: await loadMigrations(await continuedFolder()), appBuild: 'switch', ...quiet });

    expect({ adopted: result.adopted, applied: result.applied }).toEqual({ adopted: ['0000_init', '0001_roles'], applied: ['0002_bio'] });
    expect(await usersColumns()).toEqual(['id', 'name', 'email', 'role', 'bio']);
    expect((await db.query(`SELECT name, role FROM users`)).rows).toEqual([{ name: 'ada', role: 'writer' }]);
    // drizzle's table is read, never written.
    expect(await drizzleRows()).toEqual(drizzleBefore);

    const rows = await db.query<{ id: string; checksum: string; duration_ms: number; app_build: string }>(
      `SELECT id, checksum, duration_ms, app_build FROM _migrations ORDER BY id`,
    );
    const checksumOfFile = async (tag: string) => checksumOf(await readFile(join(v3.out, `${tag}.sql`), 'utf8'));
    expect(rows.rows.map(({ id, checksum, app_build }) => ({ id, checksum, app_build }))).toEqual([
      { id: '0000_init', checksum: await checksumOfFile('0000_init'), app_build: 'switch' },
      { id: '0001_roles', checksum: await checksumOfFile('0001_roles'), app_build: 'switch' },
      { id: '0002_bio', checksum: await checksumOfFile('0002_bio'), app_build: 'switch' },
    ]);
    const history = (await readHistory(db)).reverse();
    expect(history.map((e) => [e.action, e.migrationId, e.details?.matchedBy ?? null])).toEqual([
      ['adopt', '0000_init', 'hash'],
      ['adopt', '0001_roles', 'hash'],
      ['up', '0002_bio', null],
    ]);
    expect(history[0]!.details).toEqual({
      from: 'drizzle.__drizzle_migrations',
      drizzleId: drizzleBefore[0]!.id,
      hash: drizzleBefore[0]!.hash,
      createdAt: JSON.parse(await readFile(join(project.out, 'meta/_journal.json'), 'utf8')).entries[0].when,
      matchedBy: 'hash',
    });

    const again = await migrate(db, { migrations: await loadMigrations(v3.out), ...quiet });
    expect({ adopted: again.adopted, applied: again.applied }).toEqual({ adopted: [], applied: [] });
  });

  it('should report what drizzle applied as applied and adoptable in getStatus, writing nothing', async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    const migrations = await loadMigrations(await continuedFolder());

    const status = await getStatus(db, { migrations });

    expect(status.entries.map((e) => [e.id, e.state])).toEqual([
      ['0000_init', 'applied'],
      ['0001_roles', 'applied'],
      ['0002_bio', 'pending'],
    ]);
    expect(status.adoptable).toEqual(['0000_init', '0001_roles']);
    expect(status.pending).toEqual(['0002_bio']);
    const tracking = await db.query<{ present: boolean }>(`SELECT to_regclass('public._migrations') IS NOT NULL AS present`);
    expect(tracking.rows).toEqual([{ present: false }]);
    // The next migrate records them, and the status then has nothing left to adopt.
    await migrate(db, { migrations, ...quiet });
    expect(await getStatus(db, { migrations })).toMatchObject({ adoptable: [], pending: [], applied: ['0000_init', '0001_roles', '0002_bio'] });
    expect((await getStatus(db, { migrations, drizzleTable: false })).adoptable).toEqual([]);
  });

  it('should adopt when _migrations exists but is still empty', async () => {
    await migrate(db, { migrations: [], ...quiet });
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });

    const result = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });

    expect({ adopted: result.adopted, applied: result.applied }).toEqual({ adopted: ['0000_init', '0001_roles'], applied: [] });
  });

  it('should run a migration drizzle skipped because its timestamp was older than the newest applied one', async () => {
    const branch = await drizzleKitProject();
    try {
      await branch.generate('v1', { name: 'init' });
      await branch.generate('v2', { name: 'roles' });
      await drizzleMigrate(drizzle(db), { migrationsFolder: branch.out });
      // A migration merged from a branch where it was generated earlier: its `when` predates 0001.
      await branch.generate('v2', { name: 'seed', custom: true });
      await writeFile(join(branch.out, '0002_seed.sql'), `INSERT INTO users (name) VALUES ('from-branch');\n`);
      const journalFile = join(branch.out, 'meta/_journal.json');
      const journal = JSON.parse(await readFile(journalFile, 'utf8'));
      journal.entries[2].when = journal.entries[0].when + 1;
      await writeFile(journalFile, JSON.stringify(journal, null, 2));

      await drizzleMigrate(drizzle(db), { migrationsFolder: branch.out });
      const afterDrizzle = (await db.query(`SELECT count(*)::int AS n FROM users`)).rows;
      const result = await migrate(db, { migrations: await loadMigrations(branch.out), ...quiet });

      expect(afterDrizzle).toEqual([{ n: 0 }]); // drizzle-orm's migrator skipped it
      expect({ adopted: result.adopted, applied: result.applied }).toEqual({ adopted: ['0000_init', '0001_roles'], applied: ['0002_seed'] });
      expect((await db.query(`SELECT name FROM users`)).rows).toEqual([{ name: 'from-branch' }]);
    } finally {
      await branch.remove();
    }
  });

  it('should match a file edited after drizzle ran it by created_at and report it as drifted', async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    const folder = await continuedFolder();
    const file = join(folder, '0001_roles.sql');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\n-- reviewed\n`);
    try {
      const failure = await migrate(db, { migrations: await loadMigrations(folder), ...quiet }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ChecksumMismatchError);
      expect((failure as ChecksumMismatchError).drifted.map((d) => d.id)).toEqual(['0001_roles']);

      const warnings: MigrationWarning[] = [];
      const result = await migrate(db, { migrations: await loadMigrations(folder), onDrift: 'warn', onWarning: (w) => warnings.push(w) });
      expect(result.applied).toEqual(['0002_bio']);
      expect(warnings.map((w) => w.file)).toEqual(['0001_roles.sql']);
      const matchedBy = (await readHistory(db)).filter((e) => e.action === 'adopt').map((e) => [e.migrationId, e.details?.matchedBy]);
      expect(matchedBy.reverse()).toEqual([
        ['0000_init', 'hash'],
        ['0001_roles', 'created_at'],
      ]);
    } finally {
      await writeFile(file, original);
    }
  });

  it('should refuse to guess when drizzle applied migrations that are not bundled, and write nothing', async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    const other = await drizzleKitProject();
    try {
      await other.generate('v3', { name: 'everything' }); // a different history: same tables, other files
      const failure = await migrate(db, { migrations: await loadMigrations(other.out), ...quiet }).catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(UnmatchedDrizzleMigrationError);
      expect((failure as UnmatchedDrizzleMigrationError).rows.map((r) => r.id)).toEqual((await drizzleRows()).map((r) => r.id));
      expect((failure as Error).message).toContain("{ onAhead: 'ignore' }");
      const tracking = await db.query<{ present: boolean }>(`SELECT to_regclass('public._migrations') IS NOT NULL AS present`);
      expect(tracking.rows).toEqual([{ present: false }]);
      // getStatus reports the same problem as a warning instead of failing.
      const status = await getStatus(db, { migrations: await loadMigrations(other.out) });
      expect(status.warnings.map((w) => w.message)).toEqual([(failure as Error).message]);
    } finally {
      await other.remove();
    }
  });

  it("should adopt from a table configured with drizzle's migrationsSchema / migrationsTable", async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out, migrationsSchema: 'app', migrationsTable: 'schema_history' });
    try {
      const result = await migrate(db, { migrations: await loadMigrations(project.out), drizzleTable: 'app.schema_history', ...quiet });
      expect(result.adopted).toEqual(['0000_init', '0001_roles']);
    } finally {
      await db.exec('DROP SCHEMA app CASCADE');
    }
  });

  it('should re-run everything when adoption is turned off (drizzleTable: false), which fails on the existing tables', async () => {
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    const failure = await migrate(db, { migrations: await loadMigrations(project.out), drizzleTable: false, ...quiet }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MigrationError);
    expect([(failure as MigrationError).id, (failure as MigrationError).postgres?.code]).toEqual(['0000_init', '42P07']);
    expect(await appliedIds(db)).toEqual([]);
  });
});
