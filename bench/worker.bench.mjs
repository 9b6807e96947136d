// Worker mode (bootDatabase({ name, worker }) + serveDatabase in the worker) in headless Chromium,
// real IndexedDB and OPFS, 200 small migrations (3 DDL statements each) bundled by the pgboot Vite
// plugin into a production build (page and worker). Measured side by side in each round, in
// alternating order:
//   warm    bootDatabase({ worker }) + `SELECT 1`, nothing pending, in the leader tab and in a second
//           tab while the first leads   vs  a bare PGliteWorker (worker({ init }) opening the same
//           idb:// database) + `SELECT 1`, in the same two positions
//   cold    worker-mode boot applying all 200   vs  the same SQL as one exec through a bare PGliteWorker
//   longtasks  main-thread tasks > 50 ms during a 200-migration cold boot, worker mode vs page mode
//   round trip  db.query('SELECT 1') and a 1-row INSERT: leader tab, second tab, bare PGliteWorker, page mode
//   storage  idb:// vs opfs-ahp:// in worker mode (pgboot's defaults, PGlite's default OPFS pool): cold
//           boot, 1,000 rows by INSERT ... SELECT generate_series, 1,000 single-row INSERTs in one
//           transaction; then the same inserts through a bare PGliteWorker on idb:// (50 single rows,
//           scaled: it flushes ~6 times a row)
//   durability  after pgboot's inserts the worker is terminated without closing the database (as a
//           crashed tab's would be), and a bare PGliteWorker reopens it and counts the rows (on OPFS
//           after waiting until the killed worker's file handles are released)
// It also counts IndexedDB flushes (syncfs calls: readonly transactions; writes: readwrite ones)
// in every worker and page. Chromium runs on a profile on disk (launchPersistentContext), as a user's does.
// Writes bench/results/worker.md.  Usage: node bench/worker.bench.mjs [rounds]  (default 2)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createJiti } from 'jiti';
import { build, preview } from 'vite';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rounds = Number(process.argv[2] ?? 2);
const COUNT = 200;
const PORT = 45190; // not one of e2e/ports.ts
const WARM_PAIRS = 4; // per round and position (leader, second tab)
const TRIPS = 5; // round trips per kind and mode
const SINGLE_ROWS = 1000;
// Through a bare PGliteWorker on IndexedDB each single-row INSERT costs ~6 flushes (~0.3 s here): 1,000
// would take minutes, so that one figure runs SINGLE_ROWS_BARE rows and is reported per row and scaled.
const SINGLE_ROWS_BARE = 50;
const work = join(root, 'node_modules/.cache/pgboot-bench/worker');
const { pgboot } = await createJiti(import.meta.url).import(join(root, 'src/vite/index.ts'));
const benchStarted = Date.now();

// 1. The app: 200 migrations, a page exposing the measured operations, its workers.
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
writeFileSync(join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><title>worker bench</title><script type="module" src="./main.ts"></script>');

// Imported first by every worker and the page: counts PGlite's IndexedDB syncs. Emscripten's IDBFS
// reads the stored file list in one readonly transaction per syncfs, and writes what changed in one
// readwrite transaction (none when nothing changed).
writeFileSync(
  join(work, 'count-flushes.ts'),
  `export const flushes = { syncs: 0, writes: 0 };
const transaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (stores, mode, options) {
  if (this.name.startsWith('/pglite/')) {
    if (mode === 'readwrite') flushes.writes++;
    else flushes.syncs++;
  }
  return transaction.call(this, stores, mode, options);
};
if (typeof document === 'undefined') {
  addEventListener('message', (event) => {
    if (event.data?.type === 'bench:flushes?') postMessage({ type: 'bench:flushes', flushes });
  });
}
`,
);
writeFileSync(
  join(work, 'db.worker.ts'),
  `import './count-flushes.ts';
import migrations from 'virtual:pgboot/migrations';
import { serveDatabase } from 'pgboot/worker';
serveDatabase({ migrations });
`,
);
// The floor: PGlite's own worker, nothing else.
writeFileSync(
  join(work, 'bare.worker.ts'),
  `import './count-flushes.ts';
import { PGlite } from '@electric-sql/pglite';
import { worker } from '@electric-sql/pglite/worker';
worker({ init: (options) => PGlite.create({ dataDir: options.meta.dataDir }) });
`,
);
// Waits until no one holds any file of an OPFS data directory: OpfsAhpFS keeps a sync access handle on
// every file, and one opening the directory while another worker's handles are not yet released cannot
// open those files (it logs that, goes on, and fails at the first read: "Cannot read properties of undefined
// (reading 'sh')"). Reports how many files were still held at the first look and when all were free.
writeFileSync(
  join(work, 'opfs-free.worker.ts'),
  `addEventListener('message', async ({ data }) => {
  const started = performance.now();
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(data.dir);
  let held = [await root.getFileHandle('state.txt')];
  for await (const handle of (await root.getDirectoryHandle('data')).values()) if (handle.kind === 'file') held.push(handle);
  const files = held.length;
  let heldAtFirst;
  for (let look = 1; ; look++) {
    const still = [];
    for (const file of held) {
      try {
        (await file.createSyncAccessHandle()).close();
      } catch (error) {
        if (error.name !== 'NoModificationAllowedError') return postMessage({ files, error: String(error) });
        still.push(file);
      }
    }
    heldAtFirst ??= still.length;
    held = still;
    if (held.length === 0) return postMessage({ files, heldAtFirst, looks: look, ms: performance.now() - started });
    if (look >= 2000) return postMessage({ files, heldAtFirst, held: held.length, error: 'still held after 2000 looks' });
    await new Promise((r) => setTimeout(r, 5));
  }
});
`,
);
// Writes new, empty databases from a dump of an empty one (instead of initdb, 3-7 s here): not measured.
writeFileSync(
  join(work, 'seed.worker.ts'),
  `import { PGlite } from '@electric-sql/pglite';
let template;
addEventListener('message', async ({ data }) => {
  try {
    if (!template) {
      const empty = await PGlite.create();
      template = await empty.dumpDataDir('none');
      await empty.close();
    }
    const db = await PGlite.create({ dataDir: data.dataDir, loadDataDir: template });
    await db.syncToFs();
    await db.close();
    postMessage({ id: data.id });
  } catch (error) {
    postMessage({ id: data.id, error: String(error) });
  }
});
`,
);
writeFileSync(
  join(work, 'main.ts'),
  `import { flushes } from './count-flushes.ts';
import migrations from 'virtual:pgboot/migrations';
import { PGliteWorker } from '@electric-sql/pglite/worker';
import { bootDatabase } from 'pgboot/browser';

const allSql = migrations.map((m) => m.sql).join('\\n');
const newWorker = (kind) =>
  kind === 'pgboot'
    ? new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' })
    : kind === 'bare'
      ? new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module' })
      : new Worker(new URL('./seed.worker.ts', import.meta.url), { type: 'module' });

// Main-thread tasks over 50 ms, as the browser reports them.
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
const tasksBetween = (from, to) => longTasks.filter((t) => t.startTime >= from && t.startTime < to);
// Long animation frames name the scripts that ran in a long task (where Chromium can tell).
const frames = [];
new PerformanceObserver((list) => frames.push(...list.getEntries())).observe({ type: 'long-animation-frame' });
function describeTask(task, started) {
  const end = task.startTime + task.duration;
  const scripts = frames
    .filter((f) => f.startTime < end && f.startTime + f.duration > task.startTime)
    .flatMap((f) => f.scripts.map((s) => \`\${s.invoker || s.invokerType} \${Math.round(s.duration)} ms\`));
  return \`\${Math.round(task.duration)} ms at +\${Math.round(task.startTime - started)} ms\${scripts.length ? \` (\${scripts.join(', ')})\` : ''}\`;
}

function askFlushes(worker) {
  if (!worker) return Promise.resolve({ ...flushes });
  return new Promise((resolve) => {
    const onMessage = (event) => {
      if (event.data?.type !== 'bench:flushes') return;
      worker.removeEventListener('message', onMessage);
      resolve(event.data.flushes);
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage({ type: 'bench:flushes?' });
  });
}

let seeder;
let seeds = 0;
const open = new Map(); // database name -> { db, worker }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
let nextId = Math.floor(Math.random() * 1e6) * 1000;

window.bench = {
  count: migrations.length,
  seed(dataDir) {
    seeder ??= newWorker('seed');
    const id = ++seeds;
    return new Promise((resolve, reject) => {
      const onMessage = ({ data }) => {
        if (data.id !== id) return;
        seeder.removeEventListener('message', onMessage);
        data.error ? reject(new Error(data.error)) : resolve();
      };
      seeder.addEventListener('message', onMessage);
      seeder.postMessage({ id, dataDir });
    });
  },
  /** Worker mode boot; the database stays open (close(name)). */
  async workerBoot(name, dataDir) {
    const worker = newWorker('pgboot');
    const started = performance.now();
    let reached = 0;
    let boot;
    try {
      boot = await bootDatabase({ name, worker, ...(dataDir ? { dataDir } : {}), onProgress: (p) => (reached = p.index) });
    } catch (error) {
      worker.terminate();
      return { error: \`\${error.name}: \${error.message}\`, reached, ms: performance.now() - started };
    }
    const booted = performance.now();
    await boot.db.query('SELECT 1');
    const ended = performance.now();
    open.set(name, { db: boot.db, worker });
    // Flush the observer's queue before reading it.
    await new Promise((r) => setTimeout(r, 0));
    const tasks = tasksBetween(started, ended);
    return {
      bootMs: booted - started,
      ms: ended - started,
      timings: boot.timings,
      applied: boot.result.applied.length,
      isLeader: boot.db.isLeader,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
      taskList: tasks.map((t) => describeTask(t, started)),
      flushes: await askFlushes(worker),
    };
  },
  /** PGlite's own worker on the same data directory; stays open. */
  async bareOpen(name, dataDir, select = true) {
    const worker = newWorker('bare');
    const started = performance.now();
    const db = await PGliteWorker.create(worker, { id: 'bare:' + name, meta: { dataDir: dataDir ?? 'idb://' + name } });
    await db.waitReady;
    const ready = performance.now();
    if (select) await db.query('SELECT 1');
    const ended = performance.now();
    open.set(name, { db, worker });
    return { openMs: ready - started, ms: ended - started, isLeader: db.isLeader, flushes: await askFlushes(worker) };
  },
  async floorExec(name) {
    const { db, worker } = open.get(name);
    const before = await askFlushes(worker);
    const started = performance.now();
    await db.exec(allSql);
    const ms = performance.now() - started;
    const after = await askFlushes(worker);
    const tables = (await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 't%'")).rows[0].n;
    return { ms, tables, syncs: after.syncs - before.syncs, writes: after.writes - before.writes };
  },
  async pageBoot(name) {
    const before = { ...flushes };
    const started = performance.now();
    const boot = await bootDatabase({ name, migrations });
    const booted = performance.now();
    await boot.db.query('SELECT 1');
    const ended = performance.now();
    open.set(name, { db: boot.db });
    await new Promise((r) => setTimeout(r, 0));
    const tasks = tasksBetween(started, ended);
    return {
      bootMs: booted - started,
      ms: ended - started,
      timings: boot.timings,
      applied: boot.result.applied.length,
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
      taskList: tasks.map((t) => describeTask(t, started)),
      syncs: flushes.syncs - before.syncs,
      writes: flushes.writes - before.writes,
    };
  },
  async close(name) {
    const entry = open.get(name);
    open.delete(name);
    await entry?.db.close();
  },
  /** Ends the worker without closing the database (PGlite's close would flush): a crashed tab's worker. */
  crash(name) {
    const entry = open.get(name);
    open.delete(name);
    entry.worker.terminate();
  },
  /** The flush counters of the worker (or page) that has this database open here. */
  flushes(name) {
    return askFlushes(open.get(name)?.worker);
  },
  /** Median ms of SELECT 1 and of a 1-row INSERT, each run n times (after one of each not counted). */
  async roundTrips(name, n) {
    const { db } = open.get(name);
    const insert = () => db.query('INSERT INTO t003 (id, label) VALUES ($1, $2)', [nextId++, 'one row']);
    await db.query('SELECT 1');
    await insert();
    const select = [];
    const inserts = [];
    for (let i = 0; i < n; i++) {
      let t = performance.now();
      await db.query('SELECT 1');
      select.push(performance.now() - t);
      t = performance.now();
      await insert();
      inserts.push(performance.now() - t);
    }
    return { selectMs: median(select), insertMs: median(inserts) };
  },
  /** Resolves when an OPFS data directory's files can be opened (see opfs-free.worker.ts). */
  opfsFree(dir) {
    const probe = new Worker(new URL('./opfs-free.worker.ts', import.meta.url), { type: 'module' });
    return new Promise((resolve) => {
      probe.onmessage = ({ data }) => {
        probe.terminate();
        resolve(data);
      };
      probe.postMessage({ dir });
    });
  },
  async countRows(name, tables) {
    const { db } = open.get(name);
    const counts = {};
    for (const table of tables) counts[table] = (await db.query(\`SELECT count(*)::int AS n FROM \${table}\`)).rows[0].n;
    return counts;
  },
  async seriesInsert(name, table = 't001') {
    const { db } = open.get(name);
    const started = performance.now();
    await db.query(\`INSERT INTO \${table} (id, label) SELECT g, 'row ' || g FROM generate_series(1, 1000) AS g\`);
    const ms = performance.now() - started;
    const rows = (await db.query(\`SELECT count(*)::int AS n FROM \${table}\`)).rows[0].n;
    return { ms, rows };
  },
  async singleInserts(name, n, table = 't002') {
    const { db } = open.get(name);
    const started = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 1; i <= n; i++) await tx.query(\`INSERT INTO \${table} (id, label) VALUES ($1, $2)\`, [i, 'row ' + i]);
    });
    const ms = performance.now() - started;
    const rows = (await db.query(\`SELECT count(*)::int AS n FROM \${table}\`)).rows[0].n;
    return { ms, rows };
  },
  /** Deletes this origin's IndexedDB databases and OPFS entries (nothing may be open). */
  async clearStorage() {
    await Promise.all(
      (await indexedDB.databases()).map(
        (d) => new Promise((r) => { const q = indexedDB.deleteDatabase(d.name); q.onsuccess = q.onerror = q.onblocked = r; }),
      ),
    );
    const opfs = await navigator.storage.getDirectory();
    for await (const key of opfs.keys()) await opfs.removeEntry(key, { recursive: true }).catch(() => undefined);
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
  resolve: {
    alias: [
      { find: /^pgboot\/browser$/, replacement: join(root, 'src/browser/index.ts') },
      { find: /^pgboot\/worker$/, replacement: join(root, 'src/worker/index.ts') },
    ],
  },
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  build: { outDir: join(work, 'dist'), emptyOutDir: true, target: 'es2022' },
});
const server = await preview({
  root: work,
  configFile: false,
  logLevel: 'error',
  build: { outDir: join(work, 'dist') },
  preview: { port: PORT, strictPort: true },
});
const url = server.resolvedUrls.local[0];
console.log(`built and serving in ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);

// 2. Measure, round by round, in one browser profile on disk.
const profile = mkdtempSync(join(tmpdir(), 'pgboot-worker-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const version = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1]));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
async function newTab() {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const call = (fn, ...args) => page.evaluate(([fn, args]) => window.bench[fn](...args), [fn, args]);
  return { page, call };
}
const check = (condition, what, data) => {
  if (!condition) throw new Error(`${what}: ${JSON.stringify(data)}`);
};
// Only the leader's worker opens PGlite, so only it syncs. (PGliteWorker's own isLeader can stay false
// in the leader tab when the election is won at once; pgboot's WorkerDatabase corrects that, the bare one does not.)
const led = (opened) => opened.flushes.syncs > 0;
const diff = (a, b) => ({ syncs: b.syncs - a.syncs, writes: b.writes - a.writes });
for (const p of context.pages()) await p.close();

const rows = [];
let phaseStarted = Date.now();
const phase = (what) => {
  console.log(`  ${what}: ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
  phaseStarted = Date.now();
};
for (let round = 1; round <= rounds; round++) {
  const roundStarted = Date.now();
  const A = await newTab();
  const B = await newTab();
  const odd = round % 2 === 1;
  const r = { round };

  // Cold: worker mode vs one exec through a bare PGliteWorker vs page mode, each on a new database.
  const wName = `w-${round}`;
  const fName = `f-${round}`;
  const pName = `p-${round}`;
  for (const name of [wName, fName, pName]) await A.call('seed', `idb://${name}`);
  const coldOrder = odd ? ['worker', 'floor', 'page'] : ['page', 'floor', 'worker'];
  for (const which of coldOrder) {
    if (which === 'worker') {
      r.coldWorker = await A.call('workerBoot', wName);
      check(r.coldWorker.applied === COUNT, 'worker cold boot incomplete', r.coldWorker);
      await A.call('close', wName);
    } else if (which === 'floor') {
      // Open and a first query (it waits for PGliteWorker's own type query), then the exec alone.
      r.floorOpen = await A.call('bareOpen', fName);
      r.floor = await A.call('floorExec', fName);
      check(r.floor.tables === COUNT, 'floor incomplete', r.floor);
      await A.call('close', fName);
    } else {
      r.coldPage = await A.call('pageBoot', pName);
      check(r.coldPage.applied === COUNT, 'page cold boot incomplete', r.coldPage);
      await A.call('close', pName);
    }
  }
  phase('cold');
  r.coldRatio = r.coldWorker.timings.migrateMs / r.floor.ms;
  r.coldTotalRatio = r.coldWorker.ms / (r.floorOpen.ms + r.floor.ms);

  // Warm, leader tab: on the database the worker-mode cold boot migrated.
  const warmLeader = [];
  for (let i = 0; i < WARM_PAIRS; i++) {
    const bareFirst = (round + i) % 2 === 1;
    const pair = {};
    for (const which of bareFirst ? ['bare', 'boot'] : ['boot', 'bare']) {
      pair[which] = await A.call(which === 'bare' ? 'bareOpen' : 'workerBoot', wName);
      check(led(pair[which]), `${which} not leader`, pair[which]);
      await A.call('close', wName);
    }
    check(pair.boot.applied === 0, 'warm boot applied something', pair.boot);
    warmLeader.push({ ...pair, ratio: pair.boot.ms / pair.bare.ms });
  }
  phase('warm leader');
  // Warm, second tab: tab A leads (opened the same way), tab B boots and queries through it.
  const warmSecond = [];
  for (let i = 0; i < WARM_PAIRS; i++) {
    const bareFirst = (round + i) % 2 === 0;
    const pair = {};
    for (const which of bareFirst ? ['bare', 'boot'] : ['boot', 'bare']) {
      const fn = which === 'bare' ? 'bareOpen' : 'workerBoot';
      await A.call(fn, wName);
      const before = await A.call('flushes', wName);
      pair[which] = await B.call(fn, wName);
      pair[which].leaderFlushes = diff(before, await A.call('flushes', wName));
      check(!led(pair[which]), `${which} second tab leads`, pair[which]);
      await B.call('close', wName);
      await A.call('close', wName);
    }
    warmSecond.push({ ...pair, ratio: pair.boot.ms / pair.bare.ms });
  }
  Object.assign(r, {
    warmLeaderMs: median(warmLeader.map((w) => w.boot.ms)),
    warmLeaderBootOnlyMs: median(warmLeader.map((w) => w.boot.bootMs)),
    bareLeaderMs: median(warmLeader.map((w) => w.bare.ms)),
    warmLeaderRatio: median(warmLeader.map((w) => w.ratio)),
    warmLeaderRatios: warmLeader.map((w) => w.ratio),
    warmLeaderPairs: warmLeader,
    warmSecondMs: median(warmSecond.map((w) => w.boot.ms)),
    bareSecondMs: median(warmSecond.map((w) => w.bare.ms)),
    warmSecondRatio: median(warmSecond.map((w) => w.ratio)),
    warmSecondRatios: warmSecond.map((w) => w.ratio),
    warmSecondPairs: warmSecond,
    warmSecondLeaderFlushes: warmSecond[0].boot.leaderFlushes,
    bareSecondLeaderFlushes: warmSecond[0].bare.leaderFlushes,
  });

  phase('warm second tab');
  // Round trips: leader tab and second tab through pgboot's worker, a bare PGliteWorker, page mode.
  const trips = {};
  const tripOrder = odd ? ['worker', 'bare', 'page'] : ['page', 'bare', 'worker'];
  for (const which of tripOrder) {
    if (which === 'worker') {
      await A.call('workerBoot', wName);
      await B.call('workerBoot', wName);
      let before = await A.call('flushes', wName);
      trips.leader = await A.call('roundTrips', wName, TRIPS);
      trips.leader.flushes = diff(before, await A.call('flushes', wName));
      before = await A.call('flushes', wName);
      trips.second = await B.call('roundTrips', wName, TRIPS);
      trips.second.flushes = diff(before, await A.call('flushes', wName));
      await B.call('close', wName);
      await A.call('close', wName);
    } else if (which === 'bare') {
      await A.call('bareOpen', wName);
      const before = await A.call('flushes', wName);
      trips.bare = await A.call('roundTrips', wName, TRIPS);
      trips.bare.flushes = diff(before, await A.call('flushes', wName));
      await A.call('close', wName);
    } else {
      await A.call('pageBoot', wName);
      let before = await A.call('flushes', '-');
      trips.page = await A.call('roundTrips', wName, TRIPS);
      trips.page.flushes = diff(before, await A.call('flushes', '-'));
      // The storage figures' in-page reference (t001 and t002 are still empty here).
      const series = await A.call('seriesInsert', wName);
      before = await A.call('flushes', '-');
      const single = await A.call('singleInserts', wName, SINGLE_ROWS);
      single.flushes = diff(before, await A.call('flushes', '-'));
      check(series.rows === 1000 && single.rows === SINGLE_ROWS, 'page inserts', { series, single });
      trips.pageInserts = { series, single };
      await A.call('close', wName);
    }
  }
  r.trips = trips;
  phase('round trips');

  // Storage: idb:// vs opfs-ahp:// in worker mode with pgboot's defaults (PGlite's default OPFS pool),
  // each a new database booted in a tab of its own. After the inserts that tab's worker is terminated
  // without a close (PGlite's close flushes), and a bare PGliteWorker in tab A reopens the database and
  // counts the rows: what pgboot's worker reported committed must be in storage. On idb:// the bare
  // worker then runs the same inserts into other tables: PGlite's own worker, side by side.
  const storage = {};
  for (const kind of odd ? ['idb', 'opfs'] : ['opfs', 'idb']) {
    const name = `s-${kind}-${round}`;
    const dataDir = kind === 'opfs' ? `opfs-ahp://${name}` : `idb://${name}`;
    const S = await newTab();
    // Seeding in that tab also compiles PGlite's wasm in its renderer process, as tab A's earlier runs did
    // for the cold triple (a fresh process compiles it again during the boot: measured 2-3x slower migrations).
    await S.call('seed', dataDir);
    const boot = await S.call('workerBoot', name, dataDir);
    if (boot.error) {
      // Reported as it is (pgboot's default setup failed): no inserts on this storage this round.
      console.log(`  ${kind} cold boot failed at migration ${boot.reached}: ${boot.error}`);
      storage[kind] = { boot };
      await S.page.close();
      phase(`storage ${kind} (failed)`);
      continue;
    }
    check(boot.applied === COUNT, `${kind} cold boot incomplete`, boot);
    const series = await S.call('seriesInsert', name);
    check(series.rows === 1000, 'series insert', series);
    const before = await S.call('flushes', name);
    const single = await S.call('singleInserts', name, SINGLE_ROWS);
    single.flushes = diff(before, await S.call('flushes', name));
    check(single.rows === SINGLE_ROWS, 'single inserts', single);
    await S.call('crash', name);
    await S.page.close();
    // On OPFS the ended worker's file handles are released a little later; opening before that fails.
    const released = kind === 'opfs' ? await A.call('opfsFree', name) : undefined;
    if (released?.error) throw new Error(`opfs handles of ${name} not released: ${JSON.stringify(released)}`);
    await A.call('bareOpen', name, dataDir, false);
    const kept = await A.call('countRows', name, ['t001', 't002']);
    // Missing rows are reported in the results, not thrown: the run goes on to measure the rest.
    if (kept.t001 !== 1000 || kept.t002 !== SINGLE_ROWS)
      console.error(`  ${kind}: rows written through pgboot's worker missing after a crash: ${JSON.stringify(kept)}`);
    const entry = { boot, series, single, kept, ...(released ? { released } : {}) };
    if (kind === 'idb') {
      const bareSeries = await A.call('seriesInsert', name, 't004');
      check(bareSeries.rows === 1000, 'bare series insert', bareSeries);
      const bareBefore = await A.call('flushes', name);
      const bareSingle = await A.call('singleInserts', name, SINGLE_ROWS_BARE, 't005');
      bareSingle.flushes = diff(bareBefore, await A.call('flushes', name));
      check(bareSingle.rows === SINGLE_ROWS_BARE, 'bare single inserts', bareSingle);
      Object.assign(entry, { bareSeries, bareSingle });
    }
    await A.call('close', name);
    storage[kind] = entry;
    phase(`storage ${kind}`);
  }
  r.storage = storage;

  await A.page.close();
  await B.page.close();
  const C = await newTab();
  await C.call('clearStorage');
  await C.page.close();
  rows.push(r);
  const f0 = (x) => x.toFixed(0);
  const f2 = (x) => x.toFixed(2);
  console.log(
    `round ${round} (${((Date.now() - roundStarted) / 1000).toFixed(0)} s): ` +
      `warm leader ${f0(r.warmLeaderMs)} vs bare ${f0(r.bareLeaderMs)} ms = ${f2(r.warmLeaderRatio)} (${r.warmLeaderRatios.map(f2).join(' ')}); ` +
      `second tab ${f0(r.warmSecondMs)} vs ${f0(r.bareSecondMs)} ms = ${f2(r.warmSecondRatio)} (${r.warmSecondRatios.map(f2).join(' ')}); ` +
      `cold migrate ${f0(r.coldWorker.timings.migrateMs)} vs exec ${f0(r.floor.ms)} ms = ${f2(r.coldRatio)}, end to end ${f0(r.coldWorker.ms)} vs ${f0(r.floorOpen.ms + r.floor.ms)} = ${f2(r.coldTotalRatio)}; ` +
      `long tasks worker ${r.coldWorker.longTasks}/${f0(r.coldWorker.longTaskMs)} ms, page ${r.coldPage.longTasks}/${f0(r.coldPage.longTaskMs)} ms`,
  );
  console.log(`  trips ${JSON.stringify(trips)}`);
  console.log(`  storage ${JSON.stringify(storage)}`);
}
await context.close();
await server.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(join(work, 'rows.json'), JSON.stringify({ version, rows }, null, 2));

// 3. Report: medians over the rounds.
const at = (path) => (r) => path.split('.').reduce((o, k) => o?.[k], r);
// The median of an even count is the mean of the middle two (with 2 rounds: their mean).
const mid = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
};
// Figures missing in a round (a storage run that failed) are left out of that median.
const m = (path) => {
  const xs = rows.map(at(path)).filter((x) => typeof x === 'number');
  return xs.length ? mid(xs) : Number.NaN;
};
// Every worker-mode cold boot of the run that completed (the cold triple's and the storage runs'), for long tasks.
const workerColdBoots = rows
  .flatMap((r) => [['cold', r.coldWorker], ...['idb', 'opfs'].map((k) => [k, r.storage[k].boot])].map(([label, boot]) => ({ round: r.round, label, boot })))
  .filter((b) => !b.boot.error);
const leaderPairs = (path) => mid(rows.flatMap((r) => r.warmLeaderPairs.map(at(path))));
const secondPairs = (path) => mid(rows.flatMap((r) => r.warmSecondPairs.map(at(path))));
const workerKb = (prefix) => {
  const file = readdirSync(join(work, 'dist/assets')).find((f) => f.startsWith(prefix + '-') && f.endsWith('.js'));
  return f0(statSync(join(work, 'dist/assets', file)).size / 1024);
};
const workerTasks = workerColdBoots.flatMap((b) => b.boot.taskList);
const workerTaskMs = workerColdBoots.map((b) => b.boot.longTaskMs);
const f0 = (x) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(0));
const f1 = (x) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(1));
const f2 = (x) => x.toFixed(2);
const summary = {
  warmLeader: mid(rows.flatMap((r) => r.warmLeaderRatios)),
  warmSecond: mid(rows.flatMap((r) => r.warmSecondRatios)),
  cold: m('coldRatio'),
  coldTotal: m('coldTotalRatio'),
  workerTasks: workerTasks.length,
  workerBootsWithTasks: workerColdBoots.filter((b) => b.boot.longTasks > 0).length,
  workerLongest: Math.max(0, ...workerColdBoots.flatMap((b) => b.boot.taskList.map((t) => Number.parseInt(t, 10)))),
  workerTaskMs: Math.max(...workerTaskMs),
  pageTasks: m('coldPage.longTasks'),
  pageTaskMs: m('coldPage.longTaskMs'),
};
const goal = (ok) => (ok ? 'met' : '**missed**');
const met = (ok) => (ok ? 'met' : 'MISSED');
const queriesPerTrip = 2 * (TRIPS + 1); // one of each not counted, then TRIPS pairs
const perQuery = (key, what = 'syncs') => m(`trips.${key}.flushes.${what}`) / queriesPerTrip;
const tripRow = (label, key) =>
  `| ${label} | ${f1(m(`trips.${key}.selectMs`))} | ${f1(m(`trips.${key}.insertMs`))} | ${f1(perQuery(key))} / ${f1(perQuery(key, 'writes'))} |`;
const trip = (key, what) => m(`trips.${key}.${what}`);
const cell = (path) => f0(m(path));
const flushCell = (path) => `${f0(m(`${path}.syncs`))} / ${f0(m(`${path}.writes`))}`;
const bareRowMs = m('storage.idb.bareSingle.ms') / SINGLE_ROWS_BARE;
const opfsFailures = rows.filter((r) => r.storage.opfs.boot.error).map((r) => ({ round: r.round, ...r.storage.opfs.boot }));
const opfsOk = rows.length - opfsFailures.length;
const kept = rows.flatMap((r) => ['idb', 'opfs'].filter((k) => r.storage[k].kept).map((k) => ({ kind: k, ...r.storage[k].kept })));
const OPFS_NOTE = opfsFailures.length
  ? `OPFS with pgboot's defaults (PGlite's default pool of 100 spare access handles, pgboot flushing every 10 migrations on OPFS): ` +
    `the cold boot of ${COUNT} migrations FAILED in ${opfsFailures.length} of ${rows.length} rounds: ` +
    opfsFailures.map((f) => `round ${f.round} at migration ${f.reached} of ${COUNT} with \`${f.error}\``).join('; ') +
    `.${opfsOk ? '' : ' So the opfs-ahp:// column has no figures.'}`
  : `OPFS with pgboot's defaults (PGlite's default pool of 100 spare access handles; pgboot flushes every 10 migrations on ` +
    `OPFS, which refills the pool): the cold boot of all ${COUNT} migrations completed in every round (the previous version of this ` +
    `bench, before that change, failed at migration 24 with \`error: ERRORDATA_STACK_SIZE exceeded\`).` +
    `\n\nReopening OPFS after a killed worker: one run of this bench (01:28 UTC) hung there. The bare \`PGliteWorker\`, ` +
    `opened right after the killed worker's page closed, failed at once with \`TypeError: Cannot read properties of undefined ` +
    `(reading 'sh')\` (OpfsAhpFS's \`lstat\`: a file of the state it read has no open handle) and repeated it without end; the ` +
    `run before it had reopened fine. OpfsAhpFS holds a sync access handle on every file of the directory and cannot open a file ` +
    `another worker still holds (it logs that and goes on). The bench now waits until every file can be opened before it reopens, ` +
    `and found, per round: ${rows
      .filter((r) => r.storage.opfs.released)
      .map((r) => r.storage.opfs.released)
      .map(
        (x) =>
          `${x.heldAtFirst} of ${x.files} files still held at its first look, all free after ${x.looks} look(s) (${f0(x.ms)} ms, a look takes about a second)`,
      )
      .join('; ')}. ` +
    `So a killed worker's handles are released over some time after its page closed, which is what that hang needed. It is PGlite's ` +
    `behaviour (pgboot's worker holds the same handles as the bare one): a tab reloaded right after its worker died could hit it.`;
const READING =
  `pgboot's worker hands PGlite's election a view of the leader's PGlite that flushes once per commit ` +
  `(\`flushOncePerCommit\`, src/worker/flush-on-commit.ts), where PGlite's own worker flushes after each of the 6 protocol ` +
  `messages of a query and once more for the tab's \`syncToFs\`. On a warm idb:// database a query costs ` +
  `${f1(perQuery('leader'))} IndexedDB syncs through pgboot's worker (leader tab; ${f1(perQuery('second'))} from a second tab) against ` +
  `${f1(perQuery('bare'))} through a bare \`PGliteWorker\` and ${f1(perQuery('page'))} in page mode, so \`SELECT 1\` takes ` +
  `${f0(trip('leader', 'selectMs'))} ms (leader tab) / ${f0(trip('second', 'selectMs'))} ms (second tab) against ${f0(trip('bare', 'selectMs'))} ms ` +
  `(bare) and ${f0(trip('page', 'selectMs'))} ms (page mode), and a 1-row \`INSERT\` ${f0(trip('leader', 'insertMs'))} / ${f0(trip('second', 'insertMs'))} ms ` +
  `against ${f0(trip('bare', 'insertMs'))} and ${f0(trip('page', 'insertMs'))} ms. Inside a transaction PGlite's own worker flushes after every message ` +
  `too: 1,000 single-row inserts in one transaction take ${cell('storage.idb.single.ms')} ms through pgboot's worker on idb:// ` +
  `(${f0(m('storage.idb.single.flushes.syncs'))} syncs in all) against about ${f0(bareRowMs)} s through the bare one (scaled from ${SINGLE_ROWS_BARE} rows, ` +
  `${f0(m('storage.idb.bareSingle.flushes.syncs') / SINGLE_ROWS_BARE)} syncs a row), and one \`INSERT ... SELECT\` of 1,000 rows ` +
  `${cell('storage.idb.series.ms')} against ${cell('storage.idb.bareSeries.ms')} ms. What remains against page mode (${f0(m('trips.pageInserts.single.ms'))} ms for ` +
  `those 1,000 inserts) is not flushing but \`PGliteWorker\`'s messages between tab and worker for every query, about ${f1(m('storage.idb.single.ms') / SINGLE_ROWS)} ms a row` +
  (opfsOk ? ` (${f1(m('storage.opfs.single.ms') / SINGLE_ROWS)} ms on opfs-ahp://, which never flushes through IndexedDB)` : '') +
  `. Flushing less did not lose writes: after the inserts each storage run's worker was terminated without closing PGlite ` +
  `(PGlite's close would flush), and a bare \`PGliteWorker\` reopening the database found ` +
  (kept.every((k) => k.t001 === 1000 && k.t002 === SINGLE_ROWS)
    ? `all 2,000 rows in every one of the ${kept.length} runs (${[...new Set(kept.map((k) => k.kind + '://'))].join(', ').replace('opfs://', 'opfs-ahp://')}); `
    : `rows missing: ${JSON.stringify(kept)}; `) +
  `this is a killed worker with the browser still running, not a power cut. Boot itself: warm ${f2(summary.warmLeader)}x a bare \`PGliteWorker\` ` +
  `in the leader tab and ${f2(summary.warmSecond)}x in a second tab (goal 1.10x: ${met(summary.warmLeader <= 1.1)}, ${met(summary.warmSecond <= 1.1)}; both ` +
  `sides' figures include their first queries, which the bare side pays at 7 syncs each), the cold migrate phase ${f2(summary.cold)}x one \`exec\` ` +
  `of the same SQL (goal 1.5x: ${met(summary.cold <= 1.5)}), ${f2(summary.coldTotal)}x end to end, and ` +
  (summary.workerTasks === 0
    ? `no long task in the page during any of the ${workerColdBoots.length} worker-mode cold boots`
    : `${summary.workerTasks} long task(s) of at most ${summary.workerLongest} ms in ${summary.workerBootsWithTasks} of ${workerColdBoots.length} worker-mode cold boots (goal none: MISSED, though the page only passes messages then; on 2 shared cores a short task can stretch past 50 ms)`) +
  `, against ${f1(summary.pageTasks)} long tasks (${f0(summary.pageTaskMs)} ms of blocked main thread) per page-mode boot. ` +
  (opfsOk
    ? `opfs-ahp:// with pgboot's defaults: cold boot ${cell('storage.opfs.boot.bootMs')} ms against ${cell('storage.idb.boot.bootMs')} ms on idb://` +
      (opfsFailures.length ? ` (it failed in ${opfsFailures.length} round(s), see above)` : '') +
      `, \`INSERT ... SELECT\` of 1,000 rows ${cell('storage.opfs.series.ms')} ms.`
    : `opfs-ahp:// with pgboot's defaults failed in every round (see above).`);
const md = `## Worker mode (\`bench/worker.bench.mjs\`)

Headless Chromium ${version} on a profile on disk, real IndexedDB and OPFS, ${COUNT} small migrations (3 DDL statements
each) bundled by \`pgboot/vite\` into a production build, page and worker. The floor is PGlite's own worker: a script
calling \`worker({ init: () => PGlite.create(...) })\` and a \`PGliteWorker\` in the page, on the same database. Per
round: one cold triple (worker mode, floor, page mode, each on a new database written from a dump of an empty one),
${WARM_PAIRS} warm pairs in each tab position, ${TRIPS} round trips of each kind after one not counted, and the storage
runs, the two sides alternating first. Warm figures include the first \`SELECT 1\` on both sides (a \`PGliteWorker\` is
ready when its first query answers). Flushes are counted in every worker and page: syncs = Emscripten IDBFS
\`syncfs\` calls (each reads the stored file list in one readonly IndexedDB transaction), writes = readwrite
transactions (a sync that found changes). pgboot's worker is \`serveDatabase({ migrations })\` with nothing else (its
flush once per commit, its OPFS flush every 10 migrations, PGlite's default OPFS pool). Reproduce:
\`node bench/worker.bench.mjs ${rounds}\` (about ${Math.round((Date.now() - benchStarted) / 60000)} min here; the machine was shared and loaded, compare ratios).

| figure | median | goal |
| --- | --- | --- |
| warm, leader tab: \`bootDatabase({ name, worker })\` + \`SELECT 1\` / bare \`PGliteWorker\` + \`SELECT 1\` (all ${rounds * WARM_PAIRS} pairs) | **${f2(summary.warmLeader)}x** | <= 1.10x, ${goal(summary.warmLeader <= 1.1)} |
| warm, second tab (the first tab leads): the same two (all ${rounds * WARM_PAIRS} pairs) | **${f2(summary.warmSecond)}x** | <= 1.10x, ${goal(summary.warmSecond <= 1.1)} |
| cold: worker-mode migrate phase, all ${COUNT} / the same SQL as one \`exec\` through a bare \`PGliteWorker\` | **${f2(summary.cold)}x** | <= 1.50x, ${goal(summary.cold <= 1.5)} |
| cold, end to end: \`bootDatabase({ name, worker })\` + \`SELECT 1\` / bare open + \`SELECT 1\` + one \`exec\` | ${f2(summary.coldTotal)}x | report |
| main-thread long tasks (> 50 ms) during a ${COUNT}-migration cold boot, worker mode: all ${workerColdBoots.length} such boots of the run | **${summary.workerTasks} task(s) in ${summary.workerBootsWithTasks} boot(s), longest ${summary.workerLongest} ms** | none, ${goal(summary.workerTasks === 0)} |
| the same, page mode (\`bootDatabase({ name, migrations })\`), per boot | ${f1(summary.pageTasks)} tasks, ${f0(summary.pageTaskMs)} ms in all | reference |

| round | warm leader ms (bare) | ratio | warm second tab ms (bare) | ratio | migrate ${COUNT} ms | one exec ms | cold ratio | long tasks worker / page (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows
  .map(
    (r) =>
      `| ${r.round} | ${f0(r.warmLeaderMs)} (${f0(r.bareLeaderMs)}) | ${f2(r.warmLeaderRatio)} | ${f0(r.warmSecondMs)} (${f0(r.bareSecondMs)}) | ${f2(r.warmSecondRatio)} | ` +
      `${f0(r.coldWorker.timings.migrateMs)} | ${f0(r.floor.ms)} | ${f2(r.coldRatio)} | ${r.coldWorker.longTasks} (${f0(r.coldWorker.longTaskMs)}) / ${r.coldPage.longTasks} (${f0(r.coldPage.longTaskMs)}) |`,
  )
  .join('\n')}

Long tasks in the page during worker-mode cold boots (duration, start after \`bootDatabase\` was called, and the
scripts Chromium's long-animation-frame entries name): ${
  workerColdBoots
    .filter((b) => b.boot.longTasks > 0)
    .map((b) => `round ${b.round} ${b.label}: ${b.boot.taskList.join(', ')}`)
    .join('; ') || 'none'
}.
Where a warm leader-tab boot's time goes (medians of all pairs): pgboot's leader opens PGlite in ${f0(leaderPairs('boot.timings.openMs'))} ms and
reads the status (nothing pending) in ${f0(leaderPairs('boot.timings.migrateMs'))} ms; the tab has the outcome after ${f0(leaderPairs('boot.timings.lockMs'))} ms
and answers its first \`SELECT 1\` at ${f0(leaderPairs('boot.ms'))} ms; the bare \`PGliteWorker\` is ready after ${f0(leaderPairs('bare.openMs'))} ms and
answers at ${f0(leaderPairs('bare.ms'))} ms. IndexedDB syncs in the worker by then (the open, and the first queries through
\`PGliteWorker\`: its own, then \`SELECT 1\`): ${f0(leaderPairs('boot.flushes.syncs'))} (pgboot) vs ${f0(leaderPairs('bare.flushes.syncs'))} (bare).
In a second tab, pgboot's tab has the leader's outcome after ${f0(secondPairs('boot.timings.lockMs'))} ms, \`bootDatabase\` returns at
${f0(secondPairs('boot.bootMs'))} ms and the first \`SELECT 1\` answers at ${f0(secondPairs('boot.ms'))} ms; the bare \`PGliteWorker\` is connected
at ${f0(secondPairs('bare.openMs'))} ms and answers at ${f0(secondPairs('bare.ms'))} ms (the leader synced ${f0(secondPairs('boot.leaderFlushes.syncs'))} vs
${f0(secondPairs('bare.leaderFlushes.syncs'))} times for it). The worker scripts: pgboot's ${workerKb('db.worker')} KB (PGlite, pgboot,
the ${COUNT} migrations, the bench's flush counter), the bare one ${workerKb('bare.worker')} KB.
The floor's \`exec\` goes through \`PGliteWorker\` like an app's would: ${f0(m('floor.syncs'))} syncs / ${f0(m('floor.writes'))} write(s) in PGlite's own
worker. End to end, the first queries through \`PGliteWorker\` after the boot take ${f0(m('coldWorker.ms') - m('coldWorker.bootMs'))} ms on pgboot's
side (after the migrations: about 1,000 more files to walk at each sync) against ${f0(m('floorOpen.ms') - m('floorOpen.openMs'))} ms on the floor's (before its \`exec\`).

Round trips on a warm database (idb://), median ms, and IndexedDB flushes per query (syncs / writes):

| where the query runs | \`SELECT 1\` ms | 1-row \`INSERT\` ms | flushes per query |
| --- | --- | --- | --- |
${tripRow('page mode: PGlite in the page', 'page')}
${tripRow('pgboot worker mode, leader tab', 'leader')}
${tripRow('pgboot worker mode, second tab', 'second')}
${tripRow("bare `PGliteWorker` (PGlite's own worker)", 'bare')}

Storage, each a new database: pgboot's worker boots it (all ${COUNT} migrations) and writes 1,000 rows twice; then its
worker is terminated without a close and a bare \`PGliteWorker\` reopens the database, counts the rows, and (idb://)
runs the same inserts into two other tables (ms; flushes as syncs / writes):

| | pgboot worker, idb:// | pgboot worker, opfs-ahp:// | bare \`PGliteWorker\`, idb:// | page mode, idb:// |
| --- | --- | --- | --- | --- |
| cold boot, ${COUNT} migrations (\`bootDatabase\`) | ${cell('storage.idb.boot.bootMs')} | ${cell('storage.opfs.boot.bootMs')} | (open + one \`exec\`: ${f0(m('floorOpen.openMs') + m('floor.ms'))}) | ${cell('coldPage.bootMs')} |
| of which open / migrate (in the leader) | ${cell('storage.idb.boot.timings.openMs')} / ${cell('storage.idb.boot.timings.migrateMs')} | ${cell('storage.opfs.boot.timings.openMs')} / ${cell('storage.opfs.boot.timings.migrateMs')} | ${f0(m('floorOpen.openMs'))} / ${f0(m('floor.ms'))} | ${cell('coldPage.timings.openMs')} / ${cell('coldPage.timings.migrateMs')} |
| first \`SELECT 1\` after the boot (in worker mode queued behind \`PGliteWorker\`'s own first query) | ${f0(m('storage.idb.boot.ms') - m('storage.idb.boot.bootMs'))} | ${f0(m('storage.opfs.boot.ms') - m('storage.opfs.boot.bootMs'))} | ${f0(m('floorOpen.ms') - m('floorOpen.openMs'))} (before the \`exec\`) | ${f0(m('coldPage.ms') - m('coldPage.bootMs'))} |
| 1,000 rows, one \`INSERT ... SELECT generate_series\` | ${cell('storage.idb.series.ms')} | ${cell('storage.opfs.series.ms')} | ${cell('storage.idb.bareSeries.ms')} | ${cell('trips.pageInserts.series.ms')} |
| 1,000 single-row \`INSERT\`s in one transaction | ${cell('storage.idb.single.ms')} | ${cell('storage.opfs.single.ms')} | **~${f0(bareRowMs)} s**, scaled from ${SINGLE_ROWS_BARE} rows (${cell('storage.idb.bareSingle.ms')} ms) | ${cell('trips.pageInserts.single.ms')} |
| flushes for those single-row inserts | ${flushCell('storage.idb.single.flushes')} | (not IndexedDB) | ${flushCell('storage.idb.bareSingle.flushes')} (${SINGLE_ROWS_BARE} rows) | ${flushCell('trips.pageInserts.single.flushes')} |
| rows found after the worker was killed and the database reopened (of 1,000 + 1,000), every round | ${rows.map((r) => (r.storage.idb.kept ? `${r.storage.idb.kept.t001} + ${r.storage.idb.kept.t002}` : 'not run')).join(', ')} | ${rows.map((r) => (r.storage.opfs.kept ? `${r.storage.opfs.kept.t001} + ${r.storage.opfs.kept.t002}` : 'not run (boot failed)')).join(', ')} | | |

${OPFS_NOTE}

Reading. ${READING}
`;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'worker.md'), md);
writeResultsMd(); // bench/RESULTS.md: this section and the others, with their notes
console.log(md);
console.log(`total ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
