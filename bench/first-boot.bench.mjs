// First boot vs warm boot of the demo's production build (examples/notes/vite.config.ts, whose plugin has
// image: true) in headless Chromium, side by side in one run, against the same build without the
// image. Per round, for each build, in alternating order: a new browser context (a fresh profile:
// empty IndexedDB, empty HTTP cache) loads the app = first boot; a reload = warm boot. The time
// is from navigation start to the demo's "Database ready" line, read in the page.
// Writes bench/results/first-boot.md.  Usage: node bench/first-boot.bench.mjs [rounds]  (default 5)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { createJiti } from 'jiti';
import { build, preview } from 'vite';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const rounds = Number(process.argv[2] ?? 5);
const work = join(root, 'node_modules/.cache/pgboot-bench/first-boot');
const jiti = createJiti(import.meta.url);
const { default: demoConfig } = await jiti.import(join(root, 'examples/notes/vite.config.ts'));
const { pgboot } = await jiti.import(join(root, 'src/vite/index.ts'));

// 1. The demo built twice: as configured (with the image), and the same without it.
const builds = {
  image: { outDir: join(work, 'with-image'), plugins: demoConfig.plugins },
  none: { outDir: join(work, 'without-image'), plugins: [pgboot({ dir: 'migrations' })] },
};
for (const [name, { outDir, plugins }] of Object.entries(builds)) {
  const started = performance.now();
  await build({ ...demoConfig, configFile: false, logLevel: 'error', plugins, build: { ...demoConfig.build, outDir, emptyOutDir: true } });
  console.log(`built ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const assets = join(builds.image.outDir, 'assets');
const imageFile = readdirSync(assets).find((f) => /^pgboot-image-.*\.tgz$/.test(f));
const manifest = JSON.parse(readFileSync(join(assets, imageFile.replace(/\.tgz$/, '.json')), 'utf8'));
const imageBytes = statSync(join(assets, imageFile)).size;
const manifestTarBytes = gunzipSync(readFileSync(join(assets, imageFile))).byteLength;
console.log(`image ${imageFile}: ${(imageBytes / 1e6).toFixed(2)} MB gzipped, ${manifest.migrations.length} migrations, PGlite ${manifest.pgliteVersion}`);

// Served by `vite preview`, with one fix: it sends PGlite's `pglite.data` with an empty Content-Type,
// which its compression middleware takes for text, so it gzips those 6.2 MB again on every request
// (about 130 ms of CPU, on the two cores the browser needs, during every first boot). A production
// server sends an unknown binary as application/octet-stream and does not compress it (nginx's
// defaults), or serves a cached compressed copy (a CDN). The image build is also measured as
// `vite preview` serves it by default ('image-as-previewed'), for comparison.
const octetStreamData = {
  name: 'pglite-data-as-octet-stream',
  configurePreviewServer(server) {
    server.middlewares.use((request, response, next) => {
      if (/\.data(\?|$)/.test(request.url ?? '')) {
        const setHeader = response.setHeader.bind(response);
        response.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'content-type' && !value ? 'application/octet-stream' : value);
      }
      next();
    });
  },
};
const servers = {};
for (const [name, outDir, plugins] of [
  ['image', builds.image.outDir, [octetStreamData]],
  ['none', builds.none.outDir, [octetStreamData]],
  ['image-as-previewed', builds.image.outDir, []],
]) {
  servers[name] = await preview({
    root: demoConfig.root,
    configFile: false,
    logLevel: 'error',
    plugins,
    build: { outDir },
    preview: { port: 5201, strictPort: false },
  });
}

// 2. Measure.
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: launchArgs,
});
const version = browser.version();

// Records when the ready line appears, in the page's own clock (ms since navigation start).
const recordReady = () => {
  new MutationObserver((_, observer) => {
    const status = document.querySelector('[data-testid="boot-status"]');
    if (status?.textContent?.startsWith('Database ready')) {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};
async function timeToReady(page) {
  await page.waitForFunction(() => window.__readyAt !== undefined, undefined, { timeout: 120_000 });
  return page.evaluate(() => ({ ms: window.__readyAt, status: document.querySelector('[data-testid="boot-status"]').textContent }));
}

// The database worker's side of a boot, in the page's clock (ms since navigation start): pgboot's
// marks (src/browser/boot-marks.ts) and when PGlite's assets and the image finished downloading.
async function workerTimeline(page) {
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  for (const worker of page.workers().reverse()) {
    const seen = await worker
      .evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
        resources: performance.getEntriesByType('resource').map((r) => [r.name, r.responseEnd]),
      }))
      .catch(() => undefined);
    if (!seen?.marks.some(([mark]) => mark === 'pgboot:migrated')) continue;
    const shift = seen.origin - pageOrigin;
    const timeline = { 'worker-started': shift };
    for (const [mark, at] of seen.marks) if (mark.startsWith('pgboot:')) timeline[mark.slice(7)] ??= at + shift;
    for (const [url, at] of seen.resources) {
      // Vite names them pglite-<hash>.wasm, pglite-<hash>.data, initdb-<hash>.wasm, pgboot-image-<hash>.tgz.
      const asset = /\/(pglite|initdb|pgboot-image)-[\w-]+\.(wasm|data|tgz)$/.exec(url);
      if (asset) timeline[`${asset[1]}.${asset[2]} fetched`] ??= at + shift;
    }
    return timeline;
  }
  return {};
}

// Before each measured load: a second for what the previous step left running to finish (a closed
// browser context's or browser's processes, IndexedDB's writes to disk), on these 2 cores. The same
// pause before a first boot and before a reload.
const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function imageWritten(page) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await page.waitForTimeout(20)) {
    for (const worker of page.workers()) {
      if (await worker.evaluate(() => performance.getEntriesByName('pgboot:image-written').length > 0).catch(() => false)) return;
    }
  }
  throw new Error("the first boot's write of the image did not commit within 30 s");
}

async function firstAndWarm(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${name}: page error:`, error));
  await page.addInitScript(recordReady);
  const url = servers[name].resolvedUrls.local[0];
  await settle();
  await page.goto(url);
  const first = await timeToReady(page);
  const firstTimeline = { ...(await workerTimeline(page)), ready: first.ms };
  // A warm boot opens the stored database: wait until the first boot's write of the image (which
  // runs alongside the end of the boot, src/browser/boot-fs.ts) committed. A reload before that
  // would be a first boot again.
  if (name !== 'none') await imageWritten(page);
  await settle();
  await page.reload();
  const warm = await timeToReady(page);
  const warmTimeline = { ...(await workerTimeline(page)), ready: warm.ms };
  // The database in IndexedDB, but the HTTP cache (and the compiled-WebAssembly cache kept with
  // it) emptied: what any visit after a cache eviction or a deploy costs, with no image involved.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.reload();
  const coldCache = await timeToReady(page);
  await context.close();
  // The demo's line ends with bootDatabase's own total ("boot 1.23 s"): the part spent in pgboot and PGlite.
  const bootMs = (status) => Number(/boot (\d+\.\d+) s/.exec(status)[1]) * 1000;
  return {
    first: first.ms,
    warm: warm.ms,
    coldCache: coldCache.ms,
    firstBoot: bootMs(first.status),
    warmBoot: bootMs(warm.status),
    firstTimeline,
    warmTimeline,
    firstStatus: first.status,
    warmStatus: warm.status,
  };
}

// The browser's own cold start, without the image: a profile whose database exists, the browser
// restarted (new processes) and its HTTP cache (with the compiled-WebAssembly cache) cleared. What
// a first boot costs beyond this is the image path; the rest is the browser starting cold.
// Starts the browser on `profile`, loads the app, and returns the time to its ready line; the
// browser is closed again. `clearCache`: empty the HTTP cache (and the compiled WebAssembly) first.
async function bootInProfile(profile, url, { clearCache = false } = {}) {
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: launchArgs });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(recordReady);
    if (clearCache) await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
    await settle();
    await page.goto(url);
    return (await timeToReady(page)).ms;
  } finally {
    await context.close();
  }
}

async function restartedCold(name) {
  const profile = mkdtempSync(join(tmpdir(), 'pgboot-bench-profile-'));
  const url = servers[name].resolvedUrls.local[0];
  try {
    await bootInProfile(profile, url); // creates the database in this profile
    const restarted = await bootInProfile(profile, url, { clearCache: true });
    // And restarted once more with its caches: a returning user's boot in a new browser session.
    const returning = await bootInProfile(profile, url);
    return { restarted, returning };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rows = [];
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 === 1 ? ['image', 'none', 'image-as-previewed'] : ['image-as-previewed', 'none', 'image'];
  const result = {};
  for (const name of order) result[name] = await firstAndWarm(name);
  Object.assign(result.image, await restartedCold('image'));
  for (const [name, r] of Object.entries(result)) {
    const expected =
      name === 'none' ? new RegExp(`, ${manifest.migrations.length} applied on this load`) : /, 0 applied on this load.*, started from the first-boot image$/;
    if (!expected.test(r.firstStatus)) throw new Error(`${name}: unexpected first boot: ${r.firstStatus}`);
    if (!/, 0 applied on this load, boot [\d.]+ s$/.test(r.warmStatus)) throw new Error(`${name}: unexpected warm boot: ${r.warmStatus}`);
  }
  const row = { round, image: result.image, none: result.none, previewed: result['image-as-previewed'] };
  rows.push(row);
  console.log(
    `round ${round}: with image first ${result.image.first.toFixed(0)} ms (boot ${result.image.firstBoot.toFixed(0)}) / warm ${result.image.warm.toFixed(0)} ms (boot ${result.image.warmBoot.toFixed(0)}) = ${(result.image.first / result.image.warm).toFixed(2)}x, cold cache ${result.image.coldCache.toFixed(0)} ms, restarted cold ${result.image.restarted.toFixed(0)} ms = ${(result.image.restarted / result.image.warm).toFixed(2)}x, restarted with caches ${result.image.returning.toFixed(0)} ms (first / it ${(result.image.first / result.image.returning).toFixed(2)}x) | ` +
      `without first ${result.none.first.toFixed(0)} ms / warm ${result.none.warm.toFixed(0)} ms = ${(result.none.first / result.none.warm).toFixed(2)}x | ` +
      `image as vite preview serves it: ${(result['image-as-previewed'].first / result['image-as-previewed'].warm).toFixed(2)}x`,
  );
}
await browser.close();
for (const server of Object.values(servers)) await server.close();

// 3. Report.
const m = (f) => median(rows.map(f));
const f0 = (x) => x.toFixed(0);
const f2 = (x) => x.toFixed(2);
const summary = {
  imageRatio: m((r) => r.image.first / r.image.warm),
  noneRatio: m((r) => r.none.first / r.none.warm),
  imageFirst: m((r) => r.image.first),
  imageFirstBoot: m((r) => r.image.firstBoot),
  imageWarmBoot: m((r) => r.image.warmBoot),
  noneFirstBoot: m((r) => r.none.firstBoot),
  noneWarmBoot: m((r) => r.none.warmBoot),
  imageWarm: m((r) => r.image.warm),
  noneFirst: m((r) => r.none.first),
  noneWarm: m((r) => r.none.warm),
  imageColdCache: m((r) => r.image.coldCache),
  imageRestarted: m((r) => r.image.restarted),
  restartedRatio: m((r) => r.image.restarted / r.image.warm),
  imageReturning: m((r) => r.image.returning),
  returningRatio: m((r) => r.image.first / r.image.returning),
  noneColdCache: m((r) => r.none.coldCache),
  previewedFirst: m((r) => r.previewed.first),
  previewedWarm: m((r) => r.previewed.warm),
  previewedRatio: m((r) => r.previewed.first / r.previewed.warm),
};
console.log(
  `\nmedians over ${rounds} rounds: first / warm with the image ${f2(summary.imageRatio)}x (target <= 1.50), without ${f2(summary.noneRatio)}x; image ${(imageBytes / 1e6).toFixed(2)} MB gzipped`,
);
// What each step of the timeline is (marks of src/browser/boot-marks.ts, resource timings, the page's ready line).
const STEPS = {
  'worker-started': 'the database worker starts (its time origin)',
  'worker-script': "the worker's script evaluated (`serveDatabase` called)",
  'worker-options': "the page's options arrived in the worker",
  elected: "PGlite's leader election won: the leader's `init` starts",
  locked: "pgboot holds the database's Web Lock (after PGlite's leader election)",
  inspected: 'IndexedDB inspected (version guard; is there a database?)',
  'image-response': "the image's response headers arrived",
  'pglite-create': '`PGlite.create` called',
  'pglite-wasm-compiled': "PGlite's WebAssembly compiled by pgboot as it downloaded (src/browser/pglite-files.ts)",
  'pglite-data-fetched': "PGlite's file bundle (pglite.data) fetched by pgboot",
  'pglite-preloaded': 'both ready for `PGlite.create`',
  'pgboot-image.tgz fetched': 'image downloaded (resource timing)',
  'image-gunzipped': 'image decompressed (while it downloads)',
  'image-queued': "pgboot's write of the image handed to IndexedDB (its last records put; it starts once the files are in PGlite's memory)",
  'image-downloaded': 'image checked (size, SHA-256)',
  'image-unpacked': 'image gunzipped and its tar read',
  'pglite.data fetched': "PGlite's file-system bundle downloaded",
  'pglite.wasm fetched': "PGlite's WebAssembly downloaded",
  'initdb.wasm fetched': "initdb's WebAssembly downloaded (PGlite fetches it on every start)",
  'wasm-started': "PGlite's WebAssembly compiled and started; it loads the data directory",
  'data-dir-loaded': 'data directory in memory (read from IndexedDB, or from the image)',
  'image-database-open': "pgboot's IndexedDB database for the image opened (created)",
  flush: "PGlite's first flush called (skipped while PGlite starts a stored database or the image; boot-fs.ts)",
  'image-written': "pgboot's IndexedDB write of the image committed",
  opened: 'PGlite open: Postgres started, its first query done',
  migrated: 'pgboot planned (and applied) migrations: `bootDatabase` done in the worker',
  ready: 'the page shows "Database ready"',
};
function timelineTable(build) {
  const at = (kind, step) => {
    const xs = rows.map((r) => r[build][kind][step]).filter((x) => x !== undefined);
    return xs.length > 0 ? median(xs) : undefined;
  };
  const steps = [...new Set(rows.flatMap((r) => [...Object.keys(r[build].firstTimeline), ...Object.keys(r[build].warmTimeline)]))];
  steps.sort((a, b) => (at('firstTimeline', a) ?? at('warmTimeline', a)) - (at('firstTimeline', b) ?? at('warmTimeline', b)));
  const cell = (x) => (x === undefined ? '' : f0(x));
  return `| step | first boot: ms after navigation start | warm boot (reload) | what |\n| --- | --- | --- | --- |\n${steps
    .map((step) => `| ${step} | ${cell(at('firstTimeline', step))} | ${cell(at('warmTimeline', step))} | ${STEPS[step] ?? ''} |`)
    .join('\n')}`;
}
console.log(`\ntimeline, with the image (medians):\n${timelineTable('image')}`);

const md = `## First boot from a pre-migrated image (\`bench/first-boot.bench.mjs\`)

The demo's production build (\`examples/notes/vite.config.ts\`, \`pgboot({ image: true })\`, ${manifest.migrations.length} migrations) against the same
build without the image, headless Chromium ${version}, served by \`vite preview\` from localhost with \`pglite.data\` sent as
\`application/octet-stream\` (see below). First boot = a new browser context (fresh profile: no IndexedDB, no HTTP cache)
loading the app; warm boot = a reload, once the first boot's write of the image to IndexedDB committed; a pause of a
second before each. Time from navigation
start to the demo's "Database ready" line. ${rounds} rounds, the builds alternating first; medians. Image:
\`${imageFile}\`, **${(imageBytes / 1e6).toFixed(2)} MB** gzipped (PGlite ${manifest.pgliteVersion}, Postgres ${manifest.pgMajor}); PGlite's own
wasm and data files, which every first boot downloads anyway, are about 5.2 MB gzipped. Load average (2 cores,
shared) at the end of the run: ${loadavg()
  .map((x) => x.toFixed(1))
  .join(', ')}. Reproduce: \`node bench/first-boot.bench.mjs ${rounds}\`.

| build | first boot | warm boot | first / warm | target | of which \`bootDatabase\`: first / warm |
| --- | --- | --- | --- | --- | --- |
| with the image | ${f0(summary.imageFirst)} ms | ${f0(summary.imageWarm)} ms | **${f2(summary.imageRatio)}x** | <= 1.50x | ${f0(summary.imageFirstBoot)} / ${f0(summary.imageWarmBoot)} ms |
| without | ${f0(summary.noneFirst)} ms | ${f0(summary.noneWarm)} ms | ${f2(summary.noneRatio)}x | | ${f0(summary.noneFirstBoot)} / ${f0(summary.noneWarmBoot)} ms |
| with the image, as \`vite preview\` serves it | ${f0(summary.previewedFirst)} ms | ${f0(summary.previewedWarm)} ms | ${f2(summary.previewedRatio)}x | | |

\`vite preview\` on its own sends \`pglite.data\` with an empty Content-Type, which its compression middleware takes
for text: it gzips those 6.2 MB again on every request, on the same two cores as the browser, during every first
boot (a reload gets a 304). The main rows serve it as \`application/octet-stream\`, as nginx does with an unknown
binary (uncompressed), and a CDN would serve a cached compressed copy; the last row is the same build served as
\`vite preview\` does by default, measured in the same rounds.

Two references, no image involved, to tell the image path from the browser's own cold start: the same
existing database reopened after clearing the HTTP cache (\`Network.clearBrowserCache\`, same browser process):
${f0(summary.imageColdCache)} ms, ${f2(summary.imageColdCache / summary.imageWarm)}x the warm boot; and the browser **restarted** on a profile whose
database exists, HTTP cache (with the compiled-WebAssembly cache) cleared: ${f0(summary.imageRestarted)} ms, **${f2(summary.restartedRatio)}x** the
warm boot (median of the rounds' ratios). A first boot pays that cold start too (new processes, WebAssembly and
JavaScript compiled from scratch); what it costs beyond it is the image path (download ${(imageBytes / 1e6).toFixed(2)} MB, unpack,
write ${(manifestTarBytes / 1e6).toFixed(1)} MB to IndexedDB once the boot is over, PGlite having started from the same files in memory). A returning user's boot,
the browser restarted with its caches kept: ${f0(summary.imageReturning)} ms; the first boot is **${f2(summary.returningRatio)}x** that.

Where the time goes, with the image: the database worker's steps (pgboot's Performance marks, \`src/browser/boot-marks.ts\`,
and resource timings read in the worker), in the page's clock, medians over the rounds (each step's own median,
so the column is not a single boot):

${timelineTable('image')}

Without the image (initdb and every migration on the first boot):

${timelineTable('none')}

First boot with the image / without: **${f2(summary.imageFirst / summary.noneFirst)}x** (${f0(summary.noneFirst - summary.imageFirst)} ms saved, for ${(imageBytes / 1e6).toFixed(2)} MB more to download).

| round | with image: first ms | warm ms | ratio | cold cache ms | restarted cold ms | ratio | restarted with caches ms | first / it | without: first ms | warm ms | ratio | as previewed: first ms | warm ms | ratio |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.round} | ${f0(r.image.first)} | ${f0(r.image.warm)} | ${f2(r.image.first / r.image.warm)} | ${f0(r.image.coldCache)} | ${f0(r.image.restarted)} | ${f2(r.image.restarted / r.image.warm)} | ${f0(r.image.returning)} | ${f2(r.image.first / r.image.returning)} | ${f0(r.none.first)} | ${f0(r.none.warm)} | ${f2(r.none.first / r.none.warm)} | ${f0(r.previewed.first)} | ${f0(r.previewed.warm)} | ${f2(r.previewed.first / r.previewed.warm)} |`).join('\n')}
`;
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'first-boot.md'), md);
writeResultsMd(); // bench/RESULTS.md: this section and the others, with their notes
if (summary.imageRatio > 1.5) console.log('the target was missed (see above)');
