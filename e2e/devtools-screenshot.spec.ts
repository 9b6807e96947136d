import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openDemo, panel, statusLine } from './devtools-harness/helpers.js';

// The README's screenshot: the panel open in the demo app, on a database with real history
// (booted from scratch, a note added, a snapshot taken). Written to docs/devtools.png with
// UPDATE_SCREENSHOT=1, else to test-results/ (its timestamps change on every run).
const target = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOT ? '../docs/devtools.png' : '../test-results/devtools.png', import.meta.url),
);

test('screenshot of the panel in the demo (docs/devtools.png)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 820 });
  await openDemo(page);
  await page.getByRole('textbox', { name: 'Title' }).fill('Try the dev panel');
  await page.getByRole('textbox', { name: 'Body' }).fill('Alt+Shift+D opens it.');
  await page.getByRole('button', { name: 'Add note' }).click();

  await page.keyboard.press('Alt+Shift+D');
  await panel(page).getByRole('tab', { name: /Snapshots/ }).click();
  await panel(page).getByRole('textbox', { name: 'Snapshot label' }).fill('before archiving notes');
  await panel(page).getByRole('button', { name: 'Take snapshot' }).click();
  await expect(statusLine(page)).toContainText('taken');
  await panel(page).getByRole('tab', { name: 'Migrations' }).click();
  await expect(panel(page).locator('tr[data-state="applied"]').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: target });
});
