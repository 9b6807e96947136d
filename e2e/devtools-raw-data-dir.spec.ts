import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openDemo, openPanel, panel } from './devtools-harness/helpers.js';

// The demo (dev server) on a database a PGlite of another Postgres major wrote: the boot stops
// with IncompatibleDataDirError and the dev panel offers the raw data directory for download.

/** Rewrites the PG_VERSION record of the demo's database in IndexedDB (PGlite must be closed). */
function setPgVersion(page: Page, text: string) {
  return page.evaluate(async (text) => {
    const open = indexedDB.open('/pglite/pgboot-demo');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('FILE_DATA', 'readwrite').objectStore('FILE_DATA');
    const key = '/pglite/pgboot-demo/PG_VERSION';
    const record = await new Promise<any>((resolve) => (store.get(key).onsuccess = (e) => resolve((e.target as IDBRequest).result)));
    record.contents = new TextEncoder().encode(text);
    await new Promise((resolve) => (store.put(record, key).onsuccess = resolve));
    db.close();
  }, text);
}

test('a database of another Postgres major: the boot names both versions, the panel downloads its raw data directory, nothing is lost', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(() => (window as any).pgbootDemo.db.query(`INSERT INTO notes (title, body) VALUES ('kept', 'through the guard')`));
  await page.evaluate(() => (window as any).pgbootDemo.db.close());
  await setPgVersion(page, '17\n');

  await page.reload();
  await expect(page.getByTestId('boot-error')).toContainText("was written by Postgres 17 (its PG_VERSION), but this app's PGlite runs Postgres 18");
  await openPanel(page);
  await expect(panel(page)).toContainText('Boot failed: IncompatibleDataDirError');
  const downloading = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Download raw data directory' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('pgboot-demo-data-dir.tar');
  const bytes = readFileSync((await download.path())!);
  expect(bytes.length).toBeGreaterThan(1_000_000);
  // A ustar archive whose entries include the PG_VERSION that stopped the boot.
  expect(bytes.subarray(257, 262).toString()).toBe('ustar');
  const text = bytes.toString('latin1');
  expect(text).toContain('PG_VERSION\0');
  expect(text).toContain('global/pg_control\0');

  // Untouched: with PG_VERSION put back, the demo boots on the same data.
  await setPgVersion(page, '18\n');
  await page.reload();
  await expect(page.getByTestId('boot-status')).toContainText('Database ready');
  expect(await page.evaluate(async () => (await (window as any).pgbootDemo.db.query(`SELECT body FROM notes WHERE title = 'kept'`)).rows)).toEqual([
    { body: 'through the guard' },
  ]);
});
