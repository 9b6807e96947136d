import { expect, test, type Page } from '@playwright/test';
import { answer, openPanel, panel } from './devtools-harness/helpers.js';
import { PAGES_URL } from './ports.js';

// Issue 15, browser side: the browser's storage failing the database (real Chromium, real
// IndexedDB, Chromium's own quota). The page (e2e/storage-harness) boots a migration set and,
// when the boot fails, shows the error and mounts the dev panel with it.
const HARNESS = `${PAGES_URL}/storage-harness/index.html`;
const BASE = ['001_create_items', '002_seed_items'];

async function open(page: Page, db: string, set = 'base') {
  await page.goto(`${HARNESS}?${new URLSearchParams({ db, set })}`);
}

async function expectReady(page: Page): Promise<string[]> {
  const status = page.getByTestId('status');
  await expect(status).toHaveText(/^ready applied=\[.*\]$/, { timeout: 90_000 });
  const text = (await status.textContent())!;
  const list = text.slice(text.indexOf('[') + 1, -1);
  return list ? list.split(',') : [];
}

const appliedIds = async (page: Page) =>
  ((await page.evaluate(() => (window as any).harness.query('SELECT id FROM _migrations ORDER BY id'))) as { id: string }[]).map((r) => r.id);

/** Changes the records of the IndexedDB database PGlite keeps `name` in, the way a user with devtools (or a flaky disk) would. */
async function damage(page: Page, name: string, how: 'delete' | 'truncate'): Promise<string[]> {
  return page.evaluate(
    async ([name, how]) => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(`/pglite/${name}`);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const store = db.transaction('FILE_DATA', 'readwrite').objectStore('FILE_DATA');
      const keys = await new Promise<IDBValidKey[]>((done) => {
        const request = store.getAllKeys();
        request.onsuccess = () => done(request.result);
      });
      const hit = keys.map(String).filter((key) => (how === 'delete' ? key.includes('/global/') : /\/base\/\d+\/\d+$/.test(key)));
      for (const key of hit) {
        if (how === 'delete') store.delete(key);
        else {
          const record = await new Promise<{ contents: Uint8Array }>((done) => {
            const request = store.get(key);
            request.onsuccess = () => done(request.result);
          });
          if (record.contents?.length > 8192) store.put({ ...record, contents: record.contents.subarray(0, 100) }, key);
        }
      }
      await new Promise((done) => (store.transaction.oncomplete = done));
      db.close();
      return hit;
    },
    [name, how] as const,
  );
}

test('a quota error while a migration is saved: a typed error naming the database, which stays as last saved', async ({ browser, page, context }) => {
  // What a freshly booted database takes here, measured in a context of its own.
  const probe = await browser.newContext();
  const probePage = await probe.newPage();
  await open(probePage, 'quota');
  expect(await expectReady(probePage)).toEqual(BASE);
  // Chromium checks a transaction's uncompressed size against the quota: sum the database's files.
  const size = await probePage.evaluate(
    (name) =>
      new Promise<number>((done, fail) => {
        const request = indexedDB.open(`/pglite/${name}`);
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction('FILE_DATA').objectStore('FILE_DATA').getAll();
          all.onsuccess = () => done((all.result as { contents?: Uint8Array }[]).reduce((sum, r) => sum + (r.contents?.length ?? 0), 0));
        };
      }),
    'quota',
  );
  await probe.close();

  // Real quota enforcement: Chromium's own quota for the origin, twice the database's files (its
  // first boot writes them all in one flush) plus 20 MB: not room for the bulky migration's 120 MB.
  // Chromium applies an override only if it is set before the origin stores anything.
  const quotaSize = 2 * size + 20 * 1024 * 1024;
  test.info().annotations.push({ type: 'quota', description: `database files ${size} bytes, quota ${quotaSize} bytes` });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: PAGES_URL, quotaSize });
  await open(page, 'quota');
  expect(await expectReady(page)).toEqual(BASE);

  await open(page, 'quota', 'bulky');
  await expect(page.getByTestId('status')).toHaveText('failed DatabaseStorageError', { timeout: 90_000 });
  // Chromium fails PGlite's large records over the quota with UnknownError rather than QuotaExceededError.
  await expect(page.getByTestId('error-message')).toContainText("The database 'quota' (IndexedDB /pglite/quota) could not be saved:");
  await expect(page.getByTestId('error-message')).toContainText(/QuotaExceededError|UnknownError/);
  await expect(page.getByTestId('error-message')).toContainText('the database stays as it was last saved');
  await openPanel(page);
  await expect(panel(page)).toContainText('Boot failed: DatabaseStorageError');
  await expect(panel(page).getByRole('button', { name: 'Reset database…' }).first()).toBeEnabled();

  // The build without the bulky migration finds the database as it was before the failed boot.
  await open(page, 'quota');
  expect(await expectReady(page)).toEqual([]);
  expect(await appliedIds(page)).toEqual(BASE);
});

for (const how of ['delete', 'truncate'] as const) {
  test(`a database whose files were ${how}d by hand: a typed error naming it and what to do; the panel's reset recovers`, async ({ page }) => {
    const name = `damaged-${how}`;
    await open(page, name);
    expect(await expectReady(page)).toEqual(BASE);
    await page.evaluate(() => (window as any).harness.close());
    expect((await damage(page, name, how)).length).toBeGreaterThan(0);

    await page.reload();
    await expect(page.getByTestId('status')).toHaveText('failed DatabaseStorageError', { timeout: 90_000 });
    await expect(page.getByTestId('error-message')).toContainText(
      `The database '${name}' (IndexedDB /pglite/${name}) could not be opened: its files in IndexedDB are missing or damaged`,
    );
    await expect(page.getByTestId('error-message')).toContainText(
      how === 'delete' ? 'its file global/pg_control is missing' : 'bytes, not a whole number of 8 KB pages (truncated)',
    );
    await expect(page.getByTestId('error-message')).toContainText(`resetDatabase('${name}')`);

    // The dev panel shows the error with the ways out.
    await openPanel(page);
    await expect(panel(page)).toContainText('Boot failed: DatabaseStorageError');
    await panel(page).getByRole('button', { name: 'Reset database…' }).first().click();
    await answer(page, 'Reset');
    expect(await expectReady(page)).toEqual(BASE);
  });
}
