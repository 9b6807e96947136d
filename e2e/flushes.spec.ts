import { expect, test } from '@playwright/test';
import { expectReady, openBuild, query } from './helpers.js';

// What reaches IndexedDB, and when (src/browser/boot-fs.ts): real Chromium, real IndexedDB, the
// built harness in page mode. Every IndexedDB transaction on the database is counted by mode.
// Every IndexedDB transaction on the database is counted, and those that put or delete a record.
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const transaction = IDBDatabase.prototype.transaction;
    const writing = new Set<IDBTransaction>();
    let opened = 0;
    (window as any).transactions = () => ({ opened, writing: writing.size });
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (this.name.startsWith('/pglite/flushes-')) opened += 1;
      return transaction.apply(this, args);
    };
    for (const method of ['put', 'delete'] as const) {
      const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
      (IDBObjectStore.prototype as any)[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.transaction.db.name.startsWith('/pglite/flushes-')) writing.add(this.transaction);
        return original.apply(this, args);
      };
    }
  });
});

const transactions = (page: import('@playwright/test').Page) => page.evaluate(() => (window as any).transactions() as { opened: number; writing: number });

test('a boot of an up-to-date database writes nothing; reads touch IndexedDB not at all; a write is flushed before its query returns', async ({ page }) => {
  await openBuild(page, 'v1', 'flushes-reads');
  await expectReady(page);
  await query(page, `INSERT INTO items (label) VALUES ('before the reload')`);

  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  // Loading the data directory reads IndexedDB; Postgres's start changed a few files, left for the next write.
  const booted = await transactions(page);
  expect(booted.opened).toBeGreaterThan(0);
  expect(booted.writing).toBe(0);

  for (let i = 0; i < 5; i += 1) await query(page, 'SELECT count(*)::int AS n FROM items');
  expect(await transactions(page)).toEqual(booted);

  await query(page, `INSERT INTO items (label) VALUES ('after the reload')`);
  // One flush: IDBFS reads the records' times, then writes what changed in one transaction.
  expect((await transactions(page)).writing).toBe(1);

  // The write, and what Postgres's start changed, are in IndexedDB: a new page finds both rows.
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  expect(await query(page, `SELECT label FROM items WHERE label LIKE '%the reload' ORDER BY id`)).toEqual([
    { label: 'before the reload' },
    { label: 'after the reload' },
  ]);
});

test('pages closed right after boots that wrote nothing leave the database as it was', async ({ page, context }) => {
  await openBuild(page, 'v1', 'flushes-closed');
  await expectReady(page);
  await query(page, `INSERT INTO items (label) VALUES ('kept')`);
  await page.close();
  // Each boot's start changes a few files in memory (not flushed: nothing was written); the page is closed at once.
  for (let i = 0; i < 3; i += 1) {
    const next = await context.newPage();
    await openBuild(next, 'v1', 'flushes-closed');
    expect(await expectReady(next)).toEqual([]);
    expect(await query(next, `SELECT count(*)::int AS n FROM items WHERE label = 'kept'`)).toEqual([{ n: 1 }]);
    expect((await transactions(next)).writing).toBe(0);
    await next.close();
  }
});
