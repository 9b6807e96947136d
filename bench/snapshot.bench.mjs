// What `bootDatabase({ snapshot: 'before-migrate' })` costs, in headless Chromium against real
// IndexedDB, on a realistic notes database (10 migrations, 10 000 notes with tags).
// Side by side, in one run, alternating the order on each round:
//   upgrade boot (1 migration pending)  without vs with the option  -> the snapshot's cost
//   warm boot (nothing pending)         without vs with the option  -> the extra status read
// Writes bench/results/snapshot.md. Usage: node bench/snapshot.bench.mjs [rounds]   (default 3)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rounds = Number(process.argv[2] ?? 3);
const NOTES = 10_000;

const server = await createServer({
  configFile: false,
  root,
  // PGlite loads its own wasm and data files; Vite's dependency pre-bundling would break that.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  logLevel: 'warn',
  server: { port: 5199, strictPort: false, hmr: false },
  plugins: [
    {
      name: 'bench-page',
      configureServer(s) {
        s.middlewares.use('/bench.html', (_req, res) => res.end('<!doctype html><meta charset="utf-8"><title>snapshot bench</title>'));
      },
    },
  ],
});
await server.listen();
const url = `${server.resolvedUrls.local[0]}bench.html`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
page.on('pageerror', (error) => console.error('page error:', error));
await page.goto(url);

// In the page: the migrations, a base database (all but the last applied, plus data) kept
// as a dump in memory, and helpers to put it back and to boot.
await page.evaluate(async (notes) => {
  const { PGlite } = await import('/node_modules/@electric-sql/pglite/dist/index.js');
  const browser = await import('/src/browser/index.ts');
  const sql = (id, text) => ({ file: `${id}.sql`, sql: text });
  const migrations = [
    sql(
      '001_create_notes',
      `CREATE TABLE notes (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL, body text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now());`,
    ),
    sql('002_create_tags', `CREATE TABLE tags (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE);`),
    sql(
      '003_create_note_tags',
      `CREATE TABLE note_tags (note_id integer NOT NULL REFERENCES notes ON DELETE CASCADE, tag_id integer NOT NULL REFERENCES tags ON DELETE CASCADE, PRIMARY KEY (note_id, tag_id));`,
    ),
    sql('004_add_pinned', `ALTER TABLE notes ADD COLUMN pinned boolean NOT NULL DEFAULT false;`),
    sql('005_add_updated_at', `ALTER TABLE notes ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();`),
    sql('006_notes_by_update', `CREATE INDEX notes_updated_idx ON notes (updated_at DESC);`),
    sql('007_tag_name_check', `ALTER TABLE tags ADD CONSTRAINT tags_name_lower CHECK (name = lower(name));`),
    sql('008_note_search', `CREATE INDEX notes_search_idx ON notes USING gin (to_tsvector('simple', title || ' ' || body));`),
    sql('009_create_settings', `CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL);`),
    sql(
      '010_add_archived',
      `ALTER TABLE notes ADD COLUMN archived boolean NOT NULL DEFAULT false; CREATE INDEX notes_archived_idx ON notes (archived) WHERE archived;`,
    ),
  ];
  const base = await PGlite.create('idb://snapshot-bench-base');
  const { migrate } = await import('/src/core/index.ts');
  await migrate(base, { migrations: migrations.slice(0, -1), onWarning: () => {} });
  await base.exec(`
    INSERT INTO tags (name) SELECT 'tag' || i FROM generate_series(1, 50) i;
    INSERT INTO notes (title, body, pinned)
      SELECT 'Note ' || i, repeat(md5(i::text) || ' ', 8), i % 17 = 0 FROM generate_series(1, ${notes}) i;
    INSERT INTO note_tags SELECT n.id, 1 + (n.id * 7) % 50 FROM notes n;
    INSERT INTO note_tags SELECT n.id, 1 + (n.id * 13) % 50 FROM notes n ON CONFLICT DO NOTHING;
    ANALYZE;`);
  const dump = await base.dumpDataDir('gzip');
  const dumpRaw = await base.dumpDataDir('none');
  await base.close();

  const deleteDb = (name) =>
    new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  await deleteDb('/pglite/snapshot-bench-base');

  window.bench = {
    sizes: { gzip: dump.size, raw: dumpRaw.size },
    async putBack() {
      await deleteDb('/pglite/snapshot-bench');
      const db = await PGlite.create('idb://snapshot-bench', { loadDataDir: dump });
      await db.close();
    },
    async boot(snapshot) {
      const started = performance.now();
      const { db, result, timings } = await browser.bootDatabase({ name: 'snapshot-bench', migrations, snapshot, onWarning: () => {} });
      const totalMs = performance.now() - started;
      await db.close();
      return { totalMs, migrateMs: timings.migrateMs, applied: result.applied.length };
    },
    /** Where a snapshot's time goes: the gzipped dump, an uncompressed one, storing the blob. */
    async parts() {
      const db = await PGlite.create('idb://snapshot-bench');
      const time = async (work) => {
        const started = performance.now();
        const value = await work();
        return [performance.now() - started, value];
      };
      const [gzipMs, blob] = await time(() => db.dumpDataDir('gzip'));
      const [rawMs] = await time(() => db.dumpDataDir('none'));
      await db.close();
      const { createStore, set, del } = await import('/node_modules/idb-keyval/dist/index.js');
      const store = createStore('snapshot-bench-parts', 'blobs');
      const [storeMs] = await time(() => set('one', blob, store));
      await del('one', store);
      return { gzipMs, rawMs, storeMs };
    },
    async snapshots() {
      return (await browser.listSnapshots({ name: 'snapshot-bench' })).map((s) => ({ size: s.size, reason: s.reason }));
    },
  };
}, NOTES);

const runs = { upgradeWithout: [], upgradeWith: [], warmWithout: [], warmWith: [] };
const boot = (snapshot) => page.evaluate((s) => window.bench.boot(s), snapshot);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['never', 'before-migrate'] : ['before-migrate', 'never'];
  for (const option of order) {
    await page.evaluate(() => window.bench.putBack());
    const upgrade = await boot(option);
    if (upgrade.applied !== 1) throw new Error(`expected 1 migration applied, got ${upgrade.applied}`);
    runs[option === 'never' ? 'upgradeWithout' : 'upgradeWith'].push(upgrade);
  }
  for (const option of [...order].reverse()) {
    const warm = await boot(option);
    if (warm.applied !== 0) throw new Error(`expected a warm boot, got ${warm.applied} applied`);
    runs[option === 'never' ? 'warmWithout' : 'warmWith'].push(warm);
  }
  console.log(`round ${round + 1}/${rounds} done`);
}
const { sizes, snapshots, parts } = await page.evaluate(async () => ({
  sizes: window.bench.sizes,
  snapshots: await window.bench.snapshots(),
  parts: await window.bench.parts(),
}));
await browser.close();
await server.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (key, field = 'totalMs') => median(runs[key].map((r) => r[field]));
const upgradeRatio = ms('upgradeWith') / ms('upgradeWithout');
const warmRatio = ms('warmWith') / ms('warmWithout');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const row = (label, key) => `| ${label} | ${Math.round(ms(key))} ms | ${Math.round(ms(key, 'migrateMs'))} ms |`;

const markdown = `## Snapshot before migrate (\`bench/snapshot.bench.mjs\`)

\`bootDatabase({ snapshot: 'before-migrate' })\` against \`snapshot: 'never'\`, headless Chromium, real IndexedDB,
a notes database of 10 migrations and ${NOTES.toLocaleString('en')} notes with tags (data directory ${mb(sizes.raw)} as tar,
${mb(sizes.gzip)} gzipped; the snapshots kept measured ${snapshots.map((s) => mb(s.size)).join(', ')}).
Medians of ${rounds} rounds, the two options alternating first.

| boot | total | open-to-ready (status, snapshot, migrate) |
| --- | --- | --- |
${row('upgrade (1 pending), without snapshot', 'upgradeWithout')}
${row('upgrade (1 pending), with snapshot', 'upgradeWith')}
${row('warm (nothing pending), without snapshot', 'warmWithout')}
${row('warm (nothing pending), with snapshot option', 'warmWith')}

- Upgrade boot with the snapshot / without: **${upgradeRatio.toFixed(2)}x** (+${Math.round(ms('upgradeWith') - ms('upgradeWithout'))} ms).
- Warm boot with the option / without: **${warmRatio.toFixed(2)}x** (+${Math.round(ms('warmWith') - ms('warmWithout'))} ms in all, +${Math.round(ms('warmWith', 'migrateMs') - ms('warmWithout', 'migrateMs'))} ms open-to-ready: one status read; the rest is the noise of opening PGlite).
- Where a snapshot's time goes (once, on the upgraded database): \`dumpDataDir('gzip')\` ${Math.round(parts.gzipMs)} ms,
  \`dumpDataDir('none')\` ${Math.round(parts.rawMs)} ms, storing the gzipped blob in IndexedDB ${Math.round(parts.storeMs)} ms.

Reproduce: \`node bench/snapshot.bench.mjs [rounds]\`.
`;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'snapshot.md'), markdown);
writeResultsMd(); // bench/RESULTS.md: this section and the others, with their notes
console.log(markdown);
console.log(`ratio upgrade-with-snapshot / without: ${upgradeRatio.toFixed(2)}; warm: ${warmRatio.toFixed(2)}`);
