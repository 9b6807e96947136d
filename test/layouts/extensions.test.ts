import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyExtensionOptions,
  findExtensionsInCode,
  findExtensionUses,
  PgbootError,
  prepareMigrations,
  resolveExtensions,
  UnsupportedExtensionError,
  type MigrationSource,
} from '../../src/core/index.js';
import { bootDatabase, loadExtensions, loadMigrations } from '../../src/node/index.js';
import { createTestDatabase } from '../../src/testing/index.js';
import { pgboot } from '../../src/vite/plugin.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
function tempDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pgboot-ext-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const postgis: MigrationSource[] = [
  { file: '001_search.sql', sql: 'CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE TABLE notes (body text);' },
  {
    file: '002_places.sql',
    sql: '-- migrate:up\nCREATE TABLE places (id int);\n\nCREATE EXTENSION postgis;\nALTER TABLE places ADD COLUMN geom text;\n-- migrate:down\nDROP EXTENSION postgis;\nDROP TABLE places;',
  },
];

describe('findExtensionUses', () => {
  it('should find CREATE EXTENSION statements, quoted or not, in up and down texts, but not in comments, strings or bodies', () => {
    const sources: MigrationSource[] = [
      {
        file: '1_a.up.sql',
        id: '1_a',
        markers: false,
        sql: [
          '-- CREATE EXTENSION postgis;',
          '/* CREATE EXTENSION postgis; */',
          "SELECT 'CREATE EXTENSION postgis';",
          "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'CREATE EXTENSION postgis'; END $$;",
          'create extension if not exists "uuid-ossp" with schema public;',
          'CREATE  EXTENSION\n  Citext CASCADE;',
        ].join('\n'),
        downSql: 'DROP EXTENSION hstore;\nCREATE EXTENSION IF NOT EXISTS hstore;',
        downFile: '1_a.down.sql',
      },
    ];
    expect(findExtensionUses(sources)).toEqual([
      { extension: 'uuid-ossp', file: '1_a.up.sql', line: 5 },
      { extension: 'citext', file: '1_a.up.sql', line: 6 },
      { extension: 'hstore', file: '1_a.down.sql', line: 2 },
    ]);
  });
});

const SEARCH_TS = `import type { MigrationDb } from 'pgboot';
// CREATE EXTENSION postgis  (a comment: not a use)
export async function up(db: MigrationDb) {
  await db.exec(\`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX notes_body_trgm ON notes USING gin (body gin_trgm_ops);
  \`);
  await db.exec('CREATE EXTENSION "uuid-ossp"');
}
`;

describe('findExtensionsInCode', () => {
  it('should find CREATE EXTENSION in the strings of a TS module, with lines, but not in comment lines', () => {
    expect(findExtensionsInCode('002_search.ts', SEARCH_TS)).toEqual([
      { extension: 'pg_trgm', file: '002_search.ts', line: 5 },
      { extension: 'uuid-ossp', file: '002_search.ts', line: 8 },
    ]);
    expect(findExtensionsInCode('003_x.ts', 'await db.exec("create extension if not exists \\"uuid-ossp\\"; CREATE EXTENSION Citext")')).toEqual([
      { extension: 'uuid-ossp', file: '003_x.ts', line: 1 },
      { extension: 'citext', file: '003_x.ts', line: 1 },
    ]);
  });

  it('should fail on an extension PGlite lacks that a module creates, and say what to do for code', () => {
    const module = {
      file: '004_places.ts',
      checksum: 'x',
      module: { up: async () => {} },
      extensionUses: findExtensionsInCode('004_places.ts', "\nawait db.exec('CREATE EXTENSION postgis')"),
    };
    const error = (() => {
      try {
        return resolveExtensions([module]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnsupportedExtensionError);
    expect(error).toMatchObject({ file: '004_places.ts', line: 2, extension: 'postgis' });
    expect((error as Error).message).toContain('Change the module so it does not create it');
    expect(resolveExtensions([module], { extensions: { postgis: false } }).modules).toEqual([]);
  });
});

describe('resolveExtensions', () => {
  it("should map extensions to PGlite's modules (with what they require), and skip plpgsql", () => {
    const { modules } = resolveExtensions([
      { file: '001_a.sql', sql: 'CREATE EXTENSION "uuid-ossp";\nCREATE EXTENSION plpgsql;\nCREATE EXTENSION earthdistance CASCADE;' },
    ]);
    expect(modules).toEqual([
      { name: 'uuid-ossp', specifier: '@electric-sql/pglite/contrib/uuid_ossp', exportName: 'uuid_ossp', file: '001_a.sql', line: 1 },
      { name: 'earthdistance', specifier: '@electric-sql/pglite/contrib/earthdistance', exportName: 'earthdistance', file: '001_a.sql', line: 3 },
      { name: 'cube', specifier: '@electric-sql/pglite/contrib/cube', exportName: 'cube', file: '001_a.sql', line: 3 },
    ]);
  });

  it('should fail on an extension PGlite lacks, naming the migration, its line and the way out', () => {
    const error = (() => {
      try {
        resolveExtensions(postgis);
      } catch (e) {
        return e;
      }
    })() as UnsupportedExtensionError;
    expect(error).toBeInstanceOf(UnsupportedExtensionError);
    expect(error).toMatchObject({ file: '002_places.sql', line: 4, extension: 'postgis', reason: 'unknown' });
    expect(error.message).toMatch(/^002_places\.sql:4: CREATE EXTENSION postgis: PGlite has no module for the extension 'postgis'/);
    expect(error.message).toContain('extensions: { "postgis": false }');
    expect(error.message).toContain("replace: { '<migration id>': '...' }");
  });

  it("should skip a disabled extension's statements, keeping line numbers, and the rest runs", async () => {
    const { migrations, modules } = resolveExtensions(postgis, { extensions: { postgis: false } });
    expect(modules.map((m) => m.name)).toEqual(['pg_trgm']);
    expect((migrations[1] as { sql: string }).sql).toBe(
      '-- migrate:up\nCREATE TABLE places (id int);\n\n/* pgboot: skipped CREATE EXTENSION postgis */;\nALTER TABLE places ADD COLUMN geom text;\n-- migrate:down\n/* pgboot: skipped DROP EXTENSION postgis */;\nDROP TABLE places;',
    );
    expect(findExtensionUses(migrations).map((u) => u.extension)).toEqual(['pg_trgm']);
    // The checksum is the file's, so skipping is not drift for a database migrated before.
    const before = await prepareMigrations(postgis.map((m) => ({ ...m, checksum: 'c'.repeat(64) })));
    const after = await prepareMigrations(
      applyExtensionOptions(
        postgis.map((m) => ({ ...m, checksum: 'c'.repeat(64) })),
        { extensions: { postgis: false } },
      ),
    );
    expect(after.migrations.map((m) => m.checksum)).toEqual(before.migrations.map((m) => m.checksum));
  });

  it('should replace a migration by id, and refuse an id that is not there', () => {
    const { migrations, modules } = resolveExtensions(postgis, { replace: { '002_places': 'CREATE TABLE places (id int, lat float8, lng float8);' } });
    expect(modules.map((m) => m.name)).toEqual(['pg_trgm']);
    expect((migrations[1] as { sql: string }).sql).toBe('CREATE TABLE places (id int, lat float8, lng float8);');
    expect(() => resolveExtensions(postgis, { replace: { '003_nope': 'SELECT 1' } })).toThrow(PgbootError);
    expect(() => resolveExtensions(postgis, { replace: { '003_nope': 'SELECT 1' } })).toThrow(/names '003_nope', but no SQL migration has that id/);
  });

  it('should load an extension from a module given for it', () => {
    const { modules } = resolveExtensions(postgis, { extensions: { postgis: '@acme/pglite-postgis' } });
    expect(modules[1]).toMatchObject({ name: 'postgis', specifier: '@acme/pglite-postgis', exportName: 'postgis' });
  });
});

describe('Node loader', () => {
  it('should say which package to install when a module is missing', async () => {
    const error = await loadExtensions(postgis, { extensions: { postgis: '@acme/pglite-postgis-not-installed' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedExtensionError);
    expect(error).toMatchObject({ file: '002_places.sql', line: 4, reason: 'not-installed' });
    expect((error as Error).message).toContain('npm install @acme/pglite-postgis-not-installed');
  });

  it('should apply extensions: false and replace when loading a folder', async () => {
    const dir = tempDir(Object.fromEntries(postgis.map((m) => [m.file, (m as { sql: string }).sql])));
    await expect(loadExtensions(await loadMigrations(dir))).rejects.toThrow(UnsupportedExtensionError);
    const skipped = await loadMigrations(dir, { extensions: { postgis: false } });
    expect(Object.keys(await loadExtensions(skipped))).toEqual(['pg_trgm']);
  });

  it('should load pgvector for CREATE EXTENSION vector (from @electric-sql/pglite-pgvector)', async () => {
    const migrations: MigrationSource[] = [
      {
        file: '001_embeddings.sql',
        sql: "CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE items (id int, embedding vector(3));\nINSERT INTO items VALUES (1, '[1,2,3]'), (2, '[3,2,1]');\nCREATE INDEX ON items USING hnsw (embedding vector_l2_ops);",
      },
    ];
    const extensions = await loadExtensions(migrations);
    expect(Object.keys(extensions)).toEqual(['vector']);
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ extensions });
    try {
      const { migrate } = await import('../../src/core/index.js');
      await migrate(db, { migrations });
      const nearest = await db.query<{ id: number }>(`SELECT id FROM items ORDER BY embedding <-> '[1,2,4]' LIMIT 1`);
      expect(nearest.rows).toEqual([{ id: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('should load the extensions a TS migration creates, for loadMigrations and createTestDatabase', async () => {
    const dir = tempDir({
      '001_notes.sql': 'CREATE TABLE notes (id int PRIMARY KEY, body text);',
      '002_search.ts': SEARCH_TS,
    });
    const migrations = await loadMigrations(dir);
    expect(Object.keys(await loadExtensions(migrations)).sort()).toEqual(['pg_trgm', 'uuid_ossp']);
    const db = await createTestDatabase({ dir });
    try {
      await db.query(`INSERT INTO notes VALUES (1, 'parts'), (2, 'other')`);
      expect((await db.query(`SELECT id FROM notes WHERE body % 'part'`)).rows).toEqual([{ id: 1 }]);
      expect((await db.query<{ ok: boolean }>(`SELECT uuid_generate_v4() IS NOT NULL AS ok`)).rows).toEqual([{ ok: true }]);
    } finally {
      await db.close();
    }
  });

  it('should open a database on disk with the extensions its migrations created, at the first boot and at every reopen', async () => {
    const dataDir = join(tempDir({}), 'data');
    const first = await bootDatabase({ dataDir, dir: 'test/fixtures/diesel', onWarning: () => {} });
    expect(first.result.applied.length).toBeGreaterThanOrEqual(20);
    await first.db.close();
    const again = await bootDatabase({ dataDir, dir: 'test/fixtures/diesel', onWarning: () => {} });
    expect(again.result.applied).toEqual([]);
    const rows = await again.db.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`);
    expect(rows.rows.map((r) => r.extname)).toEqual(['citext', 'hstore', 'pg_trgm', 'uuid-ossp']);
    expect((await again.db.query(`SELECT similarity('parts', 'part') > 0 AS ok`)).rows).toEqual([{ ok: true }]);
    await again.db.close();
  });
});

describe('Vite plugin', () => {
  async function bundle(root: string, options: Parameters<typeof pgboot>[0] = {}): Promise<string> {
    writeFileSync(
      join(root, 'main.js'),
      `export { default, extensions } from 'virtual:pgboot/migrations';\nexport { default as alone } from 'virtual:pgboot/extensions';\n`,
    );
    const output = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pgboot(options)],
      build: {
        write: false,
        minify: false,
        lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: 'main' },
        rolldownOptions: { external: [/^@electric-sql\//] },
      },
    })) as Rolldown.RolldownOutput[];
    return output[0]!.output.find((chunk) => chunk.type === 'chunk')!.code;
  }

  it('should bundle the PGlite modules of the extensions the migrations create', async () => {
    const root = tempDir({
      'migrations/migration_lock.toml': '',
      'migrations/20240101000000_init/migration.sql': 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION citext;',
    });
    const code = await bundle(root);
    expect(code).toContain('from "@electric-sql/pglite/contrib/uuid_ossp"');
    expect(code).toContain('from "@electric-sql/pglite/contrib/citext"');
    // Passed explicitly (`import { extensions }`), not on a hidden property of the array.
    expect(code).not.toContain('Symbol.for("pgboot.extensions")');
  });

  it('should bundle the modules of the extensions a TS migration creates', async () => {
    const root = tempDir({ 'migrations/001_notes.sql': 'CREATE TABLE notes (id int PRIMARY KEY, body text);', 'migrations/002_search.ts': SEARCH_TS });
    const code = await bundle(root);
    expect(code).toContain('from "@electric-sql/pglite/contrib/pg_trgm"');
    expect(code).toContain('from "@electric-sql/pglite/contrib/uuid_ossp"');
  });

  it('should fail the build on an extension PGlite lacks, and build with extensions: { postgis: false }', async () => {
    const root = tempDir({
      'migrations/001_search.sql': (postgis[0] as { sql: string }).sql,
      'migrations/002_places.sql': (postgis[1] as { sql: string }).sql,
    });
    const error = await bundle(root).catch((e: unknown) => e);
    expect((error as Error).message).toContain("002_places.sql:4: CREATE EXTENSION postgis: PGlite has no module for the extension 'postgis'");
    const code = await bundle(root, { extensions: { postgis: false } });
    expect(code).toContain('from "@electric-sql/pglite/contrib/pg_trgm"');
    expect(code).toContain('pgboot: skipped CREATE EXTENSION postgis');
  });
});
