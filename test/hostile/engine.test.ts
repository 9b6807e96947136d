// Issue 15, engine side: hostile migration texts and modules through `migrate` on real PGlite.
import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { migrate, MigrationError, OwnTransactionError, readHistory, type MigrationSource } from '../../src/core/index.js';
import { appliedIds, userTables, emptiedBeforeEach } from '../helpers/database.js';

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});
const silent = { onWarning: () => {} };

async function failure(migrations: MigrationSource[]): Promise<MigrationError> {
  const error = await migrate(db, { migrations, ...silent }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe('a large seed file (item 1)', () => {
  // 60,000 statements: the quadratic splitter took minutes on this; linear work takes seconds.
  it('should run a 60,000-statement file and name the failing statement and its line', { timeout: 60_000 }, async () => {
    const count = 60_000;
    const lines = ['CREATE TABLE seed (id int PRIMARY KEY, label text);'];
    for (let i = 1; i <= count; i++) lines.push(`INSERT INTO seed VALUES (${i}, 'row ${i}');`);
    lines.push(`INSERT INTO seed VALUES (${count}, 'repeated key');`);
    const error = await failure([
      { file: '001_schema.sql', sql: 'CREATE TABLE other (id int);' },
      { file: '002_seed.sql', sql: `${lines.join('\n')}\n` },
    ]);
    expect(error).toMatchObject({ id: '002_seed', file: '002_seed.sql', line: count + 2, statement: `INSERT INTO seed VALUES (${count}, 'repeated key')` });
    expect(error.postgres?.code).toBe('23505');
    expect(await appliedIds(db)).toEqual(['001_schema']);
    expect(await userTables(db)).toEqual(['other']);
  });
});

describe('a transaction:false section that fails part-way (item 7)', () => {
  it('should say which statements stayed applied instead of "rolled back"', async () => {
    const error = await failure([
      {
        file: '001_concurrent.sql',
        sql: '-- migrate:up transaction:false\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE c (id no_such_type);\nCREATE TABLE d (id int);\n',
      },
    ]);
    expect(error.message).not.toContain('It was rolled back');
    expect(error.message).toContain('transaction:false');
    expect(error.message).toContain('the first 2 statement(s) (lines 2-3) ran and stay applied');
    expect(error.results).toEqual([expect.objectContaining({ id: '001_concurrent', status: 'failed', committedThroughLine: 3, committedStatements: 2 })]);
    expect(error.line).toBe(4);
    expect(await userTables(db)).toEqual(['a', 'b']);
    expect(await appliedIds(db)).toEqual([]);
  });
});

describe('a TS migration that does not await a failing query (item 8)', () => {
  it('should name the migration and the un-awaited statement, not its own bookkeeping', async () => {
    const error = await failure([
      { file: '001_init.sql', sql: 'CREATE TABLE notes (id int);' },
      {
        file: '002_forgot_await.ts',
        checksum: 'x'.repeat(64),
        module: {
          async up(handle) {
            void handle.query('INSERT INTO notes VALUES (1)');
            void handle.query('SELECT 1 / 0');
          },
        },
      },
    ]);
    expect(error).toMatchObject({ id: '002_forgot_await', file: '002_forgot_await.ts', statement: 'SELECT 1 / 0' });
    expect(error.postgres?.code).toBe('22012');
    expect(error.message).toContain('not awaited');
    expect(error.message).not.toContain('_migrations');
    expect(await appliedIds(db)).toEqual(['001_init']);
    expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 0 }]);
    const failed = (await readHistory(db)).filter((entry) => entry.action === 'failed');
    expect(failed.map((entry) => entry.migrationId)).toEqual(['002_forgot_await']);
  });

  it('should wait for un-awaited queries that succeed before recording the migration', async () => {
    await migrate(db, {
      migrations: [
        { file: '001_init.sql', sql: 'CREATE TABLE notes (id int);' },
        {
          file: '002_fire_and_forget.ts',
          checksum: 'y'.repeat(64),
          module: {
            async up(handle) {
              for (let i = 0; i < 20; i++) void handle.query('INSERT INTO notes VALUES ($1)', [i]);
            },
          },
        },
      ],
      ...silent,
    });
    expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: 20 }]);
  });
});

describe('advice that fits the file (item 11)', () => {
  it('should not advise transaction:false for a section that already has it', async () => {
    const error = await migrate(db, {
      migrations: [{ file: '001_own.sql', sql: '-- migrate:up transaction:false\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n' }],
      ...silent,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OwnTransactionError);
    expect((error as Error).message).toContain('001_own.sql:2');
    expect((error as Error).message).not.toContain("start the file with '-- migrate:up transaction:false'");
    expect((error as Error).message).toContain('already runs each statement on its own');
  });

  it('should not point past the end of a one-line file', async () => {
    const error = await failure([{ file: '001_unfinished.sql', sql: 'CREATE TABLE a (id int\n' }]);
    expect(error.postgres?.code).toBe('42601');
    expect(error.line).toBe(1);
    expect(error.message).toContain('001_unfinished.sql:1:');
  });
});

describe('a NUL character in SQL handed over in code (item 2)', () => {
  it('should be refused before anything runs, naming file and line, instead of an untyped PGlite error', async () => {
    const error = await migrate(db, {
      migrations: [
        { file: '001_first.sql', sql: 'CREATE TABLE first (id int);' },
        { file: '002_nul.sql', sql: "CREATE TABLE b (x text);\nINSERT INTO b VALUES ('a\0b');\n" },
      ],
      ...silent,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidFileEncodingError', file: '002_nul.sql', line: 2 });
    expect(await appliedIds(db)).toEqual([]);
    expect(await userTables(db)).toEqual([]);
  });
});
