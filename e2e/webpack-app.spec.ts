import type { Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { WEBPACK_APP_PORT, WEBPACK_APP_URL } from './ports.js';
import { buildWebpackApp, serveWebpackApp } from './webpack-app/build-and-serve.js';

// pgboot/webpack in a real browser: the app built by webpack (not Vite) boots an IndexedDB
// database with pgboot/browser, from the migrations the plugin bundled.
let server: Server;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await buildWebpackApp();
  server = await serveWebpackApp(WEBPACK_APP_PORT);
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const query = (page: import('@playwright/test').Page, sql: string) => page.evaluate((sql) => (window as any).app.query(sql), sql);

test('the webpack build boots IndexedDB with its bundled migrations, and a reload finds them applied', async ({ page }) => {
  await page.goto(`${WEBPACK_APP_URL}/?db=webpack-app`);
  await expect(page.getByTestId('bundled')).toHaveText('20260101000001_create_items.sql 20260101000002_seed_items.ts 20260101000003_add_item_rank.sql');
  await expect(page.getByTestId('status')).toHaveText('ready applied=[20260101000001_create_items,20260101000002_seed_items,20260101000003_add_item_rank]');
  // The TS migration ran (compiled by webpack's ts-loader) and the SQL one after it.
  expect(await query(page, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
    { label: 'alpha', rank: 10 },
    { label: 'beta', rank: 20 },
  ]);

  await page.reload();
  await expect(page.getByTestId('status')).toHaveText('ready applied=[]');
  expect(await query(page, 'SELECT count(*)::int AS n FROM _migrations')).toEqual([{ n: 3 }]);
});
