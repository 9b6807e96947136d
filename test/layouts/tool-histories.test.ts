import { rm } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  getStatus,
  migrate,
  readHistory,
  rollback,
  UnfinishedToolMigrationError,
  UnmatchedToolMigrationError,
  type MigrationWarning,
} from '../../src/core/index.js';
import { schemaFingerprint } from '../../src/cli/schema-fingerprint.js';
import { loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, emptiedBeforeEach } from '../helpers/database.js';
import {
  applyLikeDbmate,
  applyLikeDiesel,
  applyLikeGolangMigrate,
  applyLikePrisma,
  dbmateFolder,
  dieselFolder,
  generateHistory,
  golangMigrateFolder,
  prismaFolder,
  writeFolder,
  type ToolFolder,
} from '../helpers/tool-history.js';

const COUNT = 320;
const HALF = 160;
const steps = generateHistory(COUNT);

let db: PGlite;
const dirs: string[] = [];
emptiedBeforeEach((opened) => {
  db = opened;
});
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folderOnDisk(folder: ToolFolder): Promise<string> {
  const dir = await writeFolder(folder.files);
  dirs.push(dir);
  return dir;
}

/** The schema without the tools' own tracking tables (pgboot's and diesel's are left out by the fingerprint). */
const appSchema = async () => (await schemaFingerprint(db)).filter((line) => !/schema_migrations|_prisma_migrations/.test(line));

const TOOLS = [
  { tool: 'golang-migrate', layout: 'golang-migrate', table: 'schema_migrations', folder: golangMigrateFolder, apply: applyLikeGolangMigrate },
  { tool: 'dbmate', layout: 'dbmate', table: 'schema_migrations', folder: dbmateFolder, apply: applyLikeDbmate },
  { tool: 'Prisma Migrate', layout: 'prisma', table: '_prisma_migrations', folder: prismaFolder, apply: applyLikePrisma },
  { tool: 'diesel', layout: 'diesel', table: '__diesel_schema_migrations', folder: dieselFolder, apply: applyLikeDiesel },
] as const;

describe(`a history of ${COUNT} migrations, half applied by its own tool, finished by pgboot`, () => {
  const references = new Map<string, string[]>();

  for (const { tool, layout, table, folder: write, apply } of TOOLS) {
    it(`should adopt what ${tool} applied, run the rest, and build the schema pgboot builds from scratch`, async () => {
      const folder = write(steps);
      const dir = await folderOnDisk(folder);
      const migrations = await loadMigrations(dir, { layout });
      const quiet = { onWarning: () => {} };

      // The reference: pgboot applies the whole folder to an empty database.
      const fresh = await migrate(db, { migrations, ...quiet });
      expect(fresh.applied).toEqual(folder.ids);
      const reference = await appSchema();
      references.set(tool, reference);

      await emptyDatabase(db);
      await apply(db, folder, HALF);
      const toolRows = (await db.query(`SELECT * FROM ${table} ORDER BY 1`)).rows;

      const status = await getStatus(db, { migrations });
      expect(status.adoptable).toEqual(folder.ids.slice(0, HALF));
      expect(status.pending).toEqual(folder.ids.slice(HALF));
      expect(new Set(Object.values(status.adoptableFrom))).toEqual(new Set([tool]));
      expect(status.warnings).toEqual([]);
      // When the tool applied it, where the tool keeps that (Prisma's finished_at, diesel's run_on), else now.
      const appliedAt = status.entries.slice(0, HALF).map((e) => e.appliedAt!.getTime());
      expect(appliedAt.every((t) => Math.abs(Date.now() - t) < 600_000)).toBe(true);

      const warnings: MigrationWarning[] = [];
      const result = await migrate(db, { migrations, onWarning: (w) => warnings.push(w) });
      expect(result.adopted).toEqual(folder.ids.slice(0, HALF));
      expect(result.applied).toEqual(folder.ids.slice(HALF));
      expect(warnings).toEqual([]);
      expect(await appSchema()).toEqual(reference);
      expect(await appliedIds(db)).toEqual(folder.ids);

      const adopted = (await readHistory(db)).filter((e) => e.action === 'adopt');
      expect(adopted.map((e) => e.migrationId).sort()).toEqual(folder.ids.slice(0, HALF));
      expect(new Set(adopted.map((e) => e.details?.from))).toEqual(new Set([table]));

      const dieselVersions = async () => (await db.query<{ version: string }>(`SELECT version FROM ${table} ORDER BY version`)).rows.map((r) => r.version);
      if (layout === 'diesel') {
        // pgboot keeps diesel's table as diesel does: now it lists every migration, so diesel and pgboot agree.
        expect(await dieselVersions()).toEqual(folder.ids.map((id) => id.slice(0, 14)));
      } else {
        // Read, never written.
        expect((await db.query(`SELECT * FROM ${table} ORDER BY 1`)).rows).toEqual(toolRows);
      }

      if (layout !== 'prisma') {
        // Back through the newest six: a COMMIT mid-file, a file wrapped in BEGIN/COMMIT, and an empty down
        // (the enum value it added stays, as with the tool itself).
        const back = await rollback(db, { migrations, steps: 6, ...quiet });
        expect(back.reverted).toEqual(folder.ids.slice(-6).reverse());
        expect(folder.ids.at(-5)).toMatch(/_add_mood_m315$/);
        const moods = await db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::mood))::text AS v`);
        expect(moods.rows.at(-1)).toEqual({ v: 'n319' });
        expect(await appliedIds(db)).toEqual(folder.ids.slice(0, -6));
        if (layout === 'diesel') expect(await dieselVersions()).toEqual(folder.ids.slice(0, -6).map((id) => id.slice(0, 14)));
      }
    });
  }

  it('should build one schema whatever the tool', () => {
    const [first, ...rest] = [...references.values()];
    expect(first!.length).toBeGreaterThan(COUNT);
    for (const other of rest) expect(other).toEqual(first);
  });
});

describe('states pgboot must not go on from', () => {
  const small = generateHistory(12);

  it("should refuse golang-migrate's dirty version, naming it and what to force, and adopt once it is clean", async () => {
    const folder = golangMigrateFolder(small);
    const migrations = await loadMigrations(await folderOnDisk(folder), { layout: 'golang-migrate' });
    await applyLikeGolangMigrate(db, folder, 5);
    // The sixth failed part-way: golang-migrate set it dirty and ran its first statement only.
    await db.exec(`TRUNCATE schema_migrations; INSERT INTO schema_migrations VALUES (6, true)`);
    await db.exec(`CREATE TABLE audit_5 (id serial PRIMARY KEY, row_id int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);

    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as UnfinishedToolMigrationError;
    expect(error).toBeInstanceOf(UnfinishedToolMigrationError);
    expect(error).toMatchObject({ tool: 'golang-migrate', table: 'schema_migrations', migration: '6', file: '000006_audit_5.up.sql' });
    expect(error.message).toContain("'migrate force 6' if the migration is now fully applied, or 'migrate force 5'");
    expect(await appliedIds(db)).toEqual([]);
    const status = await getStatus(db, { migrations });
    expect(status.adoptable).toEqual([]);
    expect(status.warnings.map((w) => w.message)).toEqual([error.message]);

    // Repaired by hand and forced back, as golang-migrate's docs say: pgboot adopts 1..5 and runs 6.. itself.
    await db.exec(`DROP TABLE audit_5; UPDATE schema_migrations SET version = 5, dirty = false`);
    const result = await migrate(db, { migrations, onWarning: () => {} });
    expect(result.adopted).toEqual(folder.ids.slice(0, 5));
    expect(result.applied).toEqual(folder.ids.slice(5));
  });

  it('should refuse a Prisma migration that failed, or was rolled back and not applied again, and adopt a rolled-back one applied since', async () => {
    const folder = prismaFolder(small);
    const migrations = await loadMigrations(await folderOnDisk(folder), { layout: 'prisma' });
    await applyLikePrisma(db, folder, 4);
    const name = folder.ids[4]!;
    await db.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('a0000000-0000-4000-8000-000000000000', 'x', $1, E'\\nDbError { severity: "ERROR", code: "42P07" }', now(), 0)`,
      [name],
    );
    const failed = (await migrate(db, { migrations }).catch((e: unknown) => e)) as UnfinishedToolMigrationError;
    expect(failed).toBeInstanceOf(UnfinishedToolMigrationError);
    expect(failed).toMatchObject({ tool: 'Prisma Migrate', migration: name, file: `${name}/migration.sql` });
    expect(failed.message).toContain(`as failed`);
    expect(failed.message).toContain('DbError { severity: "ERROR", code: "42P07" }');
    expect(failed.message).toContain(`prisma migrate resolve --rolled-back ${name}`);

    await db.exec(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL`);
    const rolledBack = (await migrate(db, { migrations }).catch((e: unknown) => e)) as UnfinishedToolMigrationError;
    expect(rolledBack).toBeInstanceOf(UnfinishedToolMigrationError);
    expect(rolledBack.message).toContain('as rolled back');
    expect(rolledBack.message).toContain('prisma migrate deploy');
    expect(await appliedIds(db)).toEqual([]);

    // Prisma's own recovery: the next deploy applies it again in a new row. That history is adopted.
    await applyLikePrisma(db, { ...folder, ids: folder.ids.slice(4) }, 1);
    const result = await migrate(db, { migrations, onWarning: () => {} });
    expect(result.adopted).toEqual(folder.ids.slice(0, 5));
    expect(result.applied).toEqual(folder.ids.slice(5));
  });

  it('should record the checksum Prisma saw for a file edited since, so the edit is reported as drift', async () => {
    const folder = prismaFolder(small);
    await applyLikePrisma(db, folder, 3);
    const edited = { ...folder.files, [`${folder.ids[1]}/migration.sql`]: `${folder.files[`${folder.ids[1]}/migration.sql`]}-- edited\n` };
    const migrations = await loadMigrations(await folderOnDisk({ files: edited, ids: folder.ids }), { layout: 'prisma' });
    const error = await migrate(db, { migrations }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).drifted.map((d) => d.id)).toEqual([folder.ids[1]]);
  });

  it('should refuse versions dbmate recorded that no bundled migration has, unless onAhead is ignore', async () => {
    const folder = dbmateFolder(small);
    const migrations = await loadMigrations(await folderOnDisk(folder), { layout: 'dbmate' });
    await applyLikeDbmate(db, folder, 3);
    await db.exec(`INSERT INTO schema_migrations (version) VALUES ('20991231000000')`);
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as UnmatchedToolMigrationError;
    expect(error).toBeInstanceOf(UnmatchedToolMigrationError);
    expect(error).toMatchObject({ tool: 'dbmate', table: 'schema_migrations', migrations: ['20991231000000'] });
    expect(await appliedIds(db)).toEqual([]);

    const warnings: MigrationWarning[] = [];
    const result = await migrate(db, { migrations, onAhead: 'ignore', onWarning: (w) => warnings.push(w) });
    expect(result.adopted).toEqual(folder.ids.slice(0, 3));
    expect(warnings.map((w) => w.message)).toEqual([error.message]);
  });

  it('should not adopt again after pgboot rolled everything back, though the other tool’s table still lists it', async () => {
    const folder = golangMigrateFolder(small.slice(0, 3));
    const migrations = await loadMigrations(await folderOnDisk(folder), { layout: 'golang-migrate' });
    await applyLikeGolangMigrate(db, folder, 2);
    expect((await migrate(db, { migrations, onWarning: () => {} })).adopted).toEqual(folder.ids.slice(0, 2));
    await rollback(db, { migrations, to: 0, onWarning: () => {} });
    expect((await getStatus(db, { migrations })).adoptable).toEqual([]);
    const again = await migrate(db, { migrations, onWarning: () => {} });
    expect(again).toMatchObject({ adopted: [], applied: folder.ids });
  });

  it('should leave other tools’ tables alone with adopt: false', async () => {
    const folder = golangMigrateFolder(small.slice(0, 2));
    const migrations = await loadMigrations(await folderOnDisk(folder), { layout: 'golang-migrate' });
    await applyLikeGolangMigrate(db, folder, 2);
    expect((await getStatus(db, { migrations, adopt: false })).adoptable).toEqual([]);
    const error = await migrate(db, { migrations, adopt: false, onWarning: () => {} }).catch((e: unknown) => e);
    expect(String(error)).toContain('type "mood" already exists');
  });

  it("should create diesel's table before a diesel migration that refers to it runs", async () => {
    const folder = dieselFolder(small.slice(0, 1));
    const guard = '2023-12-31-000000_forbid_diesel_cli';
    const files = {
      ...folder.files,
      [`${guard}/up.sql`]: `CREATE FUNCTION no_diesel() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'run migrations with pgboot'; END; $$;
CREATE TRIGGER no_diesel BEFORE INSERT ON __diesel_schema_migrations FOR EACH ROW WHEN (NEW.version > '20240101000000') EXECUTE FUNCTION no_diesel();\n`,
      [`${guard}/down.sql`]: `DROP TRIGGER no_diesel ON __diesel_schema_migrations;\nDROP FUNCTION no_diesel();\n`,
    };
    const migrations = await loadMigrations(await folderOnDisk({ files, ids: [] }), { layout: 'diesel' });
    const result = await migrate(db, { migrations, onWarning: () => {} });
    expect(result.applied).toEqual(['20231231000000_forbid_diesel_cli', '20240101000000_init']);
    const versions = await db.query(`SELECT version FROM __diesel_schema_migrations ORDER BY version`);
    expect(versions.rows).toEqual([{ version: '20231231000000' }, { version: '20240101000000' }]);
  });
});
