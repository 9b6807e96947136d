import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { HARNESS, openDemo, openHarness, openPanel, panel, statusLine } from './devtools-harness/helpers.js';

// The docs' screenshots of the panel. Written to docs/ with UPDATE_SCREENSHOT=1, else to
// test-results/ (their timestamps change on every run).
const target = (name: string) => fileURLToPath(new URL(process.env.UPDATE_SCREENSHOT ? `../docs/${name}` : `../test-results/${name}`, import.meta.url));

test('screenshot of the panel docked in the demo (docs/devtools.png)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 820 });
  await openDemo(page);
  await page.getByRole('textbox', { name: 'Title' }).fill('Try the dev panel');
  await page.getByRole('textbox', { name: 'Body' }).fill('Alt+Shift+D opens it.');
  await page.getByRole('button', { name: 'Add note' }).click();

  await page.keyboard.press('Alt+Shift+D');
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('textbox', { name: 'Snapshot label' }).fill('before archiving notes');
  await panel(page).getByRole('button', { name: 'Take snapshot' }).click();
  await expect(statusLine(page)).toContainText('taken');
  await panel(page).getByRole('tab', { name: 'Migrations' }).click();
  // Docked at the bottom (the default), made a little taller.
  const handle = panel(page).getByRole('separator', { name: 'Resize the panel' });
  await handle.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect(panel(page).locator('tr[data-state="applied"]').first()).toBeVisible();
  await page.mouse.click(5, 5); // focus out of the panel: no focus ring in the picture
  await page.screenshot({ path: target('devtools.png') });
});

test('screenshot of the panel after a failed boot (docs/devtools-failed-boot.png)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const db = 'screenshot-failed-boot';
  await openHarness(page, { set: 'actions', db });
  await openPanel(page);
  await panel(page)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  await panel(page).getByRole('textbox', { name: 'Snapshot label' }).fill('before the 001 edit');
  await panel(page).getByRole('button', { name: 'Take snapshot' }).click();
  await expect(statusLine(page)).toContainText('taken');

  await page.goto(`${HARNESS}?set=drifted&db=${db}`);
  await expect(page.getByTestId('status')).toHaveText('failed ChecksumMismatchError');
  await openPanel(page);
  const handle = panel(page).getByRole('separator', { name: 'Resize the panel' });
  await handle.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  await panel(page)
    .getByRole('tab', { name: /Migrations/ })
    .click();
  await expect(panel(page).getByTestId('not-open')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: target('devtools-failed-boot.png') });
});
