import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { answer, appliedIds, log, openHarness, panel, statusLine } from './devtools-harness/helpers.js';

// bootDatabase({ snapshot: 'before-migrate' }) in the harness (set=actions): a snapshot before
// an upgrade of a database that has data, none for a new database or a boot with nothing
// pending; restoring it from the panel puts the database back as it was before the upgrade.
test("snapshot: 'before-migrate' keeps the database as it was before an upgrade, and the panel restores it", async ({ page }) => {
  test.setTimeout(300_000);
  const snapshots = panel(page).getByRole('table', { name: 'Snapshots' }).locator('tbody tr');

  // A new database: nothing to keep.
  await openHarness(page, { set: 'actions', db: 'upgrade', to: '002_seed_items', snapshot: 'before-migrate' });
  expect(await appliedIds(page)).toEqual(['001_create_items', '002_seed_items']);
  await page.keyboard.press('Alt+Shift+D');
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await expect(panel(page).getByText('No snapshots yet.')).toBeVisible();

  // The next build brings two migrations: a snapshot first.
  await openHarness(page, { set: 'actions', db: 'upgrade', snapshot: 'before-migrate' });
  expect(await appliedIds(page)).toEqual(['001_create_items', '002_seed_items', '003_add_item_rank', '004_index_item_rank']);
  await expect(snapshots).toHaveCount(1);
  await expect(snapshots.first()).toContainText('before 003_add_item_rank and 1 more');
  await expect(snapshots.first()).toContainText('taken at boot, before migrating');
  await expect(snapshots.first().locator('td').nth(2)).toHaveText('002_seed_items2 applied');
  expect(await log(page)).toEqual(['up 001_create_items', 'up 002_seed_items', 'snapshot', 'up 003_add_item_rank', 'up 004_index_item_rank']);

  // Nothing pending: no snapshot.
  await page.reload();
  await expect(page.getByTestId('status')).toHaveText('ready applied=0');
  await expect(snapshots).toHaveCount(1);

  // Restore it: the database is back before 003 (its history too), and this boot upgrades it again, snapshot first.
  await panel(page)
    .getByRole('button', { name: /^Restore snapshot before 003_add_item_rank/ })
    .click();
  await answer(page, 'Restore');
  await expect(page.getByTestId('status')).toHaveText('ready applied=2');
  await expect(statusLine(page)).toContainText('Restored the snapshot “before 003_add_item_rank and 1 more”');
  expect(await log(page)).toEqual([
    'up 001_create_items',
    'up 002_seed_items',
    'snapshot',
    'restore',
    'snapshot',
    'up 003_add_item_rank',
    'up 004_index_item_rank',
  ]);
  await expect(snapshots).toHaveCount(2);
});

test('keeps the newest five snapshots', async ({ page }) => {
  test.setTimeout(300_000);
  await openHarness(page, { set: 'actions', db: 'keep' });
  await page.keyboard.press('Alt+Shift+D');
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  const label = panel(page).getByRole('textbox', { name: 'Snapshot label' });
  for (let n = 1; n <= 6; n++) {
    await label.fill(`snapshot ${n}`);
    await label.press('Enter');
    await expect(statusLine(page)).toContainText(`Snapshot “snapshot ${n}” taken`);
  }
  const labels = panel(page).getByRole('table', { name: 'Snapshots' }).locator('tbody tr td:nth-child(2) > div:first-child');
  await expect(labels).toHaveText(['snapshot 6', 'snapshot 5', 'snapshot 4', 'snapshot 3', 'snapshot 2']);
  await expect(panel(page).getByText("The newest 5 of 'keep' are kept")).toBeVisible();

  // Download: the snapshot's gzipped tar.
  const downloading = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Download snapshot snapshot 6' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keep-\d{8}-\d{9}-[a-z0-9]+\.tar\.gz$/);
  const bytes = readFileSync((await download.path())!);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip
  await expect(panel(page).getByRole('table', { name: 'Snapshots' }).locator('tbody tr').first().locator('td').nth(3)).toHaveText(
    `${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
  );
  // The history keeps every 'snapshot' entry and marks the pruned one.
  await panel(page)
    .getByRole('tab', { name: /History/ })
    .click();
  await expect(panel(page).locator('tr[data-action="snapshot"]')).toHaveCount(6);
  await expect(panel(page).locator('tr[data-action="snapshot"]').last()).toContainText('“snapshot 1”');
  await expect(panel(page).locator('tr[data-action="snapshot"]').last()).toContainText('(deleted)');
});
