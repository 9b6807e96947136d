import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksumOf, migrate, readHistory, readMigrationFolder } from '../../src/core/index.js';
import { loadMigrations, openFolder } from '../../src/node/index.js';
import { emptyDatabase, schemaSnapshot, sharedDatabase } from '../helpers/database.js';
import { DRIZZLE_1, drizzleKitProject, drizzleOneModules, type DrizzleKitProject } from './drizzle-kit.js';

const quiet = { onWarning: () => {} };

interface DrizzleOne {
  drizzle: (config: { client: PGlite }) => unknown;
  migrate: (db: unknown, config: { migrationsFolder: string }) => Promise<unknown>;
}

let db: PGlite;
let modules: string;
let drizzleOne: DrizzleOne;
beforeAll(async () => {
  [db, modules] = await Promise.all([sharedDatabase(), drizzleOneModules()]);
  const load = (path: string) => import(pathToFileURL(join(modules, 'drizzle-orm', path)).href);
  const [driver, migrator] = await Promise.all([load('pglite/index.js'), load('pglite/migrator.js')]);
  drizzleOne = { drizzle: driver.drizzle, migrate: migrator.migrate };
}, 400_000);
beforeEach(async () => {
  await emptyDatabase(db);
});

describe(`drizzle-kit ${DRIZZLE_1} folder-per-migration layout, generated in the test`, () => {
  let project: DrizzleKitProject;
  let folders: string[];
  beforeAll(async () => {
    project = await drizzleKitProject({ modules });
    await project.generate('v1', { name: 'init' });
    await project.generate('v2', { name: 'roles' });
    folders = (await readdir(project.out)).sort();
  });
  afterAll(() => project.remove());

  it('should detect the layout and use the folder names as ids and their timestamps as created_at', async () => {
    const { layout, entries } = await readMigrationFolder(await openFolder(project.out));
    const expected = await Promise.all(
      folders.map(async (name) => {
        const sql = await readFile(join(project.out, name, 'migration.sql'), 'utf8');
        const s = name.slice(0, 14);
        const createdAt = Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14));
        return {
          kind: 'sql',
          file: `${name}/migration.sql`,
          id: name,
          sql,
          markers: false,
          ownTransactions: 'allow',
          checksum: await checksumOf(sql),
          drizzleCreatedAt: createdAt,
        };
      }),
    );
    expect(layout).toBe('drizzle-folders');
    expect(folders).toEqual([expect.stringMatching(/^\d{14}_init$/), expect.stringMatching(/^\d{14}_roles$/)]);
    expect(entries).toEqual(expected);
  });

  it(`should run the generated files unmodified and build the schema drizzle-orm ${DRIZZLE_1}'s migrator builds`, async () => {
    const result = await migrate(db, { migrations: await loadMigrations(project.out), ...quiet });
    expect(result.applied).toEqual(folders);
    const byPgboot = await schemaSnapshot(db);

    await emptyDatabase(db);
    await drizzleOne.migrate(drizzleOne.drizzle({ client: db }), { migrationsFolder: project.out });
    const byDrizzle = await schemaSnapshot(db);

    const withoutTracking = (s: Record<string, unknown[]>) =>
      Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.filter((r) => !JSON.stringify(r).includes('_migrations'))]));
    expect(byPgboot.relations).toContainEqual({ relname: 'comments', relkind: 'r' });
    expect(withoutTracking(byPgboot)).toEqual(withoutTracking(byDrizzle));
  });

  it(`should adopt a database drizzle-orm ${DRIZZLE_1} migrated (matched by name) and run only the new folder`, async () => {
    const later = await drizzleKitProject({ modules });
    try {
      await later.generate('v1', { name: 'init' });
      await later.generate('v2', { name: 'roles' });
      await drizzleOne.migrate(drizzleOne.drizzle({ client: db }), { migrationsFolder: later.out });
      await db.query(`INSERT INTO users (name) VALUES ('ada')`);
      const applied = (await readdir(later.out)).sort();
      await later.generate('v3', { name: 'bio' });

      const result = await migrate(db, { migrations: await loadMigrations(later.out), ...quiet });

      expect(result.adopted).toEqual(applied);
      expect(result.applied).toEqual([expect.stringMatching(/^\d{14}_bio$/)]);
      expect((await db.query(`SELECT name, bio FROM users`)).rows).toEqual([{ name: 'ada', bio: null }]);
      const adopted = (await readHistory(db)).filter((e) => e.action === 'adopt').map((e) => e.details?.matchedBy);
      expect(adopted).toEqual(['name', 'name']);
    } finally {
      await later.remove();
    }
  });
});
