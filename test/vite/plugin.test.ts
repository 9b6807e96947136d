import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { build, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { checksumOf } from '../../src/core/checksum.js';
import { migrate } from '../../src/core/migrate.js';
import { pgboot } from '../../src/vite/plugin.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A throw-away project: main.js re-exports the virtual module; `files` go into migrations/. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pgboot-plugin-'));
  roots.push(root);
  mkdirSync(join(root, 'migrations'));
  writeFileSync(join(root, 'main.js'), `export { default } from 'virtual:pgboot/migrations';\n`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'migrations', file)), { recursive: true });
    writeFileSync(join(root, 'migrations', file), text);
  }
  return root;
}

async function bundle(root: string, options: Parameters<typeof pgboot>[0] = {}): Promise<string> {
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [pgboot(options)],
    build: { write: false, minify: false, lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' } },
  })) as Rolldown.RolldownOutput[];
  return output[0]!.output.find((chunk) => chunk.type === 'chunk')!.code;
}

async function load(code: string) {
  return (await import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(code)}`)).default;
}

describe('pgboot (vite build)', () => {
  it('should bundle SQL and TS migrations with build-time checksums, and they should run', async () => {
    const createSql = 'CREATE TABLE items (id int PRIMARY KEY, label text);\r\n';
    const seedTs = `import type { MigrationDb } from 'pgboot';\nexport async function up(db: MigrationDb) { await db.query("INSERT INTO items VALUES (1, 'from ts')"); }\n`;
    const root = project({ '001_create_items.sql': createSql, '002_seed_items.ts': seedTs, 'README.md': '# not a migration' });

    const migrations = await load(await bundle(root));
    const { module, ...seed } = migrations[1];
    expect([migrations[0], seed]).toEqual([
      { file: '001_create_items.sql', sql: createSql, checksum: await checksumOf(createSql) },
      { file: '002_seed_items.ts', checksum: await checksumOf(seedTs) },
    ]);
    // The module was bundled (compiled from TS), not inlined as text: its namespace has the function.
    expect(Object.keys(module)).toEqual(['up']);
    expect(typeof module.up).toBe('function');

    const db = new PGlite();
    const result = await migrate(db, { migrations });
    expect(result.applied).toEqual(['001_create_items', '002_seed_items']);
    expect((await db.query('SELECT id, label FROM items')).rows).toEqual([{ id: 1, label: 'from ts' }]);
    await db.close();
  });

  it("should leave drizzle-kit's leftovers out of the bundle and warn about them at build time", async () => {
    const journal = { version: '7', dialect: 'postgresql', entries: [{ idx: 0, version: '7', when: 1, tag: '0000_init', breakpoints: true }] };
    const root = project({
      'meta/_journal.json': JSON.stringify(journal),
      '0000_init.sql': 'BEGIN;\n--> statement-breakpoint\nCREATE TABLE users (id int);\n--> statement-breakpoint\nCOMMIT;\n',
      '0000_old_init.sql': 'CREATE TABLE users (id bigint);\n',
    });
    const warnings: string[] = [];
    const migrations = await load(await bundle(root, { onWarning: (w) => warnings.push(w.file) }));
    expect(migrations.map((m: { file: string }) => m.file)).toEqual(['0000_init.sql']);
    expect(warnings).toEqual(['0000_old_init.sql']);
    const db = await PGlite.create();
    expect((await migrate(db, { migrations, onWarning: () => {} })).applied).toEqual(['0000_init']);
    await db.close();
  });

  it('should fail the build on a SQL file with its own BEGIN, naming the file and line', async () => {
    const root = project({ '001_ok.sql': 'SELECT 1;', '002_own_tx.sql': 'SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n' });
    const error = await bundle(root).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain("[pgboot] 002_own_tx.sql:2: 'BEGIN' controls the transaction itself");
    // Rolldown reports each error with the file and line, as the dev overlay shows them.
    expect(error.errors[0]).toMatchObject({ plugin: 'pgboot', id: join(root, 'migrations', '002_own_tx.sql'), loc: { line: 2 } });
  });

  it('should fail the build on a module without up', async () => {
    const root = project({ '001_no_up.ts': 'export async function down() {}\n' });
    await expect(bundle(root)).rejects.toThrow("001_no_up.ts: it does not export 'up'");
  });

  it('should fail the build on a bad file name and on a repeated id', async () => {
    await expect(bundle(project({ '001_Bad-Name.sql': 'SELECT 1;' }))).rejects.toThrow('001_Bad-Name.sql: ');
    await expect(bundle(project({ '001_a.sql': 'SELECT 1;', '001_a.ts': 'export function up() {}' }))).rejects.toThrow(
      "Migration id '001_a' is used by 2 files (001_a.sql, 001_a.ts)",
    );
  });
});
