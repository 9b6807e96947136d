import { expect, test, type Page } from '@playwright/test';
import { answer, openDemo, openPanel, panel, rows, statusLine } from './devtools-harness/helpers.js';

// The panel as a developer meets it in the demo: docked, resizable, remembered; the demo's
// newest migration (drizzle-kit's, with a hand-written down beside it) rolls back and applies
// again, tagged with the app's build; the small things (numbering, wording, wrapping, disabled looks).
const box = async (page: Page) => (await panel(page).boundingBox())!;

test('docks at the bottom, resizes, moves to the side, and remembers it per app across reloads and tabs', async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openDemo(page);
  await openPanel(page);
  expect(await box(page)).toMatchObject({ x: 0, width: 1280, height: 320 });
  expect(Math.round((await box(page)).y + (await box(page)).height)).toBe(800);
  await expect(panel(page).getByRole('button', { name: 'Dock to the bottom' })).toHaveAttribute('aria-pressed', 'true');

  // Drag the top edge up to y=400: 400 px tall.
  const handle = panel(page).getByRole('separator', { name: 'Resize the panel' });
  const edge = (await handle.boundingBox())!;
  await page.mouse.move(edge.x + 200, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 200, 400, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await box(page)).height)).toBe(400);
  // And with the keyboard: 20 px a press.
  await handle.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => Math.round((await box(page)).height)).toBe(380);
  // The app's own page stays reachable above it: the DB button moved out of the way.
  const toggleBox = (await page.getByRole('button', { name: /^pgboot devtools/ }).boundingBox())!;
  expect(toggleBox.y + toggleBox.height).toBeLessThanOrEqual(800 - 380);

  await panel(page).getByRole('button', { name: 'Dock to the right side' }).click();
  await expect.poll(async () => box(page)).toMatchObject({ x: 1280 - 380, y: 0, width: 380, height: 800 });

  await page.reload();
  await expect(page.getByTestId('boot-status')).toContainText('Database ready');
  await expect(panel(page)).toBeVisible();
  await expect.poll(async () => box(page)).toMatchObject({ x: 900, width: 380, height: 800 });

  // Another tab of the app: the same place (localStorage), though closed at first (open/closed is per tab).
  const second = await context.newPage();
  await second.setViewportSize({ width: 1280, height: 800 });
  await openDemo(second);
  await openPanel(second);
  await expect.poll(async () => box(second)).toMatchObject({ x: 900, width: 380, height: 800 });
  await panel(second).getByRole('button', { name: 'Float in the corner' }).click();
  await expect.poll(async () => (await box(second)).width).toBe(900);
});

test("rolls back the demo's drizzle-kit migration and applies it again, with the app build; history numbered, ids wrapped, disabled buttons look disabled", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openDemo(page);
  await openPanel(page);
  const newest = '20261122030427_add_note_archived_at';
  const archived = `SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'archived_at'`;

  // Nothing pending: "Apply pending" is disabled and looks it; "Roll back last" is enabled and looks different.
  const apply = panel(page).getByRole('button', { name: /^Apply pending/ });
  const rollBack = panel(page).getByRole('button', { name: 'Roll back last' });
  await expect(apply).toBeDisabled();
  await expect(rollBack).toBeEnabled();
  // Polled: each refresh of the panel redraws its toolbar, and a button read just as it is replaced
  // has no computed style (seen: both values '' in a full run, after e2e/devtools-build.spec.ts).
  const look = (locator: typeof apply) => locator.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  const disabledLook = ['rgb(26, 29, 36)', 'rgb(92, 99, 115)'];
  await expect.poll(() => look(apply)).toEqual(disabledLook);
  await expect.poll(async () => (await look(rollBack)).every((value) => value.startsWith('rgb'))).toBe(true);
  expect(await look(rollBack)).not.toEqual(disabledLook);

  // Long ids wrap between words, not inside them.
  const id = panel(page).locator(`tr[data-id="${newest}"] .id`);
  await expect(id.locator('wbr')).toHaveCount(newest.split('_').length - 1);
  await expect.poll(() => id.evaluate((el) => getComputedStyle(el).wordBreak)).toBe('normal');

  await rollBack.click();
  const dialog = panel(page).getByRole('alertdialog');
  await expect(dialog).toContainText('Its down migration runs, and whatever it created');
  await answer(page, 'Roll back');
  await expect(statusLine(page)).toContainText(`Rolled back ${newest}`);
  expect(await rows(page, archived)).toEqual([]);

  await apply.click();
  await expect(statusLine(page)).toContainText(`Applied 1 migration in`);
  expect(await rows(page, archived)).toEqual([{ column_name: 'archived_at' }]);
  const lastTwo = await rows<{ action: string; migration_id: string; app_build: string | null }>(
    page,
    `SELECT action, migration_id, app_build FROM _migrations_log ORDER BY seq DESC LIMIT 2`,
  );
  expect(lastTwo).toEqual([
    { action: 'up', migration_id: newest, app_build: 'development' },
    { action: 'down', migration_id: newest, app_build: 'development' },
  ]);

  await panel(page)
    .getByRole('tab', { name: /History/ })
    .click();
  const numbers = await panel(page).getByRole('table', { name: 'History' }).locator('tbody tr td:first-child').allTextContents();
  expect(numbers).toEqual(numbers.map((_, index) => String(numbers.length - index)));
  await expect(panel(page).getByRole('table', { name: 'History' }).locator('tbody tr').first()).toContainText('build development');
});
