import { expect, test } from '@playwright/test';
import { appliedIds, expectReady, openBuild, query } from './helpers.js';

// Builds of one app (e2e/fixtures/<set>, each bundled by the pgboot plugin) opened one after
// another on the same origin, so they meet the same IndexedDB database, as after a deploy.
const V1 = ['20260101000001_create_items', '20260101000002_seed_items'];
const V2 = [...V1, '20260101000003_add_item_rank'];
const FOURTH = '20260101000004_add_label_unique';

test('a build with one more migration applies only that one and keeps the data', async ({ page }) => {
  await openBuild(page, 'v1', 'upgrade');
  expect(await expectReady(page)).toEqual(V1);
  await query(page, `INSERT INTO items (label) VALUES ('written by the user')`);

  await openBuild(page, 'v2', 'upgrade');
  expect(await expectReady(page)).toEqual(['20260101000003_add_item_rank']);
  expect(await appliedIds(page)).toEqual(V2);
  expect(await query(page, 'SELECT id, label, rank FROM items ORDER BY id')).toEqual([
    { id: 1, label: 'alpha', rank: 10 },
    { id: 2, label: 'beta', rank: 20 },
    { id: 3, label: 'written by the user', rank: 30 },
  ]);

  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  expect(await appliedIds(page)).toEqual(V2);
});

test('a failing migration names its file, keeps the data, and the fixed build then succeeds', async ({ page }) => {
  await openBuild(page, 'v2', 'failing');
  expect(await expectReady(page)).toEqual(V2);
  await query(page, `INSERT INTO items (label) VALUES ('gamma')`);

  await openBuild(page, 'broken', 'failing');
  await expect(page.getByTestId('status')).toHaveText('failed MigrationError');
  await expect(page.getByTestId('error-file')).toHaveText(`${FOURTH}.sql`);
  await expect(page.getByTestId('boot-error')).toContainText('(line 6)');
  await expect(page.getByTestId('error-message')).toContainText('could not create unique index "items_label_unique"');
  await expect(page.getByTestId('error-message')).toContainText('SQLSTATE 23505');
  // Reloading the broken build fails the same way: nothing half-applied was kept.
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('error-file')).toHaveText(`${FOURTH}.sql`);

  await openBuild(page, 'fixed', 'failing');
  expect(await expectReady(page)).toEqual([FOURTH]);
  expect(await appliedIds(page)).toEqual([...V2, FOURTH]);
  // The failed attempts left nothing: not the duplicate row, not the audit row or table contents.
  expect(await query(page, 'SELECT label FROM items ORDER BY id')).toEqual([{ label: 'alpha' }, { label: 'beta' }, { label: 'gamma' }]);
  expect(await query(page, 'SELECT count(*)::int AS n FROM item_audit')).toEqual([{ n: 0 }]);
  const log = await query<{ action: string; migration_id: string }>(
    page,
    `SELECT action, migration_id FROM _migrations_log WHERE migration_id = $1 ORDER BY seq`,
    [FOURTH],
  );
  expect(log).toEqual([
    { action: 'failed', migration_id: FOURTH },
    { action: 'failed', migration_id: FOURTH },
    { action: 'up', migration_id: FOURTH },
  ]);
});

test('an older build opened after a newer one reports the database ahead and changes nothing', async ({ page }) => {
  await openBuild(page, 'v2', 'ahead');
  expect(await expectReady(page)).toEqual(V2);

  await openBuild(page, 'v1', 'ahead');
  await expect(page.getByTestId('status')).toHaveText('failed DatabaseAheadError');
  await expect(page.getByTestId('boot-error')).toContainText('A newer version of this app updated your data');
  await expect(page.getByTestId('error-ahead')).toHaveText('Migrations this version does not know: 20260101000003_add_item_rank');
  await expect(page.getByTestId('error-file')).toHaveCount(0);

  await openBuild(page, 'v2', 'ahead');
  expect(await expectReady(page)).toEqual([]);
  expect(await appliedIds(page)).toEqual(V2);
});

test('leaving the page during a slow batch boots consistently next time, nothing applied twice', async ({ page, context }) => {
  const SLOW = 13; // create_runs + 12 steps of pg_sleep(0.4)
  await openBuild(page, 'slow', 'interrupted');
  // Mid-batch: several migrations ran, several remain (the page may skip numbers between polls).
  await expect(page.getByTestId('progress')).toHaveText(/^apply ([3-9]|10)\/13$/);
  await page.goto('about:blank'); // navigated away mid-batch

  const second = await context.newPage();
  await openBuild(second, 'slow', 'interrupted');
  await expect(second.getByTestId('progress')).toHaveText(/^apply ([5-9]|1[01])\/13$/);
  await second.close(); // tab closed mid-batch

  await openBuild(page, 'slow', 'interrupted');
  const applied = await expectReady(page);
  expect(applied).toHaveLength(SLOW);
  expect(await appliedIds(page)).toEqual(applied);
  const runs = await query<{ migration: string; n: number }>(page, 'SELECT migration, count(*)::int AS n FROM runs GROUP BY 1 ORDER BY 1');
  expect(runs).toHaveLength(12);
  expect(runs.every((r) => r.n === 1)).toBe(true);
  const ups = await query<{ n: number }>(page, `SELECT count(*)::int AS n FROM _migrations_log WHERE action = 'up'`);
  expect(ups).toEqual([{ n: SLOW }]);

  await page.reload();
  expect(await expectReady(page)).toEqual([]);
});
