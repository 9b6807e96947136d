import { expect, test, type Page } from '@playwright/test';
import { appliedIds, openHarness, panel, rows, statusLine } from './devtools-harness/helpers.js';

// Everything the panel shows is text: migration ids, descriptions, Postgres errors, history
// entries and query results that carry markup appear as the characters they are, and no
// element is created and no handler runs. Also: drifted and unknown migrations.
const XSS = `<img src=x onerror="window.__pgbootXss=(window.__pgbootXss||0)+1">`;
const NAMED = `002_${XSS}`;

async function expectNothingRan(page: Page) {
  expect(await page.evaluate(() => (window as any).__pgbootXss)).toBeUndefined();
  // CSS locators pierce the panel's open shadow root.
  await expect(page.locator('pgboot-devtools img, pgboot-devtools b, body img')).toHaveCount(0);
}

test('a migration named, described or failing with markup shows the text and runs nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await openHarness(page, { set: 'markup', db: 'markup', to: '003_described' });
  expect(await appliedIds(page)).toEqual(['001_create_items', NAMED, '003_described']);
  await page.keyboard.press('Alt+Shift+D');

  const named = panel(page).locator('tr[data-state="applied"]').nth(1);
  await expect(named.locator('.id')).toHaveText(NAMED);
  await expect(panel(page).locator('tr[data-id="003_described"] .desc').first()).toHaveText(`Described as ${XSS}`);
  await expect(panel(page).locator('tr[data-id="004_fails"]')).toHaveAttribute('data-state', 'pending');

  // Applying 004 fails with Postgres quoting the markup: the error box shows it in full, as text.
  await panel(page).getByRole('button', { name: 'Apply pending (1)' }).click();
  await expect(statusLine(page)).toContainText('failed');
  const error = panel(page).getByRole('alert', { name: 'Last error' });
  await expect(error).toContainText('MigrationError');
  await expect(error.locator('pre')).toContainText(`invalid input syntax for type integer: "${XSS}"`);
  await expect(error.locator('pre')).toContainText('SQLSTATE 22P02');
  await expect(error.locator('pre')).toContainText(`in statement: SELECT '${XSS}'::integer`);
  await expect(error.locator('pre')).toContainText('postgres: SQLSTATE 22P02 at character 8 of the statement');
  expect(await appliedIds(page)).toEqual(['001_create_items', NAMED, '003_described']);

  // The history shows the failure (and the named migration's 'up'), as text.
  await panel(page)
    .getByRole('tab', { name: /History/ })
    .click();
  const failed = panel(page).locator('tr[data-action="failed"]');
  await expect(failed).toHaveCount(1);
  await failed.locator('summary').click();
  await expect(failed.locator('pre')).toContainText(`"${XSS}"`);
  await expect(panel(page).getByRole('table', { name: 'History' })).toContainText(NAMED);

  // Query results and column names are text too.
  await panel(page).getByRole('tab', { name: 'SQL' }).click();
  // (Postgres cuts names at 63 bytes, so the column's markup is a short one.)
  await panel(page).getByRole('textbox', { name: 'SQL' }).fill(`SELECT label AS "<b onmouseover=alert(1)>label</b>" FROM items`);
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  const result = panel(page).getByRole('table', { name: 'Result 1' });
  await expect(result.locator('th')).toHaveText(['<b onmouseover=alert(1)>label</b>']);
  await expect(result.locator('td')).toHaveText([XSS]);
  await expectNothingRan(page);

  // The error box survives a reload (it is the newest run in the history); dismissing hides it.
  await page.reload();
  await expect(page.getByTestId('status')).toHaveText(/^ready/);
  await expect(panel(page).getByRole('alert', { name: 'Last error' })).toContainText('004_fails failed');
  await panel(page).getByRole('button', { name: 'Dismiss error' }).click();
  await expect(panel(page).getByRole('alert', { name: 'Last error' })).toBeHidden();
  await expectNothingRan(page);
});

test('shows drifted migrations with both checksums, and unknown ones the build lacks', async ({ page }) => {
  await openHarness(page, { set: 'actions', db: 'drift' });
  const [bundled] = await rows<{ checksum: string }>(page, `SELECT checksum FROM _migrations WHERE id = '002_seed_items'`);
  await rows(page, `UPDATE _migrations SET checksum = repeat('ab', 32) WHERE id = '002_seed_items'`);
  await rows(
    page,
    `INSERT INTO _migrations (id, version, name, checksum, duration_ms) VALUES ('005_from_a_newer_build', '005', 'from_a_newer_build', repeat('cd', 32), 12)`,
  );
  await page.keyboard.press('Alt+Shift+D');

  const drifted = panel(page).locator('tr[data-id="002_seed_items"]');
  await expect(drifted).toHaveAttribute('data-state', 'drifted');
  await expect(drifted).toContainText(`changed since applied: stored abababab, file now ${bundled!.checksum.slice(0, 8)}`);
  const unknown = panel(page).locator('tr[data-id="005_from_a_newer_build"]');
  await expect(unknown).toHaveAttribute('data-state', 'unknown');
  await expect(unknown).toContainText('applied by a newer build: this build does not include it');
  await expect(panel(page).locator('header')).toContainText('5 applied · 1 drifted · 1 unknown');
  // Nothing is pending, so Apply is disabled; the newest (unknown) one cannot be rolled back by this build.
  await expect(panel(page).getByRole('button', { name: 'Apply pending' })).toBeDisabled();
  await expect(panel(page).getByRole('button', { name: 'Roll back last' })).toBeDisabled();
});
