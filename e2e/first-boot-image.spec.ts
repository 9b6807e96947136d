import { expect, test, type Page } from '@playwright/test';
import { appliedIds, expectReady, openBuild, query } from './helpers.js';

// First boot from a pre-migrated image (pgboot({ image: true }), e2e/harness with ?image=1):
// real Chromium, real IndexedDB, the image served by the built harness (v1 and v2 have one).
const V1 = ['20260101000001_create_items', '20260101000002_seed_items'];
const RANK = '20260101000003_add_item_rank';
const V2 = [...V1, RANK];

interface Image {
  url: string;
  manifest: { pgliteVersion: string; bytes: number; head: string; sha256: string; createdAt: string };
  pgliteVersion: string;
}

const source = (page: Page) => page.getByTestId('source');
const events = (page: Page) => page.getByTestId('events');

/** The first-boot image a build of the harness bundles (read from its page). */
async function imageOf(page: Page, set: string): Promise<Image> {
  await openBuild(page, set, `read-image-${set}`, { lockTimeout: '0' });
  await page.waitForFunction(() => (window as any).harness !== undefined);
  return page.evaluate(() => (window as any).harness.image);
}

/** Requests for the image, as the page makes them. */
function recordRequests(page: Page) {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(new URL(request.url()).pathname));
  return { images: () => urls.filter((url) => /pgboot-image-/.test(url)) };
}

/** Whether every migration row was written before `time` (at build time, in the image) rather than in this page. */
async function appliedBefore(page: Page, time: string): Promise<boolean> {
  const [row] = await query<{ before: boolean }>(page, 'SELECT max(applied_at) <= $1::timestamptz AS before FROM _migrations', [time]);
  return row!.before;
}

test('a first boot starts from the image: initdb and the migrations skipped, download reported, and the next boot finds it', async ({ page }) => {
  const requests = recordRequests(page);
  const started = new Date().toISOString();
  await openBuild(page, 'v2', 'image-first', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('image');
  const image: Image = await page.evaluate(() => (window as any).harness.image);
  await expect(events(page)).toContainText(`downloaded ${image.manifest.bytes}`);
  expect(requests.images()).toEqual([new URL(image.url, page.url()).pathname]);
  expect(await appliedIds(page)).toEqual(V2);
  // The rows are the image's, written when it was built, not by this page (PGlite fetches its
  // initdb module either way, so the requests cannot tell).
  expect(await appliedBefore(page, image.manifest.createdAt)).toBe(true);
  expect(await appliedBefore(page, started)).toBe(true);
  expect(await query(page, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
    { label: 'alpha', rank: 10 },
    { label: 'beta', rank: 20 },
  ]);
  await query(page, `INSERT INTO items (label) VALUES ('written after the first boot')`);

  // Persisted to IndexedDB: a reload opens it, fetching no image.
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('existing');
  expect(requests.images()).toHaveLength(1);
  expect(await query(page, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 3 }]);
});

test('resolveFirstBootImage: the checked image for a database not created yet, nothing for one that exists', async ({ page }) => {
  await openBuild(page, 'v2', 'resolve-existing');
  expect(await expectReady(page)).toEqual(V2);
  const image: Image = await page.evaluate(() => (window as any).harness.image);
  const resolve = (db: string) => page.evaluate((db) => (window as any).harness.resolveImage(db), db);
  expect(await resolve('resolve-existing')).toEqual({ blob: null, warnings: [] });
  expect(await resolve('resolve-new')).toEqual({ blob: { size: image.manifest.bytes, type: 'application/x-gzip' }, warnings: [] });
  // It created nothing: the database still does not exist.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.includes('resolve-new')))).toEqual([]);
});

test('without an image, a first boot runs initdb and every migration (the baseline the image replaces)', async ({ page }) => {
  const requests = recordRequests(page);
  const started = new Date().toISOString();
  await openBuild(page, 'v2', 'image-none');
  expect(await expectReady(page)).toEqual(V2);
  await expect(source(page)).toHaveText('new');
  expect(await appliedBefore(page, started)).toBe(false);
  expect(requests.images()).toEqual([]);
});

test('an image one migration behind is used, then the rest run', async ({ page, browser }) => {
  const v1Image = await imageOf(page, 'v1');
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.addInitScript((image) => Object.assign(window, { pgbootImageOverride: image }), v1Image);
  await openBuild(fresh, 'v2', 'image-behind');
  expect(await expectReady(fresh)).toEqual([RANK]);
  await expect(source(fresh)).toHaveText('image');
  expect(await appliedIds(fresh)).toEqual(V2);
  expect(await query(fresh, 'SELECT rank FROM items ORDER BY id')).toEqual([{ rank: 10 }, { rank: 20 }]);
  await context.close();
});

test('an image whose manifest names another PGlite version is not fetched: a warning and a normal boot', async ({ page, browser }) => {
  const v2Image = await imageOf(page, 'v2');
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const requests = recordRequests(fresh);
  const stale = { ...v2Image, manifest: { ...v2Image.manifest, pgliteVersion: '0.4.3' } };
  await fresh.addInitScript((image) => Object.assign(window, { pgbootImageOverride: image }), stale);
  await openBuild(fresh, 'v2', 'image-version');
  expect(await expectReady(fresh)).toEqual(V2);
  await expect(source(fresh)).toHaveText('new');
  await expect(events(fresh)).toContainText(`was not used: it was built by PGlite 0.4.3, but this app runs PGlite ${v2Image.pgliteVersion}`);
  expect(requests.images()).toEqual([]);
  await context.close();
});

for (const [what, serve, warning] of [
  [
    'truncated',
    async (route: any, body: Buffer) => route.fulfill({ body: body.subarray(0, body.length >> 1), contentType: 'application/gzip' }),
    /the download has \d+ bytes, the image \d+ \(truncated/,
  ],
  [
    'corrupt',
    async (route: any, body: Buffer) => {
      const flipped = Buffer.from(body);
      flipped[flipped.length >> 1] = flipped[flipped.length >> 1]! ^ 0xff;
      await route.fulfill({ body: flipped, contentType: 'application/gzip' });
    },
    /its SHA-256 is [0-9a-f]{12}, the manifest's [0-9a-f]{12} \(corrupt\)/,
  ],
  ['missing (404)', async (route: any) => route.fulfill({ status: 404, body: 'not found' }), /downloading it failed \(HTTP 404/],
  ['unreachable', async (route: any) => route.abort('connectionrefused'), /downloading it failed \(/],
] as const) {
  test(`a ${what} image asset: a warning and a normal boot, nothing lost`, async ({ page }) => {
    await page.route(/pgboot-image-[0-9a-f]+\.tgz$/, async (route) => {
      const body = what === 'truncated' || what === 'corrupt' ? (await route.fetch()).body() : Promise.resolve(Buffer.alloc(0));
      await serve(route, await body);
    });
    const name = `image-${what.replace(/\W+/g, '-')}`;
    await openBuild(page, 'v2', name, { image: '1' });
    expect(await expectReady(page)).toEqual(V2);
    await expect(source(page)).toHaveText('new');
    await expect(events(page)).toContainText(warning);
    expect(await query(page, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
      { label: 'alpha', rank: 10 },
      { label: 'beta', rank: 20 },
    ]);
    // What the normal boot wrote is the database from now on.
    await page.unroute(/pgboot-image-/);
    await page.reload();
    expect(await expectReady(page)).toEqual([]);
    await expect(source(page)).toHaveText('existing');
  });
}

test("a first boot compiles PGlite's WebAssembly from the build's own URL while it downloads: each of PGlite's files is fetched once", async ({ page }) => {
  const files: string[] = [];
  page.on('request', (request) => files.push(new URL(request.url()).pathname));
  await openBuild(page, 'v2', 'image-preload', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('image');
  // pgboot fetched and compiled them (src/browser/pglite-files.ts) and handed them to PGlite, which fetched neither.
  expect(await page.evaluate(() => performance.getEntriesByName('pgboot:pglite-preloaded').length)).toBe(1);
  expect(files.filter((path) => /\/pglite-[\w-]+\.wasm$/.test(path))).toHaveLength(1);
  expect(files.filter((path) => /\/pglite-[\w-]+\.data$/.test(path))).toHaveLength(1);
});

test('PGlite files the image names that cannot be loaded: PGlite loads its own, and the boot goes on', async ({ page, browser }) => {
  const v2Image = await imageOf(page, 'v2');
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const files: string[] = [];
  fresh.on('request', (request) => files.push(new URL(request.url()).pathname));
  const misplaced = { ...v2Image, pglite: { wasm: '/nowhere/pglite.wasm', data: '/nowhere/pglite.data' } };
  await fresh.addInitScript((image) => Object.assign(window, { pgbootImageOverride: image }), misplaced);
  await openBuild(fresh, 'v2', 'image-preload-missing');
  expect(await expectReady(fresh)).toEqual([]);
  await expect(source(fresh)).toHaveText('image');
  expect(files).toEqual(expect.arrayContaining(['/nowhere/pglite.wasm', '/nowhere/pglite.data']));
  expect(files.filter((path) => /\/pglite-[\w-]+\.wasm$/.test(path))).toHaveLength(1); // PGlite's own
  await context.close();
});

test('with nothing written, the image reaches IndexedDB once the page is idle after the boot: the next boot opens it from there', async ({ page }) => {
  await openBuild(page, 'v2', 'image-idle', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('image');
  // Not during the boot (src/browser/boot-fs.ts, booted): after 300 ms without a query.
  await page.waitForFunction(() => performance.getEntriesByName('pgboot:image-written').length === 1);
  const [migrated, written] = await page.evaluate(() =>
    ['pgboot:migrated', 'pgboot:image-written'].map((name) => performance.getEntriesByName(name)[0]!.startTime),
  );
  expect(written! - migrated!).toBeGreaterThan(300);
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('existing');
  expect(await appliedIds(page)).toEqual(V2);
});

test("PGlite's flushes after pgboot's write of the image rewrite only the files Postgres changed", async ({ page }) => {
  // Records put into IndexedDB, per readwrite transaction: pgboot's write of the image, then PGlite's flushes.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const perTransaction = new Map<IDBTransaction, number>();
    (window as any).putsPerTransaction = () => [...perTransaction.values()];
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (String(args[1]).startsWith('/pglite/image-flushes/')) perTransaction.set(this.transaction, (perTransaction.get(this.transaction) ?? 0) + 1);
      return put.apply(this, args);
    };
  });
  await openBuild(page, 'v2', 'image-flushes', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('image');
  // pgboot's write runs alongside the end of the boot; the first flush that saves something waits for it.
  await query(page, `INSERT INTO items (label) VALUES ('after the first boot')`);
  expect(await page.evaluate(() => performance.getEntriesByName('pgboot:image-written').length)).toBe(1);
  const [image, ...flushes] = (await page.evaluate(() => (window as any).putsPerTransaction())) as number[];
  expect(image).toBeGreaterThan(500); // the whole data directory, one record per file and folder
  expect(flushes.length).toBe(1); // the INSERT's
  // The files carry the records' times, so the flush finds the image's files unchanged.
  expect(flushes[0]).toBeLessThan(image! / 10);
});

test("pgboot's image write to IndexedDB is all or nothing: aborted half-way, nothing of it stays, and PGlite's first flush writes the whole database", async ({
  page,
}) => {
  // Real IndexedDB, one fault injected: the 200th record of pgboot's write aborts its transaction,
  // as a tab closed during the write would. PGlite already runs on the image in memory
  // (src/browser/boot-fs.ts); its first flush, which waits for that write, must then write everything.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    let records = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = put.apply(this, args);
      if (String(args[1]).startsWith('/pglite/image-aborted/') && ++records === 200) {
        // What the aborted write left, read before anything else can write: this connection is
        // opened now, so IndexedDB serves it, and its read, before any later one (PGlite's flush).
        const opening = indexedDB.open('/pglite/image-aborted');
        opening.onsuccess = () => {
          const count = opening.result.transaction('FILE_DATA', 'readonly').objectStore('FILE_DATA').count();
          count.onsuccess = () => ((window as any).recordsAfterAbort = count.result);
        };
        this.transaction.abort();
      }
      return request;
    };
  });
  await openBuild(page, 'v2', 'image-aborted', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('image');
  // pgboot's write runs alongside the end of the boot: wait for its abort.
  await page.waitForFunction(() => (window as any).recordsAfterAbort !== undefined);
  expect(await page.evaluate(() => (window as any).recordsAfterAbort)).toBe(0);
  expect(await query(page, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
    { label: 'alpha', rank: 10 },
    { label: 'beta', rank: 20 },
  ]);
  await query(page, `INSERT INTO items (label) VALUES ('after the aborted write')`);
  // Everything reached IndexedDB through PGlite's own flushes: a reload opens it, whole.
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  await expect(source(page)).toHaveText('existing');
  expect(await appliedIds(page)).toEqual(V2);
  expect(await query(page, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 3 }]);
});

test('the version guard: a database of another Postgres major is refused before PGlite opens it, its raw data directory can be exported, nothing is lost', async ({
  page,
}) => {
  await openBuild(page, 'v2', 'guard', { image: '1' });
  expect(await expectReady(page)).toEqual([]);
  await query(page, `INSERT INTO items (label) VALUES ('keep me')`);
  await page.evaluate(() => (window as any).harness.close());

  const setPgVersion = (text: string) =>
    page.evaluate(async (text) => {
      const open = indexedDB.open('/pglite/guard');
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('FILE_DATA', 'readwrite').objectStore('FILE_DATA');
      const key = '/pglite/guard/PG_VERSION';
      const record = await new Promise<any>((resolve) => (store.get(key).onsuccess = (e) => resolve((e.target as IDBRequest).result)));
      record.contents = new TextEncoder().encode(text);
      await new Promise((resolve) => (store.put(record, key).onsuccess = resolve));
      db.close();
    }, text);
  // As PGlite 0.3/0.4 (Postgres 17) would have left it.
  await setPgVersion('17\n');
  await page.reload();
  await expect(page.getByTestId('status')).toHaveText('failed IncompatibleDataDirError');
  await expect(page.getByTestId('boot-error')).toContainText("was written by Postgres 17 (its PG_VERSION), but this app's PGlite runs Postgres 18");

  const raw = await page.evaluate(() => (window as any).harness.exportRaw());
  expect(raw.pgVersion).toBe(true);
  expect(raw.files).toEqual(expect.arrayContaining(['PG_VERSION', 'global/pg_control', 'postgresql.conf']));
  expect(raw.files.filter((file: string) => file.startsWith('base/')).length).toBeGreaterThan(100);
  expect(raw.size).toBeGreaterThan(1_000_000);

  // Untouched: with its PG_VERSION put back, it opens with the row written before.
  await setPgVersion('18\n');
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  expect(await query(page, `SELECT label FROM items WHERE label = 'keep me'`)).toEqual([{ label: 'keep me' }]);
});
