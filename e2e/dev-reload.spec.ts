import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEV_MIGRATIONS_DIR } from './harness/paths.js';
import { appliedIds, DEV, expectReady, query } from './helpers.js';

// The harness under `vite` dev, on a migrations folder this test edits while the server runs:
// the plugin must reload the page on every add / change / removal, and show bad files in
// Vite's error overlay.
const fixtures = (set: string) => fileURLToPath(new URL(`./fixtures/${set}/`, import.meta.url));
const THIRD = '20260101000003_add_item_rank.sql';

test.beforeEach(() => {
  // Empty the folder, not replace it: the dev server watches this very directory.
  mkdirSync(DEV_MIGRATIONS_DIR, { recursive: true });
  for (const file of readdirSync(DEV_MIGRATIONS_DIR)) rmSync(join(DEV_MIGRATIONS_DIR, file), { recursive: true, force: true });
  for (const file of readdirSync(fixtures('v1'))) copyFileSync(join(fixtures('v1'), file), join(DEV_MIGRATIONS_DIR, file));
});

test('adding, breaking, fixing, changing and removing migration files reloads the page with the new set', async ({ page }) => {
  await page.goto(`${DEV}/?db=dev-reload`);
  expect(await expectReady(page)).toEqual(['20260101000001_create_items', '20260101000002_seed_items']);

  // Added: the page reloads by itself and applies only the new one.
  copyFileSync(join(fixtures('v2'), THIRD), join(DEV_MIGRATIONS_DIR, THIRD));
  await expect(page.getByTestId('status')).toHaveText('ready applied=[20260101000003_add_item_rank]');
  expect(await query(page, 'SELECT rank FROM items ORDER BY id')).toEqual([{ rank: 10 }, { rank: 20 }]);

  // A bad file fails the build: Vite's overlay names it (and the line).
  writeFileSync(join(DEV_MIGRATIONS_DIR, '20260101000004_own_transaction.sql'), 'CREATE TABLE t (id int);\nBEGIN;\nSELECT 1;\nCOMMIT;\n');
  const overlay = page.locator('vite-error-overlay');
  await expect(overlay).toContainText("20260101000004_own_transaction.sql:2: 'BEGIN' controls the transaction itself");
  await expect(overlay).toContainText(`${DEV_MIGRATIONS_DIR}/20260101000004_own_transaction.sql:2`);

  // Fixed in place: reload, the overlay is gone, the migration applies.
  writeFileSync(join(DEV_MIGRATIONS_DIR, '20260101000004_own_transaction.sql'), 'CREATE TABLE t (id int);\n');
  await expect(page.getByTestId('status')).toHaveText('ready applied=[20260101000004_own_transaction]');
  await expect(overlay).toHaveCount(0);

  // A module without `up` is caught at build time too.
  writeFileSync(join(DEV_MIGRATIONS_DIR, '20260101000005_no_up.ts'), 'export async function down() {}\n');
  await expect(overlay).toContainText("20260101000005_no_up.ts: it does not export 'up'");

  // Removed: reload, the remaining set boots with nothing pending.
  rmSync(join(DEV_MIGRATIONS_DIR, '20260101000005_no_up.ts'));
  await expect(page.getByTestId('status')).toHaveText('ready applied=[]');

  // Changed after it was applied: the next boot refuses with ChecksumMismatchError, naming the file.
  writeFileSync(join(DEV_MIGRATIONS_DIR, THIRD), '-- migrate:up\nALTER TABLE items ADD COLUMN rank bigint;\n');
  await expect(page.getByTestId('status')).toHaveText('failed ChecksumMismatchError');
  await expect(page.getByTestId('error-file')).toHaveText(THIRD);

  copyFileSync(join(fixtures('v2'), THIRD), join(DEV_MIGRATIONS_DIR, THIRD));
  await expect(page.getByTestId('status')).toHaveText('ready applied=[]');
  expect(await appliedIds(page)).toEqual([
    '20260101000001_create_items',
    '20260101000002_seed_items',
    '20260101000003_add_item_rank',
    '20260101000004_own_transaction',
  ]);
});
