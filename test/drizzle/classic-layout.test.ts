import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checksumOf,
  InvalidMigrationFolderError,
  IrreversibleMigrationError,
  migrate,
  MigrationError,
  readMigrationFolder,
  rollback,
  type MigrationFolder,
} from '../../src/core/index.js';
import { loadMigrations, openFolder } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, schemaSnapshot, userTables, emptiedBeforeEach } from '../helpers/database.js';
import { drizzleKitProject, type DrizzleKitProject } from './drizzle-kit.js';

interface Journal {
  dialect: string;
  entries: { idx: number; when: number; tag: string }[];
}

const readJournal = async (out: string): Promise<Journal> => JSON.parse(await readFile(join(out, 'meta/_journal.json'), 'utf8'));
const quiet = { onWarning: () => {} };

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

describe('drizzle-kit classic layout, from folders the installed drizzle-kit generates', () => {
  let project: DrizzleKitProject;
  beforeAll(async () => {
    project = await drizzleKitProject();
    await project.generate('v1', { name: 'init' });
    await project.generate('v2', { name: 'roles_and_comments' });
  });
  afterAll(() => project.remove());

  it('should detect the layout and take ids from the journal tags, in journal order', async () => {
    const journal = await readJournal(project.out);
    const { layout, entries } = await readMigrationFolder(await openFolder(project.out));
    const expected = await Promise.all(
      journal.entries.map(async (e) => {
        const sql = await readFile(join(project.out, `${e.tag}.sql`), 'utf8');
        return {
          kind: 'sql',
          file: `${e.tag}.sql`,
          id: e.tag,
          sql,
          markers: false,
          ownTransactions: 'allow',
          checksum: await checksumOf(sql),
          drizzleCreatedAt: e.when,
        };
      }),
    );
    expect(layout).toBe('drizzle-classic');
    expect(journal.entries.map((e) => e.tag)).toEqual(['0000_init', '0001_roles_and_comments']);
    expect(entries).toEqual(expected);
  });

  it("should run the generated files unmodified and build the schema drizzle-orm's own migrator builds", async () => {
    const result = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });
    expect(result.applied).toEqual(['0000_init', '0001_roles_and_comments']);
    const byPgboot = await schemaSnapshot(db);

    await emptyDatabase(db);
    await drizzleMigrate(drizzle(db), { migrationsFolder: project.out });
    const byDrizzle = await schemaSnapshot(db);

    expect(byPgboot.relations).toContainEqual({ relname: 'comments', relkind: 'r' });
    // pgboot's tracking tables aside, the two schemas are the same.
    const withoutTracking = (s: Record<string, unknown[]>) =>
      Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.filter((r) => !JSON.stringify(r).includes('_migrations'))]));
    expect(withoutTracking(byPgboot)).toEqual(withoutTracking(byDrizzle));
  });

  it('should report drizzle SQL as irreversible', async () => {
    await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });
    await expect(rollback(db, { migrations: await loadMigrations(project.out), steps: 1 })).rejects.toBeInstanceOf(IrreversibleMigrationError);
    expect(await appliedIds(db)).toEqual(['0000_init', '0001_roles_and_comments']);
  });
});

describe('a schema change, generated and applied', () => {
  it('should run only the newly generated migration on a database that has the earlier ones', async () => {
    const project = await drizzleKitProject();
    try {
      await project.generate('v1', { name: 'init' });
      expect((await migrate(db, { migrations: await loadMigrations(project.out), ...quiet })).applied).toEqual(['0000_init']);
      await db.query(`INSERT INTO users (name) VALUES ('ada')`);

      await project.generate('v2', { name: 'roles_and_comments' });
      const second = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });

      expect(second.applied).toEqual(['0001_roles_and_comments']);
      expect((await db.query(`SELECT name, role FROM users`)).rows).toEqual([{ name: 'ada', role: 'reader' }]);
      expect(await userTables(db)).toEqual(['comments', 'posts', 'users']);
    } finally {
      await project.remove();
    }
  });
});

describe('statement breakpoints and failures', () => {
  it('should run a custom drizzle migration as one transaction and name the failing statement and line', async () => {
    const project = await drizzleKitProject();
    try {
      await project.generate('v1', { name: 'init' });
      await project.generate('v1', { name: 'seed', custom: true });
      const seed = join(project.out, '0001_seed.sql');
      const header = await readFile(seed, 'utf8');
      // What a user writes into drizzle-kit's custom migration: statements split at breakpoints.
      await writeFile(
        seed,
        `${header}\nINSERT INTO users (name) VALUES ('ada');\n--> statement-breakpoint\nINSERT INTO users (name) VALUES ('grace');\n--> statement-breakpoint\nINSERT INTO authors (name) VALUES ('nobody');\n`,
      );
      const line = (await readFile(seed, 'utf8')).split('\n').findIndex((l) => l.includes('authors')) + 1;

      const failure = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet }).catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(MigrationError);
      const error = failure as MigrationError;
      expect({ id: error.id, file: error.file, line: error.line, statement: error.statement, code: error.postgres?.code }).toEqual({
        id: '0001_seed',
        file: '0001_seed.sql',
        line,
        statement: `INSERT INTO authors (name) VALUES ('nobody')`,
        code: '42P01',
      });
      // The first two inserts were rolled back with the migration; the one before it stays.
      expect(await appliedIds(db)).toEqual(['0000_init']);
      expect((await db.query(`SELECT count(*)::int AS n FROM users`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await project.remove();
    }
  });
});

describe('drizzle-kit output next to hand-written pgboot migrations', () => {
  it("should read drizzle-kit's timestamp-prefixed files and the native files of the same folder, in version order", async () => {
    const project = await drizzleKitProject({ prefix: 'timestamp', out: 'migrations' });
    try {
      await project.generate('v1', { name: 'init' });
      await writeFile(join(project.out, '20000101000000_extensions.sql'), 'CREATE TABLE early (id int);\n');
      await writeFile(
        join(project.out, '29991231235959_seed.ts'),
        `export async function up(db) { await db.query("INSERT INTO users (name) VALUES ('ada')"); }\n`,
      );
      const [drizzleTag] = (await readJournal(project.out)).entries.map((e) => e.tag);

      const { layout } = await readMigrationFolder(await openFolder(project.out));
      const result = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });

      expect(layout).toBe('drizzle-classic');
      expect(drizzleTag).toMatch(/^\d{14}_init$/);
      expect(result.applied).toEqual(['20000101000000_extensions', drizzleTag, '29991231235959_seed']);
      expect((await db.query(`SELECT name FROM users`)).rows).toEqual([{ name: 'ada' }]);
    } finally {
      await project.remove();
    }
  });

  it("should give tags without a number (migrations.prefix: 'none') an id from the journal's idx", async () => {
    const project = await drizzleKitProject({ prefix: 'none' });
    try {
      // drizzle-kit 0.31 writes '_init.sql' (tag '_init'); it keeps one snapshot then, so one migration is the realistic case.
      await project.generate('v1', { name: 'init' });
      const result = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });
      expect((await readJournal(project.out)).entries.map((e) => e.tag)).toEqual(['_init']);
      expect(result.applied).toEqual(['0000_init']);
    } finally {
      await project.remove();
    }
  });
});

describe('malformed drizzle-kit folders', () => {
  const folder = (texts: Record<string, string>): MigrationFolder => ({
    files: Object.keys(texts).sort(),
    readText: async (path) => texts[path]!,
  });
  const journal = (entries: { idx: number; when: number; tag: string }[], dialect = 'postgresql') =>
    JSON.stringify({ version: '7', dialect, entries: entries.map((e) => ({ ...e, version: '7', breakpoints: true })) });
  const failureOf = (texts: Record<string, string>) =>
    readMigrationFolder(folder(texts)).then(
      () => undefined,
      (e: unknown) => e,
    );

  it('should name a journal entry whose file is missing', async () => {
    const error = await failureOf({ 'meta/_journal.json': journal([{ idx: 0, when: 1, tag: '0000_init' }]) });
    expect(error).toBeInstanceOf(InvalidMigrationFolderError);
    expect((error as InvalidMigrationFolderError).file).toBe('0000_init.sql');
    expect((error as Error).message).toContain("'drizzle-kit drop'");
  });

  it('should reject a journal that is not JSON, or not for PostgreSQL', async () => {
    const notJson = await failureOf({ 'meta/_journal.json': '{ "entries": [' });
    const sqlite = await failureOf({ 'meta/_journal.json': journal([], 'sqlite') });
    expect([notJson, sqlite].map((e) => [e instanceof InvalidMigrationFolderError, (e as InvalidMigrationFolderError).file])).toEqual([
      [true, 'meta/_journal.json'],
      [true, 'meta/_journal.json'],
    ]);
    expect((sqlite as Error).message).toContain("'sqlite'");
  });

  it('should refuse a journal whose order disagrees with the tags’ version order', async () => {
    const error = await failureOf({
      'meta/_journal.json': journal([
        { idx: 0, when: 1, tag: '20260101000000_first' },
        { idx: 1, when: 2, tag: '0001_second' },
      ]),
      '20260101000000_first.sql': 'SELECT 1;',
      '0001_second.sql': 'SELECT 2;',
    });
    expect(error).toBeInstanceOf(InvalidMigrationFolderError);
    expect((error as Error).message).toContain("'0001_second' (idx 1) comes after '20260101000000_first' (idx 0)");
  });

  it('should refuse a folder holding both the classic journal and 1.x migration folders', async () => {
    const error = await failureOf({
      'meta/_journal.json': journal([]),
      '20260101000000_init/migration.sql': 'SELECT 1;',
    });
    expect(error).toBeInstanceOf(InvalidMigrationFolderError);
    expect((error as Error).message).toContain('drizzle-kit up');
  });
});
