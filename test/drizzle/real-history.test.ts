import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFingerprint } from '../../src/cli/schema-fingerprint.js';
import { checkMigrations } from '../../src/cli/check-migrations.js';
import { getStatus, migrate, readMigrationFolder, type MigrationWarning } from '../../src/core/index.js';
import { loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, emptiedBeforeEach } from '../helpers/database.js';
import { drizzleFolder, generateHistory, writeFolder } from '../helpers/tool-history.js';
import { memoryFolder } from '../layouts/memory-folder.js';

const COUNT = 320;
const HALF = 160;
/** A step that creates `child_158`, whose foreign key the leftover below would change. */
const CHILD = 158;

let db: PGlite;
const dirs: string[] = [];
emptiedBeforeEach((opened) => {
  db = opened;
});
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The app's schema, without drizzle's own schema and table. */
const appSchema = async () => (await schemaFingerprint(db)).filter((line) => !/\bdrizzle\b/.test(line));
const quiet = { onWarning: () => {} };

describe(`a drizzle-kit classic folder of ${COUNT} migrations, as drizzle-orm's migrator runs it`, () => {
  const steps = generateHistory(COUNT);
  const folder = drizzleFolder(steps);
  const childTag = folder.ids[CHILD]!;
  // A leftover of a merge: the same index as a listed migration, not in the journal. drizzle never runs it.
  const leftover = `${childTag.slice(0, 4)}_zesty_merge.sql`;
  const files = {
    ...folder.files,
    [leftover]: `ALTER TABLE child_${CHILD} DROP CONSTRAINT child_${CHILD}_parent_id_fkey;--> statement-breakpoint
ALTER TABLE child_${CHILD} ADD CONSTRAINT child_${CHILD}_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES t153 (id) ON DELETE SET NULL;\n`,
  };
  let dir: string;
  let drizzleSchema: string[];
  beforeAll(async () => {
    dir = await writeFolder(files);
    dirs.push(dir);
    // What drizzle-orm's own migrator builds from the whole folder (one transaction; the files' COMMITs end it early).
    await emptyDatabase(db);
    await drizzleMigrate(drizzle(db), { migrationsFolder: dir });
    drizzleSchema = await appSchema();
  });

  it('should skip the leftover with a warning, run the own-transaction files, and build the schema drizzle builds', async () => {
    const warnings: MigrationWarning[] = [];
    const migrations = await loadMigrations(dir);
    const result = await migrate(db, { migrations, onWarning: (w) => warnings.push(w) });
    expect(result.applied).toEqual(folder.ids);
    expect(warnings.map((w) => w.file)).toEqual([leftover]);
    expect(warnings[0]!.message).toContain(`it has the number of ${childTag}.sql, which is listed`);
    expect(await appSchema()).toEqual(drizzleSchema);
    const foreignKey = drizzleSchema.find((line) => line.startsWith(`constraint public.child_${CHILD}.child_${CHILD}_parent_id_fkey`));
    expect(foreignKey).toContain('ON DELETE CASCADE');
  });

  it("should adopt the half drizzle's migrator applied, then run the rest, to the same schema", async () => {
    // The app shipped the first half with drizzle's migrator: the journal listed only those then.
    const earlier = await writeFolder({ ...folder.files, 'meta/_journal.json': folder.journal(HALF) });
    dirs.push(earlier);
    await drizzleMigrate(drizzle(db), { migrationsFolder: earlier });

    const migrations = await loadMigrations(dir);
    const status = await getStatus(db, { migrations });
    expect(status.adoptable).toEqual(folder.ids.slice(0, HALF));
    expect(status.pending).toEqual(folder.ids.slice(HALF));
    expect(status.warnings.map((w) => w.file)).toEqual([leftover]);

    const result = await migrate(db, { migrations, ...quiet });
    expect(result.adopted).toEqual(folder.ids.slice(0, HALF));
    expect(result.applied).toEqual(folder.ids.slice(HALF));
    expect(await appliedIds(db)).toEqual(folder.ids);
    expect(await appSchema()).toEqual(drizzleSchema);
  });
});

describe('files the journal does not list', () => {
  const journal = (tags: string[]) =>
    JSON.stringify({ version: '7', dialect: 'postgresql', entries: tags.map((tag, idx) => ({ idx, version: '7', when: idx + 1, tag, breakpoints: true })) });

  it('should skip those that look like drizzle-kit output and keep hand-written pgboot migrations', async () => {
    const folder = memoryFolder({
      'meta/_journal.json': journal(['20260101000000_init', '20260102000000_posts']),
      '20260101000000_init.sql': 'CREATE TABLE users (id int);',
      '20260102000000_posts.sql': 'CREATE TABLE posts (id int);',
      '20260102000000_posts_old.sql': 'CREATE TABLE posts (id bigint);', // same number as a listed one
      '0003_silly_hero.sql': 'SELECT 3;', // drizzle-kit's index prefix
      '20260103000000_generated.sql': 'ALTER TABLE posts ADD COLUMN a int;--> statement-breakpoint\nALTER TABLE posts ADD COLUMN b int;', // breakpoints
      '20260104000000_seed.sql': 'INSERT INTO users VALUES (1);\n-- migrate:down\nDELETE FROM users;',
      '20260105000000_backfill.ts': 'export async function up() {}',
    });
    const { entries, warnings } = await readMigrationFolder(folder);
    expect(entries.map((e) => e.file)).toEqual([
      '20260101000000_init.sql',
      '20260102000000_posts.sql',
      '20260104000000_seed.sql',
      '20260105000000_backfill.ts',
    ]);
    expect(warnings.map((w) => [w.file, /, and (.*), so it is/.exec(w.message)?.[1]])).toEqual([
      ['0003_silly_hero.sql', "it is numbered like drizzle-kit's index prefix (four digits)"],
      ['20260102000000_posts_old.sql', 'it has the number of 20260102000000_posts.sql, which is listed'],
      ['20260103000000_generated.sql', "it holds drizzle-kit's '--> statement-breakpoint' lines"],
    ]);
  });

  it('should list the leftover in pgboot check, which applies the rest', async () => {
    const folder = drizzleFolder(generateHistory(4));
    const dir = await writeFolder({
      ...folder.files,
      '0002_old_note.sql': 'ALTER TABLE t1 ADD COLUMN note_2 int;\n',
      '20990101000000_handwritten.sql': 'CREATE TABLE extra (id int);\n',
    });
    dirs.push(dir);
    await writeFile(join(dir, 'README.md'), 'not a migration\n');
    const report = await checkMigrations(dir);
    expect(report.errors).toBe(0);
    expect(report.findings.filter((f) => f.file === '0002_old_note.sql')).toEqual([
      { level: 'warning', file: '0002_old_note.sql', message: expect.stringContaining("drizzle-orm's migrator never runs") },
    ]);
    expect(report.steps.find((s) => s.name === 'apply')).toMatchObject({ status: 'ok', detail: expect.stringContaining('applied 5 migration(s)') });
  });
});
