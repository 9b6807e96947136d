import { expect, test } from '@playwright/test';
import { answer, appliedIds, log, openDemo, openHarness, openPanel, panel, rows, statusLine } from './devtools-harness/helpers.js';

// The demo runs in worker mode by default: the dev panel works from a tab whose worker is not the
// leader, and a restore from that tab reloads every tab onto the restored database.
test('the dev panel in a tab that is not the leader: history, a snapshot, and a restore that reloads every tab', async ({ context }) => {
  test.setTimeout(300_000);
  const leader = await context.newPage();
  await openDemo(leader);
  const other = await context.newPage();
  await openDemo(other);
  expect(await leader.evaluate(() => (window as any).pgbootDemo.db.isLeader)).toBe(true);
  expect(await other.evaluate(() => (window as any).pgbootDemo.db.isLeader)).toBe(false);

  await openPanel(other);
  await expect(panel(other).getByRole('tab', { name: /Migrations/ })).toBeVisible();
  const applied = await rows<{ n: number }>(other, 'SELECT count(*)::int AS n FROM _migrations');
  await expect(panel(other).getByText('applied', { exact: true })).toHaveCount(applied[0]!.n);

  await panel(other)
    .getByRole('tab', { name: /Snapshots/ })
    .click();
  const label = panel(other).getByRole('textbox', { name: 'Snapshot label' });
  await label.fill('before the groceries');
  await label.press('Enter');
  await expect(statusLine(other)).toContainText('Snapshot “before the groceries” taken');

  // A note written in the leader's tab shows in the other tab too.
  await leader.getByLabel('Title', { exact: true }).fill('Groceries');
  await leader.getByRole('button', { name: 'Add note' }).click();
  await expect(other.getByTestId('note-title')).toContainText(['Groceries']);

  const reloads = [leader.waitForEvent('load'), other.waitForEvent('load')];
  await panel(other)
    .getByRole('button', { name: /^Restore snapshot before the groceries/ })
    .click();
  await answer(other, 'Restore');
  await Promise.all(reloads);
  for (const tab of [leader, other]) {
    await expect(tab.getByTestId('boot-status')).toContainText('Database ready');
    await expect(tab.getByTestId('note-title')).toHaveText(['Welcome to pgboot notes']);
  }
  expect(await rows(leader, `SELECT action FROM _migrations_log WHERE action = 'restore'`)).toEqual([{ action: 'restore' }]);
});

test('the dev panel in a non-leader tab applies, rolls back and resets the shared database', async ({ context }) => {
  test.setTimeout(300_000);
  const IDS = ['001_create_items', '002_seed_items', '003_add_item_rank', '004_index_item_rank'];
  const leader = await context.newPage();
  await openHarness(leader, { mode: 'worker', set: 'actions', db: 'worker-panel', to: '002_seed_items' });
  const other = await context.newPage();
  await openHarness(other, { mode: 'worker', set: 'actions', db: 'worker-panel', to: '002_seed_items' });
  expect(await other.evaluate(() => (window as any).harness.db.isLeader)).toBe(false);
  expect(await appliedIds(leader)).toEqual(IDS.slice(0, 2));

  await openPanel(other);
  await panel(other).getByRole('button', { name: 'Apply pending (2)' }).click();
  await expect(statusLine(other)).toContainText('Applied 2 migrations in');
  expect(await appliedIds(leader)).toEqual(IDS);

  await panel(other).getByRole('button', { name: 'Roll back last' }).click();
  await answer(other, 'Roll back');
  await expect(statusLine(other)).toContainText(`Rolled back ${IDS[3]}`);
  expect(await appliedIds(leader)).toEqual(IDS.slice(0, 3));
  expect(await log(leader)).toEqual(['up 001_create_items', 'up 002_seed_items', 'up 003_add_item_rank', 'up 004_index_item_rank', 'down 004_index_item_rank']);

  // Reset: the leader deletes the database, every tab reloads and boots it anew.
  const reloads = [leader.waitForEvent('load'), other.waitForEvent('load')];
  await panel(other).getByRole('button', { name: 'Reset database…' }).click();
  await answer(other, 'Reset');
  await Promise.all(reloads);
  await expect(leader.getByTestId('status')).toHaveText(/^ready/);
  await expect(other.getByTestId('status')).toHaveText(/^ready/);
  // A new database: its history starts over, the panel's reset noted last.
  expect(await log(other)).toEqual(['up 001_create_items', 'up 002_seed_items', 'reset']);
});
