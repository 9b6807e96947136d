import { statSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { HARNESS, answer, openHarness, openPanel, panel, rows, statusLine, storedSnapshotKeys } from './devtools-harness/helpers.js';

// A boot that fails leaves no database open; the panel must still do what the docs promise:
// download, restore and delete a snapshot, and reset. The harness (set=drifted) fails with
// ChecksumMismatchError on a database that set=actions migrated.
test('after a failed boot the panel downloads, restores and deletes a snapshot, and resets the database', async ({ page }) => {
  test.setTimeout(300_000);
  const db = 'devtools-recovery';
  const status = page.getByTestId('status');
  await openHarness(page, { set: 'actions', db });
  await rows(page, `INSERT INTO items (id, label) VALUES (10, 'kept by the snapshot')`);
  await openPanel(page);
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('textbox', { name: 'Snapshot label' }).fill('good state');
  await panel(page).getByRole('button', { name: 'Take snapshot' }).click();
  await expect(statusLine(page)).toContainText('Snapshot “good state” taken');
  await rows(page, `INSERT INTO items (id, label) VALUES (11, 'lost by the restore')`);

  // The next build edited an applied migration: the boot fails, the panel comes up without a database.
  await page.goto(`${HARNESS}?set=drifted&db=${db}`);
  await expect(status).toHaveText('failed ChecksumMismatchError');
  await openPanel(page);
  await panel(page)
    .getByRole('tab', { name: /Migrations/ })
    .click();
  await expect(panel(page).getByRole('alert', { name: 'Last error' })).toContainText('Boot failed');
  await expect(panel(page).getByTestId('not-open')).toContainText('The database is not open: the boot failed');
  await expect(panel(page).getByTestId('not-open')).toContainText('restore the snapshot kept (Snapshots tab), or download it');
  await expect(panel(page).getByRole('tabpanel')).not.toContainText('Loading');
  await expect(panel(page).getByRole('button', { name: /^Apply pending/ })).toBeDisabled();
  await expect(panel(page).getByRole('button', { name: 'Reset database…' })).toBeEnabled();

  // Download: the gzipped tar.
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await expect(panel(page).getByRole('button', { name: 'Take snapshot' })).toBeDisabled();
  const downloading = page.waitForEvent('download');
  await panel(page).getByRole('button', { name: 'Download snapshot good state' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${db}-.+\\.tar\\.gz$`));
  expect(statSync((await download.path())!).size).toBeGreaterThan(100_000);
  await expect(statusLine(page)).toContainText(`Downloading ${db}-`);

  // Restore: the page reloads (this build still fails: the snapshot holds the applied file's checksum).
  await panel(page).getByRole('button', { name: 'Restore snapshot good state' }).click();
  await answer(page, 'Restore');
  await expect(status).toHaveText('failed ChecksumMismatchError');
  await expect(statusLine(page)).toContainText('Restored the snapshot “good state”');
  // The build it was taken with boots on it: the row added after the snapshot is gone.
  await openHarness(page, { set: 'actions', db });
  expect(await rows(page, 'SELECT id, label FROM items WHERE id >= 10 ORDER BY id')).toEqual([{ id: 10, label: 'kept by the snapshot' }]);

  // Delete the snapshot, still after a failed boot.
  await page.goto(`${HARNESS}?set=drifted&db=${db}`);
  await expect(status).toHaveText('failed ChecksumMismatchError');
  await openPanel(page);
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('button', { name: 'Delete snapshot good state' }).click();
  await answer(page, 'Delete');
  await expect(statusLine(page)).toHaveText('Snapshot deleted.');
  expect(await storedSnapshotKeys(page)).toBe(0);

  // Reset: a new database, on which this build boots. The footer says what happened, the history starts with it.
  await panel(page)
    .getByRole('tab', { name: /Migrations/ })
    .click();
  await panel(page).getByRole('button', { name: 'Reset database…' }).click();
  await answer(page, 'Reset');
  await expect(status).toHaveText('ready applied=4');
  await expect(statusLine(page)).toHaveText('The database was reset: deleted, then booted anew, every migration applied again.');
  await panel(page)
    .getByRole('tab', { name: /History/ })
    .click();
  const history = panel(page).getByRole('table', { name: 'History' }).locator('tbody tr');
  await expect(history).toHaveCount(5);
  await expect(history.first()).toHaveAttribute('data-action', 'reset');
  await expect(history.first()).toContainText('the database was deleted at');
  await expect(history.locator('td:first-child')).toHaveText(['5', '4', '3', '2', '1']);
  await panel(page).getByRole('combobox', { name: 'Show in history' }).selectOption('snapshots');
  await expect(history).toHaveCount(1);
});
