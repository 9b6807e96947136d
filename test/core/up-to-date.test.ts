import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import {
  checksumOf,
  DuplicateMigrationIdError,
  InvalidMigrationModuleError,
  migrate,
  type MigrateOptions,
  type MigrationSource,
  type MigrationWarning,
  type Progress,
  type SqlMigrationSource,
} from '../../src/core/index.js';
import { withFolderWarnings } from '../../src/core/folder-warnings.js';
import { upToDateResult } from '../../src/core/up-to-date.js';
import { emptyDatabase, emptiedBeforeEach } from '../helpers/database.js';

// The boot's fast check (core/up-to-date.ts) may only answer "nothing to do" when migrate, run
// instead, would do and report nothing; in every other case it hands over (undefined).

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

/** A SQL source with its checksum, as the bundler plugin hands it over. */
async function sql(file: string, text: string, extra: Partial<SqlMigrationSource> = {}): Promise<SqlMigrationSource> {
  return { file, sql: text, checksum: await checksumOf(text), ...extra };
}
const table = (name: string) => `CREATE TABLE ${name} (id int);`;
const historyLength = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM _migrations_log')).rows[0]!.n);

/** What a migrate with nothing to do returns, but for its duration. */
const NOTHING = { results: [], applied: [], adopted: [], outOfOrder: [], pending: [], empty: [], redone: [], warnings: [] };

/** The fast check's answer, and then migrate's for the same call, on the same database. */
async function both(options: MigrateOptions) {
  const fastProgress: Progress['phase'][] = [];
  const fast = await upToDateResult(db, { ...options, onProgress: (p) => void fastProgress.push(p.phase) });
  const warnings: MigrationWarning[] = [];
  const before = await historyLength();
  const progress: Progress['phase'][] = [];
  const full = await migrate(db, { ...options, onWarning: (w) => warnings.push(w), onProgress: (p) => void progress.push(p.phase) });
  return { fast, fastProgress, full, warnings, progress, wrote: (await historyLength()) !== before };
}

describe('upToDateResult, the fast check before the run path loads', () => {
  it('should answer for a database with every bundled migration applied, as migrate would: nothing run, nothing written, plan and done reported', async () => {
    const migrations = [await sql('001_a.sql', table('a')), await sql('002_b.sql', table('b'))];
    await migrate(db, { migrations });
    const { fast, fastProgress, full, warnings, progress, wrote } = await both({ migrations });
    expect(fast).toMatchObject(NOTHING);
    expect({ ...full, durationMs: 0 }).toEqual({ ...fast, durationMs: 0 });
    expect(fastProgress).toEqual(progress);
    expect(fastProgress).toEqual(['plan', 'done']);
    expect(warnings).toEqual([]);
    expect(wrote).toBe(false);
  });

  it("should not flush: PGlite flushes after a query or a transaction's BEGIN, even one that only reads", async () => {
    const migrations = [await sql('001_a.sql', table('a'))];
    await migrate(db, { migrations });
    let flushes = 0;
    const flush = db.syncToFs.bind(db);
    db.syncToFs = async () => {
      flushes++;
      await flush();
    };
    try {
      expect(await upToDateResult(db, { migrations })).toMatchObject(NOTHING);
      expect(flushes).toBe(0);
      await db.query('SELECT 1');
      expect(flushes).toBe(1); // the count sees PGlite's own flushes
    } finally {
      db.syncToFs = flush;
    }
  });

  it('should answer for TS/JS modules imported with the app (the bundler plugin imports them statically)', async () => {
    const migrations: MigrationSource[] = [{ file: '001_seed.ts', checksum: 'c1', module: { up: async () => {} } }];
    await migrate(db, { migrations });
    expect(await upToDateResult(db, { migrations })).toMatchObject(NOTHING);
  });

  it('should hand over a new database, a pending, a changed and an unknown migration', async () => {
    const a = await sql('001_a.sql', table('a'));
    const b = await sql('002_b.sql', table('b'));
    expect(await upToDateResult(db, { migrations: [a] })).toBeUndefined(); // no tracking tables yet
    await migrate(db, { migrations: [a, b] });
    expect(await upToDateResult(db, { migrations: [a, b, await sql('003_c.sql', table('c'))] })).toBeUndefined();
    const changed = await sql('002_b.sql', `${table('b')}\n-- edited`);
    const drift = await both({ migrations: [a, changed], onDrift: 'warn' });
    expect(drift.fast).toBeUndefined();
    expect(drift.warnings).toHaveLength(1);
    const ahead = await both({ migrations: [a], onAhead: 'ignore' });
    expect(ahead.fast).toBeUndefined();
  });

  it('should hand over whatever migrate would report or reject: a target, shared versions, folder warnings, a waiting empty migration, a repeated id', async () => {
    const a = await sql('001_a.sql', table('a'));
    await migrate(db, { migrations: [a] });
    expect(await upToDateResult(db, { migrations: [a], to: '001_a' })).toBeUndefined();

    const folder = withFolderWarnings([a], [{ file: 'notes.txt', message: 'notes.txt: not a migration' }]);
    const warned = await both({ migrations: folder });
    expect(warned.fast).toBeUndefined();
    expect(warned.warnings).toHaveLength(1);

    const empty = await both({ migrations: [a, await sql('002_later.sql', '-- nothing yet\n')] });
    expect(empty.fast).toBeUndefined();
    expect(empty.full.empty).toEqual(['002_later']);

    await expect(upToDateResult(db, { migrations: [a, { ...a, file: 'again/001_a.sql' }] })).resolves.toBeUndefined();
    await expect(migrate(db, { migrations: [a, { ...a, file: 'again/001_a.sql' }] })).rejects.toBeInstanceOf(DuplicateMigrationIdError);
  });

  it('should hand over two migrations sharing a version, which migrate warns about on every run', async () => {
    const migrations = [await sql('001_a.sql', table('a')), await sql('1_b.sql', table('b'))];
    await migrate(db, { migrations, onWarning: () => {} });
    const shared = await both({ migrations });
    expect(shared.fast).toBeUndefined();
    expect(shared.warnings.map((w) => w.file)).toEqual(['1_b.sql']);
  });

  it('should hand over what the recorded checksum does not vouch for: no checksum, a module still to import or with bad exports, a down in a file of its own', async () => {
    const a = await sql('001_a.sql', table('a'));
    await migrate(db, { migrations: [a] });
    expect(await upToDateResult(db, { migrations: [{ file: a.file, sql: a.sql }] })).toBeUndefined();
    expect(await upToDateResult(db, { migrations: [{ ...a, downSql: 'DROP TABLE a;' }] })).toBeUndefined();

    await emptyDatabase(db);
    const seed: MigrationSource = { file: '001_seed.ts', checksum: 'c1', module: { up: async () => {} } };
    await migrate(db, { migrations: [seed] });
    expect(await upToDateResult(db, { migrations: [{ ...seed, module: async () => ({ up: async () => {} }) }] })).toBeUndefined();
    const broken = [{ ...seed, module: { up: 'not a function' } as never }];
    expect(await upToDateResult(db, { migrations: broken })).toBeUndefined();
    await expect(migrate(db, { migrations: broken })).rejects.toBeInstanceOf(InvalidMigrationModuleError);
  });

  it('should hand over tracking tables made before down_sql, which migrate completes', async () => {
    const migrations = [await sql('001_a.sql', table('a'))];
    await migrate(db, { migrations });
    await db.exec('ALTER TABLE _migrations DROP COLUMN down_sql');
    expect(await upToDateResult(db, { migrations })).toBeUndefined();
    await migrate(db, { migrations });
    expect(await upToDateResult(db, { migrations })).toMatchObject(NOTHING);
  });
});
