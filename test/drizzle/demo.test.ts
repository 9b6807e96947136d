import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrate, readMigrationFolder, rollback } from '../../src/core/index.js';
import { loadMigrations, openFolder } from '../../src/node/index.js';
import { emptyDatabase, schemaSnapshot, sharedDatabase } from '../helpers/database.js';

// The notes example's migrations/ folder: hand-written pgboot migrations, then drizzle-kit's output
// (examples/notes/drizzle.config.ts: out 'migrations', prefix 'timestamp') from its src/schema.ts.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const example = join(root, 'examples/notes');
const demoMigrations = join(example, 'migrations');
const quiet = { onWarning: () => {} };

interface Journal {
  entries: { tag: string }[];
}

let db: PGlite;
let journal: Journal;
beforeAll(async () => {
  db = await sharedDatabase();
  journal = JSON.parse(await readFile(join(demoMigrations, 'meta/_journal.json'), 'utf8'));
});
beforeEach(async () => {
  await emptyDatabase(db);
});

describe("the demo's migrations folder", () => {
  it("should be read as drizzle-kit's layout with the hand-written migrations in it, in version order", async () => {
    const { layout, entries } = await readMigrationFolder(await openFolder(demoMigrations));
    // Hand-written pgboot files; a `<tag>.down.sql` belongs to drizzle-kit's `<tag>.sql` (docs/drizzle.md).
    const isDrizzle = (f: string) => journal.entries.some((e) => f === `${e.tag}.sql` || f === `${e.tag}.down.sql`);
    const native = (await readdir(demoMigrations)).filter((f) => /^\d{14}_.*\.(sql|ts)$/.test(f) && !isDrizzle(f));
    const ids = (await migrate(db, { migrations: await loadMigrations(demoMigrations), ...quiet })).applied;

    expect(layout).toBe('drizzle-classic');
    expect(entries.filter((e) => e.kind === 'module').length).toBeGreaterThanOrEqual(2);
    expect(native.length).toBeGreaterThanOrEqual(5);
    // Every hand-written migration runs before drizzle-kit's baseline, and drizzle-kit's newest runs last.
    expect(ids).toEqual([...native.map((f) => f.replace(/\.(sql|ts)$/, '')).sort(), ...journal.entries.map((e) => e.tag)]);
    const { rows } = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'archived_at'`,
    );
    expect(rows).toEqual([{ column_name: 'archived_at' }]);
  });

  it("should roll back drizzle-kit's newest migration with the <tag>.down.sql beside it, and through the comment-only baseline", async () => {
    const migrations = await loadMigrations(demoMigrations);
    await migrate(db, { migrations, ...quiet });
    const archived = `SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'archived_at'`;
    const [newest, baseline] = [...journal.entries].reverse().map((e) => e.tag);
    const result = await rollback(db, { migrations, steps: 2, ...quiet });
    expect(result.reverted).toEqual([newest, baseline]);
    expect((await db.query(archived)).rows).toEqual([]);
    // The down file is not a migration of its own, and it does not change the up file's checksum (drizzle's hash).
    expect(migrations.map((m) => m.file)).not.toContain(`${newest}.down.sql`);
    expect(migrations.find((m) => m.file === `${newest}.sql`)).toMatchObject({ downFile: `${newest}.down.sql` });
    expect((await migrate(db, { migrations, ...quiet })).applied).toEqual([baseline, newest]);
    expect((await db.query(archived)).rows).toEqual([{ column_name: 'archived_at' }]);
  });

  it('should have a drizzle-kit baseline that describes exactly the schema the hand-written migrations built', async () => {
    const baselineTag = journal.entries[0]!.tag;
    const all = await loadMigrations(demoMigrations);
    const native = all.filter((m) => !journal.entries.some((e) => m.file === `${e.tag}.sql`));
    await migrate(db, { migrations: native, ...quiet });
    await db.exec(`TRUNCATE note_tags, notes, tags`);
    const byHand = await schemaSnapshot(db);

    // The baseline keeps drizzle-kit's SQL in a comment: run that SQL on an empty database.
    await emptyDatabase(db);
    const baseline = await readFile(join(demoMigrations, `${baselineTag}.sql`), 'utf8');
    const commented = /\/\*\n([\s\S]*)\n\*\/\s*$/.exec(baseline)![1]!;
    await db.exec(commented);
    const byDrizzle = await schemaSnapshot(db);

    const withoutTracking = (s: Record<string, unknown[]>) =>
      Object.fromEntries(Object.entries(s).map(([k, rows]) => [k, rows.filter((r) => !JSON.stringify(r).includes('_migrations'))]));
    expect(baselineTag).toMatch(/^\d{14}_drizzle_baseline$/);
    expect(withoutTracking(byDrizzle)).toEqual(withoutTracking(byHand));
  });

  it('should be up to date with examples/notes/src/schema.ts: drizzle-kit generate finds nothing to add', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgboot-demo-drizzle-'));
    try {
      await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      await cp(demoMigrations, join(dir, 'migrations'), { recursive: true });
      await writeFile(
        join(dir, 'drizzle.config.ts'),
        `export default { dialect: 'postgresql', schema: ${JSON.stringify(join(example, 'src/schema.ts'))}, out: './migrations', migrations: { prefix: 'timestamp' } };\n`,
      );
      const before = (await readdir(join(dir, 'migrations'))).sort();
      const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate'], { cwd: dir });
      expect(stdout).toContain('No schema changes');
      expect((await readdir(join(dir, 'migrations'))).sort()).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
