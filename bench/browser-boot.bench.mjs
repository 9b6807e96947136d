// Boot cost in headless Chromium against real IndexedDB, 200 small migrations (3 DDL statements
// each), bundled by the pgboot Vite plugin into a production build. Each figure is a ratio of two
// things measured side by side in the same round:
//   warm: bootDatabase with nothing pending   vs  a bare PGlite open + `SELECT 1` on the same database
//   cold: bootDatabase applying all 200       vs  the same SQL as one `db.exec()` (the floor), each on a new database
// It also counts IndexedDB flushes (readwrite transactions on /pglite/*) for each.
// Writes bench/results/browser-boot.md.  Usage: node bench/browser-boot.bench.mjs [rounds]  (default 5)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createJiti } from 'jiti';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rounds = Number(process.argv[2] ?? 5);
const COUNT = 200;
const WARM_PAIRS = 3;
const work = join(root, 'node_modules/.cache/pgboot-bench/browser-boot');
// The plugin is TypeScript source in this repository; jiti loads it in plain Node.
const { pgboot } = await createJiti(import.meta.url).import(join(root, 'src/vite/index.ts'));

// 1. The app: 200 migrations and a page exposing the measured operations.
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'migrations'), { recursive: true });
for (let i = 1; i <= COUNT; i++) {
  const n = String(i).padStart(3, '0');
  writeFileSync(
    join(work, 'migrations', `${n}_step_${n}.sql`),
    `CREATE TABLE t${n} (id integer PRIMARY KEY, label text NOT NULL, created_at timestamptz DEFAULT now());\n` +
      `CREATE INDEX t${n}_label ON t${n} (label);\n` +
      `ALTER TABLE t${n} ADD COLUMN note text;\n`,
  );
}
writeFileSync(join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><title>browser-boot bench</title><script type="module" src="./main.ts"></script>');
writeFileSync(
  join(work, 'main.ts'),
  `import migrations from 'virtual:pgboot/migrations';
import { PGlite } from '@electric-sql/pglite';
import { bootDatabase } from 'pgboot/browser';

// Counts IndexedDB flushes: PGlite writes each flush in one readwrite transaction.
let flushes = 0;
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (stores, mode, options) {
  if (mode === 'readwrite' && this.name.startsWith('/pglite/')) flushes++;
  return transaction.call(this, stores, mode, options);
};
async function measure(work) {
  flushes = 0;
  const started = performance.now();
  const extra = await work();
  return { ms: performance.now() - started, flushes, ...extra };
}
const allSql = migrations.map((m) => m.sql).join('\\n');

window.bench = {
  count: migrations.length,
  async bare(name) {
    let db;
    const r = await measure(async () => { db = await PGlite.create({ dataDir: 'idb://' + name }); await db.query('SELECT 1'); });
    await db.close();
    return r;
  },
  async boot(name) {
    let db;
    const r = await measure(async () => { const boot = await bootDatabase({ name, migrations }); db = boot.db; return { applied: boot.result.applied.length, timings: boot.timings }; });
    await db.close();
    return r;
  },
  async floor(name) {
    let db;
    const open = await measure(async () => { db = await PGlite.create({ dataDir: 'idb://' + name }); });
    const apply = await measure(async () => { await db.exec(allSql); });
    const tables = (await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 't%'")).rows[0].n;
    await db.close();
    return { open, apply, tables };
  },
};
document.title = 'ready';
`,
);

await build({
  root: work,
  configFile: false,
  logLevel: 'error',
  plugins: [pgboot({ dir: 'migrations' })],
  resolve: { alias: [{ find: /^pgboot\/browser$/, replacement: join(root, 'src/browser/index.ts') }] },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: { outDir: join(work, 'dist'), emptyOutDir: true, target: 'es2022' },
});
const server = await preview({ root: work, configFile: false, logLevel: 'error', build: { outDir: join(work, 'dist') }, preview: { port: 5198, strictPort: false } });
const url = server.resolvedUrls.local[0];

// 2. Measure, round by round, in one browser.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rows = [];
for (let round = 1; round <= rounds; round++) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const call = (fn, name) => page.evaluate(([fn, name]) => window.bench[fn](name), [fn, name]);

  // Cold: alternate which goes first, each on a database of its own.
  let floor;
  let cold;
  if (round % 2) {
    floor = await call('floor', `floor-${round}`);
    cold = await call('boot', `app-${round}`);
  } else {
    cold = await call('boot', `app-${round}`);
    floor = await call('floor', `floor-${round}`);
  }
  const pair = { floor, cold };
  if (cold.applied !== COUNT || floor.tables !== COUNT) throw new Error(`cold run incomplete: ${JSON.stringify(pair)}`);

  // Warm: the database the cold boot created; alternate bare and boot.
  const bare = [];
  const warm = [];
  for (let i = 0; i < WARM_PAIRS; i++) {
    const order = (round + i) % 2 ? ['bare', 'boot'] : ['boot', 'bare'];
    for (const fn of order) {
      const r = await call(fn, `app-${round}`);
      if (fn === 'boot' && r.applied !== 0) throw new Error('warm boot applied something');
      (fn === 'bare' ? bare : warm).push(r);
    }
  }
  const row = {
    round,
    bareMs: median(bare.map((r) => r.ms)),
    warmMs: median(warm.map((r) => r.ms)),
    bareFlushes: median(bare.map((r) => r.flushes)),
    warmFlushes: median(warm.map((r) => r.flushes)),
    floorApplyMs: pair.floor.apply.ms,
    floorOpenMs: pair.floor.open.ms,
    floorFlushes: pair.floor.apply.flushes,
    coldMigrateMs: pair.cold.timings.migrateMs,
    coldOpenMs: pair.cold.timings.openMs,
    coldTotalMs: pair.cold.ms,
    coldFlushes: pair.cold.flushes,
  };
  row.warmRatio = row.warmMs / row.bareMs;
  row.coldApplyRatio = row.coldMigrateMs / row.floorApplyMs;
  row.coldTotalRatio = row.coldTotalMs / (row.floorOpenMs + row.floorApplyMs);
  rows.push(row);
  console.log(
    `round ${round}: warm ${row.warmMs.toFixed(0)} ms vs bare ${row.bareMs.toFixed(0)} ms = ${row.warmRatio.toFixed(3)}x | ` +
      `cold apply ${row.coldMigrateMs.toFixed(0)} ms vs one exec ${row.floorApplyMs.toFixed(0)} ms = ${row.coldApplyRatio.toFixed(3)}x ` +
      `(with open: ${row.coldTotalRatio.toFixed(3)}x) | flushes: warm ${row.warmFlushes} / bare ${row.bareFlushes}, cold ${row.coldFlushes} / floor ${row.floorFlushes}`,
  );
  await page.close();
}
await browser.close();
await server.close();

// 3. Report.
const m = (key) => median(rows.map((r) => r[key]));
const f0 = (x) => x.toFixed(0);
const f2 = (x) => x.toFixed(2);
const summary = {
  warmRatio: m('warmRatio'),
  coldApplyRatio: m('coldApplyRatio'),
  coldTotalRatio: m('coldTotalRatio'),
};
console.log(
  `\nmedians over ${rounds} rounds: warm boot / bare open = ${f2(summary.warmRatio)}x (target <= 1.10), ` +
    `cold apply / single exec = ${f2(summary.coldApplyRatio)}x (target <= 1.50), cold boot incl. open / open + exec = ${f2(summary.coldTotalRatio)}x`,
);
const md = `## Browser boot (\`bench/browser-boot.bench.mjs\`)

Headless Chromium (Debian ${browser.version?.() ?? ''}), real IndexedDB, ${COUNT} small migrations (3 DDL statements each) bundled by
\`pgboot/vite\` into a production build; ${rounds} rounds, ${WARM_PAIRS} warm pairs per round (order alternated). Flushes =
IndexedDB readwrite transactions on \`/pglite/*\`. Reproduce: \`node bench/browser-boot.bench.mjs ${rounds}\`.

| figure | median ratio | target |
| --- | --- | --- |
| warm boot, nothing pending / bare \`PGlite.create\` + \`SELECT 1\` | **${f2(summary.warmRatio)}x** | <= 1.10x |
| cold boot, migrate phase (all ${COUNT}) / the same SQL as one \`exec\` | **${f2(summary.coldApplyRatio)}x** | <= 1.50x |
| cold boot incl. open (initdb) / open + one \`exec\` | ${f2(summary.coldTotalRatio)}x | |

| round | warm boot ms | bare open ms | warm ratio | migrate ${COUNT} ms | one exec ms | apply ratio | with open | flushes warm / bare | flushes cold / floor |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows
  .map(
    (r) =>
      `| ${r.round} | ${f0(r.warmMs)} | ${f0(r.bareMs)} | ${f2(r.warmRatio)} | ${f0(r.coldMigrateMs)} | ${f0(r.floorApplyMs)} | ${f2(r.coldApplyRatio)} | ${f2(r.coldTotalRatio)} | ${r.warmFlushes} / ${r.bareFlushes} | ${r.coldFlushes} / ${r.floorFlushes} |`,
  )
  .join('\n')}
`;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'browser-boot.md'), md);
const failed = summary.warmRatio > 1.1 || summary.coldApplyRatio > 1.5;
if (failed) console.log('a target was missed (see above)');
