import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/migrate.js';
import type { MigrationSource } from '../../src/core/types.js';
import { BUNDLERS, buildApp, OUT_ROOT, type Bundler } from './build-app.js';

// The fixture app (test/bundlers/fixture) built for real by Vite, webpack, Rspack, esbuild and
// Rollup; each build is imported and migrates a real PGlite. Then a broken migration must fail
// each build, with the bundler's own error naming the file.
const FIXTURE = fileURLToPath(new URL('./fixture/', import.meta.url));
const run = `${process.pid}-${Date.now()}`;
const outDir = (bundler: Bundler, what: string) => join(OUT_ROOT, run, what, bundler);
const roots: string[] = [];

afterAll(() => {
  rmSync(join(OUT_ROOT, run), { recursive: true, force: true });
  roots.forEach((root) => rmSync(root, { recursive: true, force: true }));
});

/** A throw-away app: the fixture's entry, and `files` as its migrations. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pgboot-bundlers-'));
  roots.push(root);
  mkdirSync(join(root, 'migrations'));
  writeFileSync(join(root, 'main.js'), `export { default as migrations, extensions } from 'virtual:pgboot/migrations';\n`);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, 'migrations', file), text);
  return root;
}

interface BuiltApp {
  migrations: MigrationSource[];
  extensions: Extensions;
}

describe.each(BUNDLERS)('pgboot/%s', (bundler) => {
  let app: BuiltApp;
  beforeAll(async () => {
    const file = await buildApp(bundler, FIXTURE, outDir(bundler, 'fixture'));
    app = await import(pathToFileURL(file).href);
  });

  it('should bundle the migrations, which migrate a PGlite', async () => {
    expect(app.migrations.map((m) => m.file)).toEqual([
      '20260101000001_create_items.sql',
      '20260101000002_seed_items.ts',
      '20260101000003_search_labels.sql',
    ]);
    // PGlite's pg_trgm module, bundled because a migration creates the extension.
    expect(Object.keys(app.extensions)).toEqual(['pg_trgm']);

    const db = await PGlite.create({ extensions: app.extensions });
    const result = await migrate(db, { migrations: app.migrations });
    expect(result.applied).toEqual(['20260101000001_create_items', '20260101000002_seed_items', '20260101000003_search_labels']);
    expect((await db.query('SELECT id, label FROM items ORDER BY id')).rows).toEqual([
      { id: 1, label: 'apple' },
      { id: 2, label: 'apricot' },
    ]);
    expect((await db.query(`SELECT label FROM items WHERE label % 'aprikot'`)).rows).toEqual([{ label: 'apricot' }]);
    await db.close();
  });

  it('should fail the build on a broken migration, naming the file and line', async () => {
    const root = project({ '001_ok.sql': 'SELECT 1;', '002_own_tx.sql': 'SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n' });
    const error = await buildApp(bundler, root, outDir(bundler, 'broken')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    console.log(bundler, (error as Error).message, JSON.stringify(error));
    expect((error as Error).message).toContain("002_own_tx.sql:2: 'BEGIN' controls the transaction itself");
  });
});
