import { expect, test, type Page } from '@playwright/test';
import { answer, appliedIds, log, openHarness, panel, rows, statusLine } from './devtools-harness/helpers.js';

// The panel's migration actions, clicked (and typed) in the harness page with a known set of
// four reversible migrations on a table `items` (e2e/devtools-harness/main.ts, set=actions).
const IDS = ['001_create_items', '002_seed_items', '003_add_item_rank', '004_index_item_rank'];

const columns = async (page: Page) =>
  (await rows<{ column_name: string }>(page, `SELECT column_name FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position`)).map(
    (r) => r.column_name,
  );
const hasIndex = async (page: Page) => (await rows(page, `SELECT 1 FROM pg_indexes WHERE indexname = 'items_rank_idx'`)).length === 1;

test('rolls back the last migration with the keyboard alone; applies pending; redoes; rolls back to a chosen one; applies up to one', async ({ page }) => {
  test.setTimeout(240_000);
  await openHarness(page, { set: 'actions', db: 'actions' });
  expect(await appliedIds(page)).toEqual(IDS);

  // Keyboard only: open, Tab to "Roll back last" (Apply pending is disabled), Enter; the confirmation starts on Cancel.
  await page.keyboard.press('Alt+Shift+D');
  await expect(panel(page).getByRole('tab', { name: 'Migrations' })).toBeFocused();
  await expect(panel(page).getByRole('button', { name: 'Roll back last' })).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(panel(page).getByRole('button', { name: 'Roll back last' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = panel(page).getByRole('alertdialog');
  await expect(dialog.locator('li')).toHaveText([IDS[3]!]);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Roll back', exact: true })).toBeFocused();
  await page.keyboard.press('Tab'); // focus stays in the dialog: round to "take a snapshot first"
  await expect(dialog.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Roll back', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusLine(page)).toContainText(`Rolled back ${IDS[3]}`);
  expect(await appliedIds(page)).toEqual(IDS.slice(0, 3));
  expect(await hasIndex(page)).toBe(false);
  await expect(panel(page).locator(`tr[data-id="${IDS[3]}"]`)).toHaveAttribute('data-state', 'pending');
  await expect(panel(page).getByRole('button', { name: 'Roll back last' })).toBeFocused(); // focus comes back to the button

  // Apply pending.
  await panel(page).getByRole('button', { name: 'Apply pending (1)' }).click();
  await expect(statusLine(page)).toContainText(`Applied 1 migration in`);
  expect(await appliedIds(page)).toEqual(IDS);
  expect(await hasIndex(page)).toBe(true);
  await expect(panel(page).locator(`tr[data-id="${IDS[3]}"]`)).toHaveAttribute('data-state', 'applied');

  // Redo the last one: its down then its up, both in the history.
  await panel(page).getByRole('button', { name: 'Redo last' }).click();
  await answer(page, 'Redo');
  await expect(statusLine(page)).toContainText(`Redid ${IDS[3]}`);
  expect(await appliedIds(page)).toEqual(IDS);
  expect(await hasIndex(page)).toBe(true);
  expect((await log(page)).slice(-4)).toEqual([`down ${IDS[3]}`, `up ${IDS[3]}`, `down ${IDS[3]}`, `up ${IDS[3]}`]);

  // Cancel changes nothing; Escape cancels too, without closing the panel.
  await panel(page)
    .getByRole('button', { name: `Roll back to ${IDS[0]}` })
    .click();
  await answer(page, 'Cancel');
  await panel(page)
    .getByRole('button', { name: `Roll back to ${IDS[0]}` })
    .click();
  await page.keyboard.press('Escape');
  await expect(panel(page).getByRole('alertdialog')).toBeHidden();
  await expect(panel(page)).toBeVisible();
  expect(await appliedIds(page)).toEqual(IDS);

  // Roll back to a chosen migration, with a snapshot first: the three after it are reverted, newest first.
  await panel(page)
    .getByRole('button', { name: `Roll back to ${IDS[0]}` })
    .click();
  await expect(panel(page).getByRole('alertdialog').locator('li')).toHaveText(IDS.slice(1).reverse());
  await panel(page)
    .getByRole('alertdialog')
    .getByRole('checkbox', { name: /Take a snapshot first/ })
    .check();
  await answer(page, 'Roll back');
  await expect(statusLine(page)).toContainText(`Rolled back ${IDS.slice(1).reverse().join(', ')}`);
  expect(await appliedIds(page)).toEqual(IDS.slice(0, 1));
  expect(await columns(page)).toEqual(['id', 'label']);
  expect(await rows(page, 'SELECT * FROM items')).toEqual([]);
  await expect(panel(page).locator('tr[data-state="pending"]')).toHaveCount(3);
  await expect(panel(page).getByRole('tab', { name: /Snapshots/ })).toContainText('1');

  // Apply up to a chosen pending migration.
  await panel(page)
    .getByRole('button', { name: `Apply up to ${IDS[2]}` })
    .click();
  await expect(statusLine(page)).toContainText(`Applied 2 migrations in`);
  expect(await appliedIds(page)).toEqual(IDS.slice(0, 3));
  expect(await columns(page)).toEqual(['id', 'label', 'rank']);
  expect(await rows(page, 'SELECT id, label, rank FROM items ORDER BY id')).toEqual([
    { id: 1, label: 'alpha', rank: 0 },
    { id: 2, label: 'beta', rank: 0 },
  ]);

  // The history tab shows all of it, newest first.
  await panel(page)
    .getByRole('tab', { name: /History/ })
    .click();
  const history = panel(page).getByRole('table', { name: 'History' }).locator('tbody tr');
  const expected = (await log(page)).reverse();
  await expect(history).toHaveCount(expected.length);
  await expect(history.locator('td:nth-child(3)')).toHaveText(expected.map((line) => line.split(' ')[0]!));
  await panel(page).getByRole('combobox', { name: 'Show in history' }).selectOption('snapshots');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText(`before rolling back ${IDS.slice(1).reverse().join(', ')}`);
});

test('runs SQL and shows the rows; browses tables and columns', async ({ page }) => {
  await openHarness(page, { set: 'actions', db: 'sql' });
  await page.keyboard.press('Alt+Shift+D');
  await panel(page).getByRole('tab', { name: 'SQL' }).click();
  const editor = panel(page).getByRole('textbox', { name: 'SQL' });
  await expect(editor).toBeFocused();
  await editor.fill(`UPDATE items SET rank = id * 10;\nSELECT id, label, rank, NULL AS nothing FROM items ORDER BY id;`);
  await page.keyboard.press('Control+Enter');
  const result = panel(page).getByRole('table', { name: 'Result 2' });
  await expect(panel(page).locator('.result')).toContainText('Statement 1: OK, 2 rows affected');
  await expect(result.locator('th')).toHaveText(['id', 'label', 'rank', 'nothing']);
  await expect(result.locator('tbody tr')).toHaveText(['1alpha10NULL', '2beta20NULL']);
  expect(await rows(page, 'SELECT rank FROM items ORDER BY id')).toEqual([{ rank: 10 }, { rank: 20 }]);

  // An error shows under the query, in full.
  await editor.fill('SELECT nope FROM items');
  await panel(page).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(panel(page).locator('.query-error')).toContainText('column "nope" does not exist');
  await expect(panel(page).locator('.query-error')).toContainText('SQLSTATE 42703');

  // Schema: tables with their columns; "Show rows" runs a query in the SQL tab.
  await panel(page).getByRole('tab', { name: 'Schema' }).click();
  await panel(page)
    .getByRole('list', { name: 'Tables' })
    .getByRole('button', { name: /^items/ })
    .click();
  const cols = panel(page).getByRole('table', { name: 'Columns of items' }).locator('tbody tr');
  await expect(cols).toHaveText(['idintegerno', 'labeltextno', 'rankintegerno0']);
  await expect(panel(page).getByRole('list', { name: 'Tables' })).toContainText('_migrations_log');
  await panel(page).getByRole('button', { name: 'Show rows of items' }).click();
  await expect(panel(page).getByRole('tab', { name: 'SQL' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel(page).getByRole('textbox', { name: 'SQL' })).toHaveValue('SELECT * FROM "public"."items" LIMIT 100;');
  await expect(panel(page).getByRole('table', { name: 'Result 1' }).locator('tbody tr')).toHaveCount(2);
});
