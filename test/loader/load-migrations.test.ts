import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksumOf, InvalidMigrationModuleError, InvalidMigrationNameError, migrate, prepareMigrations } from '../../src/core/index.js';
import { loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, sharedDatabase } from '../helpers/database.js';

let db: PGlite;
let dir: string;
beforeAll(async () => {
  db = await sharedDatabase();
});
beforeEach(async () => {
  await emptyDatabase(db);
  dir = await mkdtemp(join(tmpdir(), 'pgboot-loader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tsModule = `import type { MigrationDb } from 'pgboot';
export const description = 'seed the first note';
export async function up(db: MigrationDb): Promise<void> {
  const title: string = 'hello';
  await db.query('INSERT INTO notes (title) VALUES ($1)', [title]);
}
export async function down(db: MigrationDb): Promise<void> {
  await db.exec('DELETE FROM notes');
}
`;

describe('loadMigrations', () => {
  it('should read SQL files and TypeScript modules from a folder and skip what is not a migration', async () => {
    await writeFile(join(dir, '001_notes.sql'), '-- migrate:up\nCREATE TABLE notes (id serial, title text);\n-- migrate:down\nDROP TABLE notes;\n');
    await writeFile(join(dir, '002_seed.ts'), tsModule);
    await writeFile(join(dir, 'README.md'), '# migrations');
    await writeFile(join(dir, '_shared.ts'), 'export const x = 1;');
    await writeFile(join(dir, '.DS_Store'), '');

    const sources = await loadMigrations(dir);

    expect(sources.map((s) => s.file)).toEqual(['001_notes.sql', '002_seed.ts']);
    expect(sources[1]).toMatchObject({ checksum: await checksumOf(tsModule) });
    const result = await migrate(db, { migrations: sources });
    expect(result.applied).toEqual(['001_notes', '002_seed']);
    expect((await db.query('SELECT title FROM notes')).rows).toEqual([{ title: 'hello' }]);
    const { migrations } = await prepareMigrations(sources);
    expect(migrations[1]).toMatchObject({ description: 'seed the first note', transaction: true });
  });

  it('should name a module without up, and one that does not compile', async () => {
    await writeFile(join(dir, '001_nothing.ts'), 'export const down = async () => {};\n');
    await expect(prepareMigrations(await loadMigrations(dir))).rejects.toThrow(new InvalidMigrationModuleError('001_nothing.ts', "it does not export 'up'"));
    await rm(join(dir, '001_nothing.ts'));
    await writeFile(join(dir, '001_broken.ts'), 'export async function up(db) { await db.exec("SELECT 1") \n');
    const error = await prepareMigrations(await loadMigrations(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMigrationModuleError);
    expect((error as Error).message).toContain('001_broken.ts: the module could not be loaded');
    expect(await appliedIds(db)).toEqual([]);
  });

  it('should pass a badly named migration file on to validation, which names it', async () => {
    await writeFile(join(dir, 'AddNotes.sql'), 'SELECT 1;');
    await expect(prepareMigrations(await loadMigrations(dir))).rejects.toThrow(InvalidMigrationNameError);
  });
});
