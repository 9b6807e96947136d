import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  DatabaseAheadError,
  getStatus,
  migrate,
  MigrationError,
  OutOfOrderMigrationError,
  OwnTransactionError,
  readHistory,
  UnknownMigrationTargetError,
  type MigrationSource,
  type SqlMigrationSource,
  type MigrationWarning,
  type Progress,
} from '../../src/core/index.js';
import { appliedIds, emptyDatabase, schemaSnapshot, userTables, emptiedBeforeEach } from '../helpers/database.js';

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

const sql = (file: string, text: string): SqlMigrationSource => ({ file, sql: text });

const five: SqlMigrationSource[] = [
  sql('001_users.sql', '-- migrate:up\nCREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n-- migrate:down\nDROP TABLE users;'),
  sql('002_posts.sql', '-- migrate:up\nCREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users);\n-- migrate:down\nDROP TABLE posts;'),
  sql('003_tags.sql', '-- migrate:up\nCREATE TABLE tags (id serial PRIMARY KEY);\n-- migrate:down\nDROP TABLE tags;'),
  sql('004_likes.sql', '-- migrate:up\nCREATE TABLE likes (id serial PRIMARY KEY);\n-- migrate:down\nDROP TABLE likes;'),
  sql('005_follows.sql', '-- migrate:up\nCREATE TABLE follows (id serial PRIMARY KEY);\n-- migrate:down\nDROP TABLE follows;'),
];
const silent = { onWarning: () => {} };

describe('migrate', () => {
  it('should apply every pending migration in order and record each with its checksum', async () => {
    const result = await migrate(db, { migrations: five, appBuild: 'build-1' });
    expect(result.applied).toEqual(['001_users', '002_posts', '003_tags', '004_likes', '005_follows']);
    expect(result.results.map(({ id, direction, status }) => ({ id, direction, status }))).toEqual(
      result.applied.map((id) => ({ id, direction: 'up', status: 'applied' })),
    );
    expect(result).toMatchObject({ outOfOrder: [], pending: [], warnings: [] });
    expect(await userTables(db)).toEqual(['follows', 'likes', 'posts', 'tags', 'users']);
    const { rows } = await db.query<{ id: string; checksum: string; app_build: string; duration_ms: number }>(
      'SELECT id, checksum, app_build, duration_ms FROM _migrations ORDER BY id',
    );
    const status = await getStatus(db, { migrations: five });
    expect(rows.map((r) => [r.id, r.checksum, r.app_build])).toEqual(status.entries.map((e) => [e.id, e.checksum, 'build-1']));
    expect(rows.every((r) => Number.isInteger(r.duration_ms) && r.duration_ms >= 0)).toBe(true);
  });

  it('should record a migration whose text ends in a comment or lacks its last semicolon', async () => {
    const migrations = [
      sql('001_a.sql', 'CREATE TABLE a (id int) -- no semicolon, no newline'),
      sql('002_b.sql', 'CREATE TABLE b (id int);\n/* a closing block comment */'),
      // Only comments, followed by another migration: a placeholder, recorded (test/core/dev-loop.test.ts).
      sql('003_c.sql', '-- only a comment'),
      sql('004_d.sql', 'SELECT 1'),
    ];
    expect((await migrate(db, { migrations })).applied).toEqual(['001_a', '002_b', '003_c', '004_d']);
    expect(await appliedIds(db)).toEqual(['001_a', '002_b', '003_c', '004_d']);
    expect(await userTables(db)).toEqual(['a', 'b']);
  });

  it('should fail, not skip its bookkeeping, when a text leaves a comment or quote open', async () => {
    const error = (await migrate(db, { migrations: [sql('001_open.sql', 'CREATE TABLE a (id int);\n/* never closed')] }).catch(
      (e: unknown) => e,
    )) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.postgres?.message).toContain('unterminated /* comment');
    expect(await appliedIds(db)).toEqual([]);
    expect(await userTables(db)).toEqual([]);
  });

  it('should do nothing the second time', async () => {
    await migrate(db, { migrations: five });
    const again = await migrate(db, { migrations: five });
    expect(again).toMatchObject({ applied: [], results: [], pending: [] });
    expect(await appliedIds(db)).toHaveLength(5);
  });

  it('should stop at a syntax error in the 3rd of 5: the first 2 stay, the 3rd leaves no trace', async () => {
    const broken = five.map((m, i) =>
      i === 2
        ? sql(
            '003_tags.sql',
            '-- migrate:up\nCREATE TABLE tags (id serial PRIMARY KEY);\nCREATE INDEX tags_idx ON tags (id);\nCREAT TABLE oops (id int);\n-- migrate:down\nDROP TABLE tags;',
          )
        : m,
    );
    await migrate(db, { migrations: five.slice(0, 2) });
    const expectedSchema = await schemaSnapshot(db);
    await emptyDatabase(db);

    const error = await migrate(db, { migrations: broken }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    const failure = error as MigrationError;
    expect(failure).toMatchObject({
      id: '003_tags',
      file: '003_tags.sql',
      line: 4,
      direction: 'up',
      statement: 'CREAT TABLE oops (id int)',
      postgres: { code: '42601', message: 'syntax error at or near "CREAT"' },
    });
    expect(failure.postgres?.position).toBeGreaterThan(0);
    expect(failure.results.map(({ id, status }) => ({ id, status }))).toEqual([
      { id: '001_users', status: 'applied' },
      { id: '002_posts', status: 'applied' },
      { id: '003_tags', status: 'failed' },
    ]);
    expect(failure.message).toContain('003_tags.sql:4: migration failed: syntax error at or near "CREAT" (SQLSTATE 42601)');
    expect(failure.message).toContain('Fix the file and run again');
    expect(await appliedIds(db)).toEqual(['001_users', '002_posts']);
    expect(await schemaSnapshot(db)).toEqual(expectedSchema);
    const [lastEntry] = await readHistory(db);
    expect(lastEntry).toMatchObject({ action: 'failed', migrationId: '003_tags' });
    expect(lastEntry!.error).toContain('syntax error at or near "CREAT"');
  });

  it('should name the failing statement and line when Postgres gives no position', async () => {
    const migrations = [sql('001_data.sql', 'CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n\nINSERT INTO t VALUES (1);\n')];
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ line: 4, statement: 'INSERT INTO t VALUES (1)', postgres: { code: '23505' } });
    expect(await userTables(db)).toEqual([]);
  });

  it('should roll back a TS migration whose up throws, keeping what it did out of the database', async () => {
    const migrations: MigrationSource[] = [
      five[0]!,
      {
        file: '002_seed.ts',
        checksum: 'c2',
        module: {
          up: async (tx) => {
            await tx.query("INSERT INTO users (email) VALUES ('a@example.com')");
            throw new TypeError('cannot read the seed file');
          },
        },
      },
    ];
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ id: '002_seed', file: '002_seed.ts', postgres: undefined, statement: undefined });
    expect(error.message).toContain('002_seed.ts: migration failed: TypeError: cannot read the seed file');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(await appliedIds(db)).toEqual(['001_users']);
    expect((await db.query('SELECT * FROM users')).rows).toEqual([]);
  });

  it('should report the query a TS migration sent when Postgres rejected it', async () => {
    const migrations: MigrationSource[] = [
      { file: '001_bad.ts', checksum: 'c', module: { up: async (tx) => void (await tx.query('SELECT * FROM missing_table')) } },
    ];
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toMatchObject({ statement: 'SELECT * FROM missing_table', postgres: { code: '42P01' } });
  });

  it('should refuse a SQL file with its own BEGIN/COMMIT before running anything', async () => {
    const migrations = [five[0]!, sql('002_own.sql', 'BEGIN;\nCREATE TABLE x (id int);\nCOMMIT;\n')];
    const error = await migrate(db, { migrations }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OwnTransactionError);
    expect(error).toMatchObject({ file: '002_own.sql', line: 1 });
    expect(await userTables(db)).toEqual([]);
    expect(await appliedIds(db)).toEqual([]);
  });

  it('should use a value added by ALTER TYPE ... ADD VALUE in the next migration', async () => {
    const migrations = [
      sql('001_mood.sql', "CREATE TYPE mood AS ENUM ('happy', 'sad');"),
      sql('002_add_meh.sql', "ALTER TYPE mood ADD VALUE 'meh';"),
      sql('003_use_meh.sql', "CREATE TABLE people (id serial, mood mood NOT NULL DEFAULT 'meh');\nINSERT INTO people DEFAULT VALUES;"),
    ];
    await migrate(db, { migrations });
    expect((await db.query('SELECT mood FROM people')).rows).toEqual([{ mood: 'meh' }]);
  });

  it('should run CREATE INDEX CONCURRENTLY in a transaction:false migration, and fail it in a transactional one', async () => {
    const table = sql('001_t.sql', 'CREATE TABLE t (id int, a text);');
    await migrate(db, {
      migrations: [
        table,
        sql('002_idx.sql', '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n'),
      ],
    });
    const { rows } = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY 1");
    expect(rows.map((r) => r.indexname)).toEqual(['t_a', 't_id']);

    await emptyDatabase(db);
    const error = (await migrate(db, { migrations: [table, sql('002_idx.sql', 'CREATE INDEX CONCURRENTLY t_a ON t (a);')] }).catch(
      (e: unknown) => e,
    )) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.postgres?.message).toContain('cannot run inside a transaction block');
  });

  it('should apply a TS module with transaction = false outside a transaction', async () => {
    const migrations: MigrationSource[] = [
      sql('001_t.sql', 'CREATE TABLE t (id int);'),
      { file: '002_idx.ts', checksum: 'c', module: { transaction: false, up: async (tx) => void (await tx.exec('CREATE INDEX CONCURRENTLY t_id ON t (id)')) } },
    ];
    await migrate(db, { migrations });
    expect(await appliedIds(db)).toEqual(['001_t', '002_idx']);
  });

  it('should refuse to run when an applied migration was edited (drift), unless told to warn', async () => {
    await migrate(db, { migrations: five.slice(0, 2) });
    const edited = [five[0]!, sql('002_posts.sql', five[1]!.sql + '\n-- an edit'), ...five.slice(2)];
    const error = await migrate(db, { migrations: edited }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ file: '002_posts.sql' });
    expect((error as Error).message).toContain('002_posts.sql: this migration was applied with checksum');
    expect(await appliedIds(db)).toEqual(['001_users', '002_posts']);

    const warnings: MigrationWarning[] = [];
    const result = await migrate(db, { migrations: edited, onDrift: 'warn', onWarning: (w) => warnings.push(w) });
    expect(result.applied).toEqual(['003_tags', '004_likes', '005_follows']);
    expect(warnings.map((w) => w.file)).toEqual(['002_posts.sql']);
  });

  it('should refuse a database with a migration this build lacks (ahead), unless told to ignore', async () => {
    await migrate(db, { migrations: five });
    const olderBuild = five.slice(0, 3);
    const error = await migrate(db, { migrations: olderBuild }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseAheadError);
    expect(error).toMatchObject({ unknown: ['004_likes', '005_follows'] });
    expect((error as Error).message).toContain('reload to get the newest build');
    expect(await migrate(db, { migrations: olderBuild, onAhead: 'ignore' })).toMatchObject({ applied: [] });
    expect(await appliedIds(db)).toHaveLength(5);
  });

  it('should apply an out-of-order migration and report it, or refuse it when asked', async () => {
    await migrate(db, { migrations: [five[0]!, five[2]!] });
    const warnings: MigrationWarning[] = [];
    const refused = await migrate(db, { migrations: five.slice(0, 3), outOfOrder: 'error' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutOfOrderMigrationError);
    expect(refused).toMatchObject({ file: '002_posts.sql', outOfOrder: ['002_posts'] });
    expect(await appliedIds(db)).toEqual(['001_users', '003_tags']);

    const result = await migrate(db, { migrations: five.slice(0, 3), onWarning: (w) => warnings.push(w) });
    expect(result).toMatchObject({ applied: ['002_posts'], outOfOrder: ['002_posts'] });
    expect(warnings[0]?.message).toContain("002_posts.sql: applied out of order (it sorts before '003_tags'");
  });

  it('should stop at `to` and report what is still pending', async () => {
    const result = await migrate(db, { migrations: five, to: '003_tags' });
    expect(result).toMatchObject({ applied: ['001_users', '002_posts', '003_tags'], pending: ['004_likes', '005_follows'] });
    const error = await migrate(db, { migrations: five, to: '999_nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownMigrationTargetError);
  });

  it('should report progress for a splash screen', async () => {
    const progress: Progress[] = [];
    await migrate(db, { migrations: five.slice(0, 2), onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { phase: 'plan', index: 0, total: 2, id: undefined },
      { phase: 'apply', index: 0, total: 2, id: '001_users' },
      { phase: 'apply', index: 1, total: 2, id: '002_posts' },
      { phase: 'persist', index: 2, total: 2, id: undefined },
      { phase: 'done', index: 2, total: 2, id: undefined },
    ]);
  });

  it('should keep the history of ups and failures, newest first', async () => {
    await migrate(db, { migrations: five.slice(0, 1) });
    await migrate(db, { migrations: [five[0]!, sql('002_bad.sql', 'SELECT 1/0;')] }).catch(() => {});
    const history = await readHistory(db);
    expect(history.map((e) => [e.action, e.migrationId])).toEqual([
      ['failed', '002_bad'],
      ['up', '001_users'],
    ]);
    expect(history[0]!.error).toContain('division by zero');
    expect(history[0]!.at).toBeInstanceOf(Date);
  });
});

describe('getStatus', () => {
  it('should classify every migration: applied, pending, drifted, unknown and out of order', async () => {
    await migrate(db, { migrations: [five[0]!, five[2]!, sql('006_gone.sql', 'SELECT 1;')], ...silent });
    const current = [sql('001_users.sql', five[0]!.sql + ' '), five[1]!, five[2]!, five[3]!];
    const status = await getStatus(db, { migrations: current });
    expect(status.entries.map((e) => [e.id, e.state, e.outOfOrder])).toEqual([
      ['001_users', 'drifted', false],
      ['002_posts', 'pending', true],
      ['003_tags', 'applied', false],
      ['004_likes', 'pending', true], // sorts before 006_gone, applied by a newer build
      ['006_gone', 'unknown', false],
    ]);
    expect(status).toMatchObject({
      applied: ['003_tags'],
      pending: ['002_posts', '004_likes'],
      drifted: ['001_users'],
      unknown: ['006_gone'],
      outOfOrder: ['002_posts', '004_likes'],
    });
    const drifted = status.entries[0]!;
    expect(drifted.storedChecksum).not.toBe(drifted.checksum);
    expect(status.entries[4]).toMatchObject({ file: undefined, checksum: undefined, reversible: false });
    expect(status.entries[2]!.appliedAt).toBeInstanceOf(Date);
  });

  it('should read a never-migrated database without creating anything', async () => {
    const status = await getStatus(db, { migrations: five });
    expect(status.pending).toHaveLength(5);
    expect((await db.query("SELECT to_regclass('public._migrations') AS t")).rows).toEqual([{ t: null }]);
  });
});
