// Bytes pgboot adds to a production app at boot. A tiny app that boots one migration is built
// with Vite (production: minified, PGlite and drizzle external, so neither is counted), twice:
//   pgboot:   the app as written, `pgboot/browser` (and `pgboot/worker`) from this repository's src/
//   baseline: the same app with pgboot's entries replaced by stubs that do nothing
// pgboot's share = what the chunks loaded at boot weigh in the first build minus in the second
// (minified, and minified + gzip level 9 per chunk, as a server would send them), for two boots:
//   returning: a returning user's boot, nothing pending (the figure issue 16's P4 is about)
//   first:     a first visit, which applies the migration (the run path loads too)
// Variants:
//   page:   `bootDatabase({ name, migrations })`
//   worker: the page's `bootDatabase({ name, worker })` plus the worker script's `serveDatabase({ migrations })`
//   page, no top-level await: the page app with its boot in an async function (Rolldown splits it differently)
//   core:   the engine alone, `migrate(db, { migrations })` from `pgboot` on a PGlite the app opens (core's run path)
// Chunks loaded at boot: the entry chunk, its static imports, and the chunks of dynamic imports
// the boot makes (BOOT_PATH below); other dynamic chunks are listed apart with their modules.
// Writes bench/results/boot-bytes.md and bench/results/boot-bytes.json, and that section into
// bench/RESULTS.md.  Usage: node bench/boot-bytes.bench.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createJiti } from 'jiti';
import { build } from 'vite';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const work = join(root, 'node_modules/.cache/pgboot-bench/boot-bytes');
const { pgboot } = await createJiti(import.meta.url).import(join(root, 'src/vite/index.ts'));

/**
 * Per boot and variant, the modules whose dynamic import that boot of the measured app runs (no
 * image, no snapshot, no failure, no panel): their chunks count as loaded at boot. bootDatabase
 * imports its mode's code first thing (boot-database.ts); a returning user's boot answers from one
 * read of `_migrations` (core/up-to-date.ts), a first visit loads the run path (migrate-opened.ts).
 * Core's `migrate` has no dynamic import on its run path: both boots load the same.
 */
const RUN_PATH = 'src/browser/migrate-opened.ts';
const MODE_CODE = {
  page: 'src/browser/boot-in-page.ts',
  'page, no top-level await': 'src/browser/boot-in-page.ts',
  worker: 'src/browser/boot-through-worker.ts',
};
const BOOT_PATH = {
  returning: (variant) => (MODE_CODE[variant] ? [MODE_CODE[variant]] : []),
  first: (variant) => (MODE_CODE[variant] ? [MODE_CODE[variant], RUN_PATH] : []),
};
const EXTERNAL = [/^@electric-sql\/pglite/, /^drizzle-orm/];

// 1. The app's sources, shared by every build.
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'migrations'), { recursive: true });
mkdirSync(join(work, 'stubs'), { recursive: true });
writeFileSync(join(work, 'migrations', '001_notes.sql'), 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);\n');
writeFileSync(join(work, 'page.html'), '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./page.ts"></script>');
writeFileSync(join(work, 'worker.html'), '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./worker-page.ts"></script>');
const render = `document.body.textContent = JSON.stringify((await db.query('SELECT count(*) FROM notes')).rows);\n`;
writeFileSync(
  join(work, 'page.ts'),
  `import migrations from 'virtual:pgboot/migrations';\nimport { bootDatabase } from 'pgboot/browser';\n\nconst { db } = await bootDatabase({ name: 'app', migrations });\n${render}`,
);
// The same app without top-level await: Rolldown turns its chunk optimizations off for a bundle
// with top-level await, so the two forms split (and compress) differently.
writeFileSync(join(work, 'page-no-tla.html'), '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./page-no-tla.ts"></script>');
writeFileSync(
  join(work, 'page-no-tla.ts'),
  `import migrations from 'virtual:pgboot/migrations';\nimport { bootDatabase } from 'pgboot/browser';\n\nasync function main() {\n  const { db } = await bootDatabase({ name: 'app', migrations });\n  ${render}}\nvoid main();\n`,
);
writeFileSync(
  join(work, 'worker-page.ts'),
  `import { bootDatabase } from 'pgboot/browser';\n\nconst worker = new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' });\nconst { db } = await bootDatabase({ name: 'app', worker });\n${render}`,
);
// Core's run path alone: the engine's migrate() on a PGlite the app opens itself.
writeFileSync(join(work, 'core.html'), '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./core.ts"></script>');
writeFileSync(
  join(work, 'core.ts'),
  `import migrations from 'virtual:pgboot/migrations';\nimport { PGlite } from '@electric-sql/pglite';\nimport { migrate } from 'pgboot';\n\nconst db = await PGlite.create({ dataDir: 'idb://app' });\nawait migrate(db, { migrations });\n${render}`,
);
writeFileSync(
  join(work, 'db.worker.ts'),
  `import migrations from 'virtual:pgboot/migrations';\nimport { serveDatabase } from 'pgboot/worker';\n\nserveDatabase({ migrations });\n`,
);
// pgboot replaced by nothing: the app's calls stay, they reach empty functions.
writeFileSync(join(work, 'stubs/browser.js'), `export async function bootDatabase(options) { return { db: options.db }; }\n`);
writeFileSync(join(work, 'stubs/core.js'), `export async function migrate(db, options) { globalThis.migrated = options; }\n`);
writeFileSync(join(work, 'stubs/worker.js'), `export function serveDatabase(options) { globalThis.served = options; }\n`);

const gz = (code) => gzipSync(code, { level: 9 }).length;
const size = (code) => Buffer.byteLength(code);
const repoPath = (id) => {
  const path = relative(root, id.replace(/^\0/, '').split('?')[0]);
  return path.startsWith('..') || id.startsWith('\0') ? undefined : path;
};

/** Collects the final chunks of one bundle (the page's, or a worker's: Vite builds those apart). */
function collector(into, label) {
  return {
    name: 'boot-bytes-collector',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        into.push({
          bundle: label,
          fileName: chunk.fileName,
          isEntry: chunk.isEntry,
          facade: chunk.facadeModuleId ? (repoPath(chunk.facadeModuleId) ?? chunk.facadeModuleId) : undefined,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          min: size(chunk.code),
          gzip: gz(chunk.code),
          modules: Object.entries(chunk.modules)
            .map(([id, info]) => ({ id: repoPath(id) ?? id.replace(/^\0/, '').replace(work + '/', ''), rendered: info.renderedLength }))
            .filter((m) => m.rendered > 0),
        });
      }
    },
  };
}

/** Builds one variant and returns its chunks. */
async function buildVariant(html, stubbed) {
  const chunks = [];
  const alias = stubbed
    ? [
        { find: /^pgboot\/browser$/, replacement: join(work, 'stubs/browser.js') },
        { find: /^pgboot\/worker$/, replacement: join(work, 'stubs/worker.js') },
        { find: /^pgboot$/, replacement: join(work, 'stubs/core.js') },
      ]
    : [
        { find: /^pgboot\/browser$/, replacement: join(root, 'src/browser/index.ts') },
        { find: /^pgboot\/worker$/, replacement: join(root, 'src/worker/index.ts') },
        { find: /^pgboot$/, replacement: join(root, 'src/core/index.ts') },
      ];
  await build({
    root: work,
    configFile: false,
    logLevel: 'error',
    plugins: [pgboot({ dir: 'migrations' }), collector(chunks, 'page')],
    resolve: { alias },
    worker: { format: 'es', plugins: () => [pgboot({ dir: 'migrations' }), collector(chunks, 'worker')], rolldownOptions: { external: EXTERNAL } },
    build: {
      outDir: join(work, 'dist', `${html}-${stubbed ? 'baseline' : 'pgboot'}`),
      emptyOutDir: true,
      target: 'es2022',
      rolldownOptions: { input: join(work, `${html}.html`), external: EXTERNAL },
    },
  });
  return chunks;
}

/** The chunks a boot loads, per bundle: entries, their static imports, and BOOT_PATH's dynamic chunks, transitively. */
function bootChunks(chunks, bootPath) {
  const byName = new Map(chunks.map((chunk) => [`${chunk.bundle}:${chunk.fileName}`, chunk]));
  const loaded = new Set();
  const visit = (chunk) => {
    const key = `${chunk.bundle}:${chunk.fileName}`;
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const file of chunk.imports) {
      const next = byName.get(`${chunk.bundle}:${file}`);
      if (next) visit(next);
    }
    for (const file of chunk.dynamicImports) {
      const next = byName.get(`${chunk.bundle}:${file}`);
      if (next?.modules.some((m) => bootPath.includes(m.id))) visit(next);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return { atBoot: chunks.filter((c) => loaded.has(`${c.bundle}:${c.fileName}`)), lazy: chunks.filter((c) => !loaded.has(`${c.bundle}:${c.fileName}`)) };
}

const sum = (chunks, key) => chunks.reduce((total, chunk) => total + chunk[key], 0);
const kb = (bytes) => (bytes / 1024).toFixed(1);
const pgbootModules = (chunk) => chunk.modules.filter((m) => m.id.startsWith('src/'));

const raw = { date: new Date().toISOString(), variants: {} };
const rows = [];
const details = [];
for (const [variant, html] of [
  ['page', 'page'],
  ['page, no top-level await', 'page-no-tla'],
  ['worker', 'worker'],
  ['core', 'core'],
]) {
  const built = await buildVariant(html, false);
  const stubbed = await buildVariant(html, true);
  const measure = (boot) => {
    const withPgboot = bootChunks(built, BOOT_PATH[boot](variant));
    const baseline = bootChunks(stubbed, BOOT_PATH[boot](variant));
    const share = { min: sum(withPgboot.atBoot, 'min') - sum(baseline.atBoot, 'min'), gzip: sum(withPgboot.atBoot, 'gzip') - sum(baseline.atBoot, 'gzip') };
    // Per bundle (the page's, the worker's), since they load in different contexts.
    const perBundle = {};
    for (const bundle of ['page', 'worker']) {
      const a = withPgboot.atBoot.filter((c) => c.bundle === bundle);
      const b = baseline.atBoot.filter((c) => c.bundle === bundle);
      if (a.length === 0 && b.length === 0) continue;
      perBundle[bundle] = { min: sum(a, 'min') - sum(b, 'min'), gzip: sum(a, 'gzip') - sum(b, 'gzip') };
    }
    return { withPgboot, baseline, share, perBundle };
  };
  const returning = measure('returning');
  const first = measure('first');
  const withPgboot = returning.withPgboot;
  const { share, perBundle } = returning;
  // Where pgboot's boot bytes go: rendered (tree-shaken, not yet minified) length per source folder.
  const byArea = {};
  for (const chunk of withPgboot.atBoot) {
    for (const m of pgbootModules(chunk)) {
      const area = m.id.split('/').slice(0, 2).join('/');
      byArea[area] = (byArea[area] ?? 0) + m.rendered;
    }
  }
  const firstOnly = first.withPgboot.atBoot.filter((c) => !withPgboot.atBoot.includes(c));
  const lazy = first.withPgboot.lazy;
  raw.variants[variant] = {
    returning: { share, perBundle, byArea, atBoot: withPgboot.atBoot, baseline: returning.baseline.atBoot },
    first: { share: first.share, perBundle: first.perBundle, alsoLoaded: firstOnly.map((c) => `${c.bundle}:${c.fileName}`) },
    lazy,
  };
  const bundles = (per) =>
    Object.entries(per)
      .map(([b, s]) => `${b} ${kb(s.gzip)}`)
      .join(', ');
  rows.push(
    `| ${variant} | ${bundles(perBundle)} | ${kb(share.min)} | **${kb(share.gzip)}** | ${bundles(first.perBundle)} | ${kb(first.share.min)} | **${kb(first.share.gzip)}** |`,
  );
  const list = (chunks) =>
    chunks
      .map((c) => {
        const mods = pgbootModules(c)
          .map((m) => m.id.replace(/^src\//, ''))
          .join(', ');
        return `  - ${c.bundle} \`${c.fileName.replace(/-[\w-]{8}\.js$/, '.js')}\` ${kb(c.min)} KB min, ${kb(c.gzip)} KB gz${mods ? `: ${mods}` : ''}`;
      })
      .join('\n');
  const largest = withPgboot.atBoot
    .flatMap(pgbootModules)
    .sort((a, b) => b.rendered - a.rendered)
    .slice(0, 12)
    .map((m) => `${m.id.replace(/^src\//, '')} ${kb(m.rendered)}`)
    .join(', ');
  details.push(
    `- **${variant}**, a returning user's boot loads (before subtracting the baseline):\n${list(withPgboot.atBoot)}\n` +
      `  pgboot's rendered code at boot by folder (before minifying): ${Object.entries(byArea)
        .sort((a, b) => b[1] - a[1])
        .map(([area, bytes]) => `${area} ${kb(bytes)} KB`)
        .join(', ')}; largest modules (KB rendered): ${largest}\n` +
      (firstOnly.length ? `- **${variant}**, a first visit loads as well:\n${list(firstOnly)}\n` : '') +
      (lazy.length ? `- **${variant}**, loaded only when used:\n${list(lazy)}` : `- **${variant}**: nothing loaded on demand`),
  );
  console.log(
    `${variant}: pgboot adds ${share.gzip} B min+gzip to a returning user's boot, ${first.share.gzip} B to a first visit`,
    perBundle,
    first.perBundle,
  );
}

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results/boot-bytes.json'), JSON.stringify(raw, null, 2) + '\n');
const section = `## Bytes at boot (\`bench/boot-bytes.bench.mjs\`)

What pgboot adds to a production app that boots one migration, in the JavaScript loaded at boot.
Method: a tiny app (one SQL migration, \`bootDatabase\` and a query) is built with Vite ${(await import('vite')).version}
in production mode (minified, target es2022), with \`@electric-sql/pglite\` and \`drizzle-orm\` external
(not counted), then built again with \`pgboot/browser\` and \`pgboot/worker\` replaced by stubs that do
nothing. pgboot's share is the difference between the two builds' boot chunks, minified and
minified + gzip (node's zlib, level 9, each chunk alone, as a server sends them). Chunks loaded at boot:
the entry chunk, its static imports, and the chunks of the dynamic imports the boot makes, for two boots:
- *returning user* (nothing pending, the figure issue 16's P4 is about): the mode's code (\`boot-in-page.ts\`,
  or in worker mode the page's \`boot-through-worker.ts\`) and, in the worker script, \`serveDatabase\`. The
  boot reads \`_migrations\` once and compares it with the bundled ids and checksums (\`core/up-to-date.ts\`);
- *first visit* (the migration applied): the same and the run path (\`browser/migrate-opened.ts\`: core's
  \`migrate\`, its planning, bookkeeping, SQL splitting and error classes), which a new database (known
  before PGlite opens) starts loading while PGlite opens; a returning user's boot loads it only when
  the check finds something to do (a pending migration, drift, anything unusual): after a deploy that
  adds a migration, the same bytes as a first visit, the run path fetched once the check is done.
In worker mode the page's bundle and the worker script's are both counted.
The row *page, no top-level await* is the page app with its boot inside an async function (the
others await at the top level, as the docs do): Rolldown skips its chunk optimizations in a bundle
with top-level await, so the split differs (more small shared chunks, each compressed alone). The row
*core* is the engine alone: an app that opens PGlite itself and calls \`migrate(db, { migrations })\`
from \`pgboot\` (no fast check there: both boots load the run path).
The generated \`virtual:pgboot/migrations\` module (the app's migration) is in both builds.
Run: ${raw.date.slice(0, 10)}. Before the fast check (commit 26c0dba, every boot loading the run path and the
error classes, worker mode's page code in page mode's entry): page 21.5 KB min+gzip, worker 26.9 KB
(its page 9.2, its worker script 17.6), core 12.8.

| mode | returning user, per bundle (KB gz) | KB min | KB min+gzip | first visit, per bundle (KB gz) | KB min | KB min+gzip |
| --- | --- | ---: | ---: | --- | ---: | ---: |
${rows.join('\n')}

Where a returning user's boot goes: the lock, the boot channel, the IndexedDB inspection and version
guard, opening PGlite, the one read and comparison, and the mode's glue; plus Vite's preload helper
for the dynamic imports (0.8 KB gz) and, with top-level await, the gzip lost to small shared chunks.
Error classes (\`core/errors.ts\`, 4.9 KB gz) load only when a boot throws one.

Chunks (module lists: pgboot's source files in each; sizes before subtracting the baseline):
${details.join('\n')}
`;
writeFileSync(join(here, 'results/boot-bytes.md'), section);

writeResultsMd();
console.log('wrote bench/results/boot-bytes.md, bench/results/boot-bytes.json, bench/RESULTS.md');
