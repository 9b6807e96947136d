import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Extensions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/core/migrate.js';
import type { MigrationSource, MigrationWarning } from '../../src/core/types.js';
import { emptyDatabase, sharedDatabase } from '../helpers/database.js';
import { BUNDLERS, buildApp, OUT_ROOT, type Bundler } from './build-app.js';

// The fixture app (test/bundlers/fixture) built for real by Vite, webpack, Rspack, esbuild and
// Rollup, each build imported and run against a real PGlite. Then bad folders must fail each
// build with that bundler's own error, naming the file and line.
const FIXTURE = fileURLToPath(new URL('./fixture/', import.meta.url));
const run = `${process.pid}-${Date.now()}`;
const outDir = (bundler: Bundler, what: string) => join(OUT_ROOT, run, what, bundler);
const roots: string[] = [];

afterAll(() => {
  rmSync(join(OUT_ROOT, run), { recursive: true, force: true });
  for (const root of roots) rmSync(root, { recursive: true, force: true });
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

/** Where each bundler's own error says the problem is: its structured location, or the path in its message. */
// biome-ignore lint/suspicious/noExplicitAny: each bundler throws an error of its own shape, read per case below
function locationOf(bundler: Bundler, error: any): { file: string; line: number } {
  switch (bundler) {
    case 'vite':
      return { file: error.errors[0].id, line: error.errors[0].loc.line };
    case 'rollup':
      return { file: error.id, line: error.loc.line };
    case 'esbuild':
      return { file: error.errors[0].location.file, line: error.errors[0].location.line };
    case 'webpack':
    case 'rspack': {
      const [, file, line] = /file: (\S+):(\d+)/.exec(error.message) ?? [];
      return { file: file!, line: Number(line) };
    }
  }
}

const OWN_TRANSACTION = { '001_ok.sql': 'SELECT 1;', '002_own_tx.sql': 'SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n' };
const brokenRoot = project(OWN_TRANSACTION);
const missingModuleRoot = project({ '001_places.sql': 'SELECT 1;\nCREATE EXTENSION postgis;\n' });
const sharedVersionRoot = project({ '001_a.sql': 'SELECT 1;', '001_b.sql': 'SELECT 2;' });

describe.each(BUNDLERS)('pgboot/%s', (bundler) => {
  let app: { migrations: (MigrationSource & { module?: { up?: unknown } })[]; extensions: Extensions };
  beforeAll(async () => {
    app = await import(pathToFileURL(await buildApp(bundler, FIXTURE, outDir(bundler, 'fixture'))).href);
  });

  it('should bundle the migrations (SQL inline, TS compiled, extension modules imported), which migrate a PGlite', async () => {
    expect(app.migrations.map(({ module, ...source }) => ({ ...source, module: typeof module?.up }))).toEqual([
      {
        file: '20260101000001_create_items.sql',
        sql: expect.stringContaining('CREATE TABLE items'),
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        module: 'undefined',
      },
      { file: '20260101000002_seed_items.ts', checksum: expect.stringMatching(/^[0-9a-f]{64}$/), module: 'function' },
      {
        file: '20260101000003_search_labels.sql',
        sql: expect.stringContaining('gin_trgm_ops'),
        checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
        module: 'undefined',
      },
    ]);
    // PGlite's own pg_trgm module (external here, so the very object the test imports).
    expect(app.extensions).toEqual({ pg_trgm });
    expect(app.extensions.pg_trgm).toBe(pg_trgm);

    const db = await sharedDatabase();
    await emptyDatabase(db);
    const result = await migrate(db, { migrations: app.migrations });
    expect(result.applied).toEqual(['20260101000001_create_items', '20260101000002_seed_items', '20260101000003_search_labels']);
    expect((await db.query('SELECT id, label FROM items ORDER BY id')).rows).toEqual([
      { id: 1, label: 'apple' },
      { id: 2, label: 'apricot' },
    ]);
    expect((await db.query(`SELECT label FROM items WHERE label % 'aprikot'`)).rows).toEqual([{ label: 'apricot' }]);
  });

  it('should fail the build on a SQL file with its own BEGIN, naming the file and line', async () => {
    const error = await buildApp(bundler, brokenRoot, outDir(bundler, 'broken')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("002_own_tx.sql:2: 'BEGIN' controls the transaction itself");
    const file = bundler === 'esbuild' ? 'migrations/002_own_tx.sql' : join(brokenRoot, 'migrations', '002_own_tx.sql');
    expect(locationOf(bundler, error)).toEqual({ file, line: 2 });
  });

  it('should fail the build when an extension module cannot be resolved by the bundler', async () => {
    const options = { extensions: { postgis: '@example/pglite-postgis' } };
    const error = await buildApp(bundler, missingModuleRoot, outDir(bundler, 'missing'), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      "001_places.sql:2: CREATE EXTENSION postgis: the extension 'postgis' needs @example/pglite-postgis, which is not installed",
    );
  });

  it('should pass warnings to onWarning and still build', async () => {
    const warnings: MigrationWarning[] = [];
    await buildApp(bundler, sharedVersionRoot, outDir(bundler, 'warning'), { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([{ file: '001_b.sql', message: expect.stringContaining('001_b.sql: shares version 001 with 001_a.sql') }]);
  });
});
