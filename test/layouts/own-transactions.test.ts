import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, OwnTransactionError, readHistory, rollback, type MigrationSource } from '../../src/core/index.js';
import { appliedIds, userTables, emptiedBeforeEach } from '../helpers/database.js';

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

/** A migration as a foreign layout (golang-migrate, diesel, Prisma) hands it over. */
const foreign = (id: string, sql: string, downSql?: string): MigrationSource => ({
  file: `${id}.up.sql`,
  id,
  sql,
  markers: false,
  ownTransactions: 'allow',
  ...(downSql === undefined ? {} : { downSql, downFile: `${id}.down.sql` }),
});
const silent = { onWarning: () => {} };

describe('migrations that manage their own transaction (foreign layouts)', () => {
  it('should run a file wrapped in BEGIN/COMMIT, and roll it back with its down wrapped the same way', async () => {
    const migrations = [
      foreign('1_users', 'BEGIN;\nCREATE TABLE users (id int PRIMARY KEY);\nINSERT INTO users VALUES (1);\nCOMMIT;', 'BEGIN;\nDROP TABLE users;\nCOMMIT;'),
      foreign('2_posts', 'CREATE TABLE posts (id int);', 'DROP TABLE posts;'),
    ];
    expect((await migrate(db, { migrations })).applied).toEqual(['1_users', '2_posts']);
    expect(await userTables(db)).toEqual(['posts', 'users']);
    expect((await rollback(db, { migrations, to: 0 })).reverted).toEqual(['2_posts', '1_users']);
    expect(await userTables(db)).toEqual([]);
    expect(await appliedIds(db)).toEqual([]);
  });

  it('should leave no trace when a file wrapped in BEGIN/COMMIT fails inside (its row and its statements roll back together)', async () => {
    const migrations = [
      foreign('1_users', 'CREATE TABLE users (id int PRIMARY KEY);'),
      foreign('2_bad', 'BEGIN;\nCREATE TABLE posts (id int);\nINSERT INTO users VALUES (1), (1);\nCOMMIT;'),
    ];
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ id: '2_bad', line: 3, statement: 'INSERT INTO users VALUES (1), (1)', committedThroughLine: undefined });
    expect(error.postgres?.code).toBe('23505');
    expect(error.message).toContain('It was rolled back and nothing after it ran');
    expect(await userTables(db)).toEqual(['users']);
    expect(await appliedIds(db)).toEqual(['1_users']);
  });

  it('should commit where the file commits: a value added to an enum is usable after its COMMIT', async () => {
    const migrations = [
      foreign(
        '1_mood',
        "CREATE TYPE mood AS ENUM ('sad');\nCREATE TABLE people (name text, mood mood);\nALTER TYPE mood ADD VALUE 'happy';\nCOMMIT;\nINSERT INTO people VALUES ('ada', 'happy');",
      ),
    ];
    expect((await migrate(db, { migrations })).applied).toEqual(['1_mood']);
    expect((await db.query('SELECT name, mood FROM people')).rows).toEqual([{ name: 'ada', mood: 'happy' }]);
    expect(await appliedIds(db)).toEqual(['1_mood']);
  });

  it("should say what stays when a statement after the file's own COMMIT fails", async () => {
    const migrations = [foreign('1_split', 'CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);\nINSERT INTO missing VALUES (1);')];
    const error = (await migrate(db, { migrations }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ id: '1_split', line: 4, committedThroughLine: 2, statement: 'INSERT INTO missing VALUES (1)' });
    expect(error.results.at(-1)).toMatchObject({ id: '1_split', status: 'failed', committedThroughLine: 2 });
    expect(error.message).toContain('up to line 2 permanent');
    // What the file committed stays; what followed its COMMIT rolled back; it is not recorded as applied.
    expect(await userTables(db)).toEqual(['a']);
    expect(await appliedIds(db)).toEqual([]);
    const [failed] = await readHistory(db, { limit: 1 });
    expect(failed).toMatchObject({ action: 'failed', migrationId: '1_split' });
    expect(failed!.error).toContain('lines up to 2 permanent');
  });

  it('should follow a ROLLBACK in the file: what it discards is gone, the migration is recorded', async () => {
    const migrations = [foreign('1_try', 'BEGIN;\nCREATE TABLE scratch (id int);\nROLLBACK;\nCREATE TABLE kept (id int);')];
    await migrate(db, { migrations });
    expect(await userTables(db)).toEqual(['kept']);
    expect(await appliedIds(db)).toEqual(['1_try']);
  });

  it("should keep rejecting BEGIN/COMMIT in pgboot's own format", async () => {
    const native: MigrationSource[] = [{ file: '001_x.sql', sql: 'BEGIN;\nCREATE TABLE x (id int);\nCOMMIT;' }];
    await expect(migrate(db, { migrations: native, ...silent })).rejects.toThrow(OwnTransactionError);
  });

  it('should send a plain SQL migration and its bookkeeping as one text: a trailing comment, odd app builds and failures still work', async () => {
    const appBuild = "v1 'quoted' $pgboot$ \\ done";
    const migrations = [foreign('1_a', 'CREATE TABLE a (id int) -- no newline at the end'), foreign('2_b', 'SELECT 1;\n/* just a comment */')];
    await migrate(db, { migrations, appBuild });
    const { rows } = await db.query<{ id: string; app_build: string; duration_ms: number }>('SELECT id, app_build, duration_ms FROM _migrations ORDER BY id');
    expect(rows.map((r) => [r.id, r.app_build])).toEqual([
      ['1_a', appBuild],
      ['2_b', appBuild],
    ]);
    expect(rows.every((r) => Number.isInteger(r.duration_ms) && r.duration_ms >= 0)).toBe(true);
    const history = await readHistory(db);
    expect(history.filter((e) => e.action === 'up').map((e) => [e.migrationId, e.appBuild])).toEqual([
      ['2_b', appBuild],
      ['1_a', appBuild],
    ]);

    const failing = [...migrations, foreign('3_c', 'CREATE TABLE c (id int);\nSELECT * FROM nowhere;')];
    const error = (await migrate(db, { migrations: failing }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toMatchObject({ id: '3_c', line: 2, statement: 'SELECT * FROM nowhere' });
    expect(await userTables(db)).toEqual(['a']);
    expect(await appliedIds(db)).toEqual(['1_a', '2_b']);
  });

  it('should run a migration marked transaction: false (diesel run_in_transaction = false) statement by statement, outside a transaction', async () => {
    const migrations: MigrationSource[] = [
      foreign('1_users', 'CREATE TABLE users (id int, name text);', 'DROP TABLE users;'),
      {
        ...foreign(
          '2_index',
          'CREATE INDEX CONCURRENTLY users_name ON users (name);\nCREATE INDEX CONCURRENTLY users_id ON users (id);',
          'DROP INDEX CONCURRENTLY users_id;\nDROP INDEX CONCURRENTLY users_name;',
        ),
        transaction: false,
      },
    ];
    expect((await migrate(db, { migrations })).applied).toEqual(['1_users', '2_index']);
    expect((await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1`)).rows).toEqual([
      { indexname: 'users_id' },
      { indexname: 'users_name' },
    ]);
    expect((await rollback(db, { migrations, steps: 1 })).reverted).toEqual(['2_index']);
    expect((await db.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'users'`)).rows).toEqual([]);
  });
});
