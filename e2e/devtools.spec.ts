import { expect, test } from '@playwright/test';
import { DEMO, answer, appliedIds, log, openDemo, openPanel, panel, rows, statusLine, storedSnapshotKeys, toggle } from './devtools-harness/helpers.js';

// The dev panel in the demo app (vite dev; database 'pgboot-demo'). Each test starts from a
// fresh browser context, so the demo boots a new database with all of its migrations.

function durationText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

test('lists every applied migration with its time, duration and checksum, and the history; the keyboard opens and closes it', async ({ page }) => {
  await openDemo(page);
  await page.keyboard.press('Alt+Shift+D');
  await expect(panel(page)).toBeVisible();
  await expect(panel(page).getByRole('tab', { name: 'Migrations' })).toBeFocused();
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');

  const applied = await rows<{ id: string; checksum: string; duration_ms: number }>(page, 'SELECT id, checksum, duration_ms FROM _migrations ORDER BY id');
  expect(applied.length).toBeGreaterThan(1);
  await expect(panel(page).locator('tbody tr[data-id]')).toHaveCount(applied.length);
  for (const row of applied) {
    const cells = panel(page).locator(`tr[data-id="${row.id}"] td`);
    await expect(panel(page).locator(`tr[data-id="${row.id}"]`)).toHaveAttribute('data-state', 'applied');
    await expect(cells.nth(1)).toContainText(row.id);
    await expect(cells.nth(2)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await expect(cells.nth(3)).toHaveText(durationText(row.duration_ms));
    await expect(cells.nth(4)).toHaveText(row.checksum.slice(0, 8));
  }
  await expect(panel(page).locator('header')).toContainText(`${applied.length} applied`);

  // Arrow keys move between tabs; the history has one 'up' per migration, newest first.
  await page.keyboard.press('ArrowRight');
  await expect(panel(page).getByRole('tab', { name: /History/ })).toHaveAttribute('aria-selected', 'true');
  const history = panel(page).getByRole('table', { name: 'History' }).locator('tbody tr');
  await expect(history).toHaveCount(applied.length);
  await expect(history.first()).toContainText(applied.at(-1)!.id);
  await expect(history.first().locator('.badge')).toHaveText('up');

  // Escape closes it and gives focus back; the shortcut reopens it on the tab it was left on.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Alt+Shift+D');
  await expect(panel(page).getByRole('tab', { name: /History/ })).toBeFocused();
  await page.keyboard.press('Alt+Shift+D');
  await expect(panel(page)).toBeHidden();
});

test('a snapshot brings back data changed after it; snapshots are listed with size and time, and deleted', async ({ page }) => {
  test.setTimeout(300_000);
  await openDemo(page);
  const ids = await appliedIds(page);
  const notesAtSnapshot = await rows(page, `INSERT INTO notes (title) VALUES ('kept by the snapshot') RETURNING title`).then(() =>
    rows<{ title: string }>(page, 'SELECT title FROM notes ORDER BY id'),
  );

  await openPanel(page);
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('textbox', { name: 'Snapshot label' }).fill('before cleanup');
  await panel(page).getByRole('button', { name: 'Take snapshot' }).click();
  await expect(statusLine(page)).toContainText('Snapshot “before cleanup” taken');
  const listed = panel(page).getByRole('table', { name: 'Snapshots' }).locator('tbody tr');
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText('before cleanup');
  await expect(listed.first().locator('td').nth(2)).toContainText(`${ids.at(-1)}${ids.length} applied`);
  await expect(listed.first().locator('td').nth(3)).toHaveText(/^\d+\.\d (kB|MB)$/);
  await expect(listed.first().locator('td').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect((await log(page)).at(-1)).toBe('snapshot');

  // Change the data with the panel's SQL tab.
  await panel(page).getByRole('tab', { name: 'SQL' }).click();
  await panel(page).getByRole('textbox', { name: 'SQL' }).fill(`DELETE FROM notes;\nINSERT INTO notes (title) VALUES ('written after the snapshot');`);
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel(page).locator('.result')).toContainText(`Statement 1: OK, ${notesAtSnapshot.length} rows affected`);
  expect(await rows(page, `SELECT title FROM notes ORDER BY id`)).toEqual([{ title: 'written after the snapshot' }]);
  await expect(page.getByTestId('notes')).toContainText('written after the snapshot'); // the demo redraws (onChange)

  // Restore: the page reloads, boots on the restored data, and the panel says what happened.
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('button', { name: 'Restore snapshot before cleanup' }).click();
  await expect(panel(page).getByRole('alertdialog')).toContainText('every change made since is lost');
  await answer(page, 'Restore');
  await expect(page.getByTestId('boot-status')).toContainText(`Database ready: ${ids.length} migrations, 0 applied on this load`);
  expect(await rows(page, `SELECT title FROM notes ORDER BY id`)).toEqual(notesAtSnapshot);
  expect(notesAtSnapshot).toContainEqual({ title: 'kept by the snapshot' });
  await expect(page.getByTestId('notes')).toContainText('kept by the snapshot');
  await expect(panel(page)).toBeVisible(); // it remembers it was open
  await expect(statusLine(page)).toContainText('Restored the snapshot “before cleanup”');
  expect((await log(page)).slice(-2)).toEqual(['snapshot', 'restore']);
  await expect(listed).toHaveCount(1);

  // Delete it.
  await panel(page).getByRole('button', { name: 'Delete snapshot before cleanup' }).click();
  await answer(page, 'Delete');
  await expect(panel(page).getByText('No snapshots yet.')).toBeVisible();
  expect(await storedSnapshotKeys(page)).toBe(0);
});

test('reset deletes the IndexedDB database, and the next load migrates from scratch', async ({ page }) => {
  test.setTimeout(240_000);
  await openDemo(page);
  const ids = await appliedIds(page);
  await rows(page, `INSERT INTO notes (title) VALUES ('gone after the reset')`);
  const fresh = await rows(page, `SELECT title FROM notes WHERE title <> 'gone after the reset' ORDER BY id`);
  await openPanel(page);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('/pglite/pgboot-demo');

  // Hold the reload on a blank page of the same origin, to look at IndexedDB before the app boots again.
  await page.route(DEMO, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>held</title>' }));
  await panel(page).getByRole('button', { name: 'Reset database…' }).click();
  await expect(panel(page).getByRole('alertdialog')).toContainText('/pglite/pgboot-demo');
  await answer(page, 'Reset');
  await expect(page).toHaveTitle('held');
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('/pglite/pgboot-demo');

  await page.unroute(DEMO);
  await page.goto(DEMO);
  await expect(page.getByTestId('boot-status')).toContainText(`Database ready: ${ids.length} migrations, ${ids.length} applied on this load`);
  expect(await appliedIds(page)).toEqual(ids);
  expect(await rows(page, `SELECT title FROM notes ORDER BY id`)).toEqual(fresh);
  // The new database's history: the boot's ups, then the panel's record of the reset.
  await expect.poll(() => log(page)).toEqual([...ids.map((id) => `up ${id}`), 'reset']);
});
