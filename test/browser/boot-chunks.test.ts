import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import pgboot from '../../src/vite/index.js';

// What a production build of an app loads at boot (bench/boot-bytes.bench.mjs measures its bytes):
// the code a boot may not need must stay in chunks of their own, loaded by a dynamic import.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORK = join(ROOT, 'node_modules/.cache/pgboot-boot-chunks');
const EXTERNAL = [/^@electric-sql\/pglite/];
/** Modules a boot with no image, no snapshot, no failure and no panel never runs. */
const ON_DEMAND = [
  'src/browser/snapshots.ts',
  'idb-keyval',
  'src/browser/first-boot-image.ts',
  'src/browser/image-to-indexeddb.ts',
  'src/browser/gunzip-alongside.ts',
  'src/browser/storage-errors.ts',
  'src/browser/export-raw-data-dir.ts',
  'src/core/tar.ts',
  'src/devtools/',
];

/**
 * The run path and what only it uses: a returning user's boot (nothing pending) answers from one
 * read (core/up-to-date.ts) and loads these only when there is something to do.
 */
const RUN_PATH = [
  'src/browser/migrate-opened.ts',
  'src/core/migrate.ts',
  'src/core/run-batch.ts',
  'src/core/run-step.ts',
  'src/core/prepare.ts',
  'src/core/plan.ts',
  'src/core/status.ts',
  'src/core/tracking.ts',
  'src/core/sql-file.ts',
  'src/core/sql-lexer.ts',
  'src/core/errors.ts',
];

interface Chunk {
  bundle: 'page' | 'worker';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  modules: string[];
}

const moduleName = (id: string) => {
  const path = relative(ROOT, id.replace(/^\0/, '').split('?')[0]!);
  return path.includes('node_modules/idb-keyval') ? 'idb-keyval' : path;
};

function collect(chunks: Chunk[], bundle: Chunk['bundle']) {
  return {
    name: 'collect-chunks',
    generateBundle(_options: unknown, output: Rollup.OutputBundle) {
      for (const chunk of Object.values(output)) {
        if (chunk.type !== 'chunk') continue;
        const modules = Object.entries(chunk.modules)
          .filter(([, info]) => info.renderedLength > 0)
          .map(([id]) => moduleName(id));
        chunks.push({ bundle, fileName: chunk.fileName, isEntry: chunk.isEntry, imports: chunk.imports, dynamicImports: chunk.dynamicImports, modules });
      }
    },
  };
}

async function buildApp(html: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  await build({
    root: WORK,
    configFile: false,
    logLevel: 'silent',
    plugins: [pgboot({ dir: 'migrations' }), collect(chunks, 'page')],
    resolve: {
      alias: [
        { find: /^pgboot\/browser$/, replacement: join(ROOT, 'src/browser/index.ts') },
        { find: /^pgboot\/worker$/, replacement: join(ROOT, 'src/worker/index.ts') },
      ],
    },
    worker: { format: 'es', plugins: () => [pgboot({ dir: 'migrations' }), collect(chunks, 'worker')], rolldownOptions: { external: EXTERNAL } },
    build: { outDir: join(WORK, 'dist', html), emptyOutDir: true, write: false, rolldownOptions: { input: join(WORK, `${html}.html`), external: EXTERNAL } },
  });
  return chunks;
}

/** The chunks of `bundle` loaded at boot: its entry, static imports, and the dynamic chunks whose modules `always` names. */
function loadedAtBoot(chunks: Chunk[], bundle: Chunk['bundle'], always: string[] = []): Chunk[] {
  const own = chunks.filter((chunk) => chunk.bundle === bundle);
  const byName = new Map(own.map((chunk) => [chunk.fileName, chunk]));
  const loaded = new Set<Chunk>();
  const visit = (chunk: Chunk) => {
    if (loaded.has(chunk)) return;
    loaded.add(chunk);
    for (const file of chunk.imports) if (byName.has(file)) visit(byName.get(file)!);
    for (const file of chunk.dynamicImports) {
      const next = byName.get(file);
      if (next?.modules.some((module) => always.includes(module))) visit(next);
    }
  };
  for (const chunk of own) if (chunk.isEntry) visit(chunk);
  return [...loaded];
}

const modulesOf = (chunks: Chunk[]) => chunks.flatMap((chunk) => chunk.modules);
const onDemandIn = (chunks: Chunk[]) => modulesOf(chunks).filter((module) => ON_DEMAND.some((lazy) => module.startsWith(lazy)));
const runPathIn = (chunks: Chunk[]) => modulesOf(chunks).filter((module) => RUN_PATH.includes(module));

let page: Chunk[];
let workerMode: Chunk[];
beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'migrations'), { recursive: true });
  writeFileSync(join(WORK, 'migrations/001_notes.sql'), 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);\n');
  for (const html of ['page', 'worker']) {
    writeFileSync(join(WORK, `${html}.html`), `<!doctype html><script type="module" src="./${html}.ts"></script>`);
  }
  writeFileSync(
    join(WORK, 'page.ts'),
    `import migrations from 'virtual:pgboot/migrations';\nimport { bootDatabase } from 'pgboot/browser';\nawait bootDatabase({ name: 'app', migrations });\n`,
  );
  writeFileSync(
    join(WORK, 'worker.ts'),
    `import { bootDatabase } from 'pgboot/browser';\nawait bootDatabase({ name: 'app', worker: new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' }) });\n`,
  );
  writeFileSync(
    join(WORK, 'db.worker.ts'),
    `import migrations from 'virtual:pgboot/migrations';\nimport { serveDatabase } from 'pgboot/worker';\nserveDatabase({ migrations });\n`,
  );
  page = await buildApp('page');
  workerMode = await buildApp('worker');
}, 120_000);

describe('what a production build loads at boot', () => {
  it("should load, for a returning user's boot in page mode, neither the run path, the error classes nor worker mode", () => {
    const atBoot = loadedAtBoot(page, 'page', ['src/browser/boot-in-page.ts']);
    expect(runPathIn(atBoot)).toEqual([]);
    expect(modulesOf(atBoot)).not.toContain('src/browser/boot-through-worker.ts');
    // ...which a boot with something to do loads, the run path together with core's engine.
    const firstBoot = loadedAtBoot(page, 'page', ['src/browser/boot-in-page.ts', 'src/browser/migrate-opened.ts']);
    expect(modulesOf(firstBoot)).toEqual(expect.arrayContaining(['src/browser/migrate-opened.ts', 'src/core/run-batch.ts', 'src/core/errors.ts']));
  });

  it("should start the worker script, for a returning user's boot, without the run path or the error classes", () => {
    const atBoot = loadedAtBoot(workerMode, 'worker');
    expect(modulesOf(atBoot)).toContain('src/core/up-to-date.ts');
    expect(runPathIn(atBoot)).toEqual([]);
  });

  it('should load page mode without snapshots, idb-keyval, the image code, the storage-error diagnosis or the tar writer', () => {
    const atBoot = loadedAtBoot(page, 'page', ['src/browser/boot-in-page.ts']);
    expect(modulesOf(atBoot)).toContain('src/core/up-to-date.ts');
    expect(onDemandIn(atBoot)).toEqual([]);
    // ...which are still in the build, for the boots that need them.
    expect(modulesOf(page)).toEqual(
      expect.arrayContaining(['src/browser/snapshots.ts', 'idb-keyval', 'src/browser/first-boot-image.ts', 'src/browser/storage-errors.ts']),
    );
  });

  it("should load, in worker mode's page, neither page mode, PGlite nor the error classes (revived only when the leader sends one)", () => {
    const atBoot = loadedAtBoot(workerMode, 'page', ['src/browser/boot-through-worker.ts']);
    expect(atBoot.flatMap((chunk) => chunk.imports).filter((file) => file === '@electric-sql/pglite')).toEqual([]);
    expect(modulesOf(atBoot).filter((module) => module.startsWith('src/core/') && module !== 'src/core/migration-id.ts')).toEqual([]);
    expect(modulesOf(atBoot)).toContain('src/browser/boot-through-worker.ts');
    expect(modulesOf(atBoot)).not.toContain('src/browser/boot-in-page.ts');
    expect(modulesOf(workerMode)).toEqual(expect.arrayContaining(['src/browser/transfer-error.ts', 'src/core/errors.ts']));
  });

  it('should start the worker script without snapshots, the image code, the storage-error diagnosis, reset or restore', () => {
    const atBoot = loadedAtBoot(workerMode, 'worker');
    expect(modulesOf(atBoot)).toContain('src/worker/serve-database.ts');
    expect(onDemandIn(atBoot)).toEqual([]);
    expect(modulesOf(atBoot)).not.toContain('src/browser/reset-database.ts');
  });
});
