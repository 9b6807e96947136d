import { expect, test, type Page } from '@playwright/test';
import { appliedIds, expectReady, openBuild, query } from './helpers.js';

// Several tabs of one origin on one IndexedDB database: one PGlite instance at a time (Web
// Locks); the others wait or get DatabaseLockedError; BroadcastChannel tells older tabs.
const V2 = ['20260101000001_create_items', '20260101000002_seed_items', '20260101000003_add_item_rank'];
const status = (page: Page) => page.getByTestId('status');
const events = (page: Page) => page.getByTestId('events');

test('two tabs opened at once: one migrates, the other waits for it, nothing runs twice', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([openBuild(a, 'v2', 'race', { lockTimeout: '90000' }), openBuild(b, 'v2', 'race', { lockTimeout: '90000' })]);

  // Exactly one is ready; the other says it waits, and has no database open.
  await expect.poll(async () => [await status(a).textContent(), await status(b).textContent()].sort()).toEqual(['booting', `ready applied=[${V2.join(',')}]`]);
  const [first, second] = (await status(a).textContent())!.startsWith('ready') ? [a, b] : [b, a];
  await expect(events(second)).toContainText('waiting');
  await expect(events(first)).toContainText('blocking');
  await query(first, `INSERT INTO items (label) VALUES ('from the first tab')`);

  await first.close(); // the browser drops the closed tab's lock
  expect(await expectReady(second)).toEqual([]);
  expect(await appliedIds(second)).toEqual(V2);
  expect(await query(second, 'SELECT label FROM items ORDER BY id')).toEqual([{ label: 'alpha' }, { label: 'beta' }, { label: 'from the first tab' }]);
});

test('a second tab with a short lock timeout gets DatabaseLockedError; the first keeps working', async ({ context }) => {
  const first = await context.newPage();
  await openBuild(first, 'v2', 'locked');
  expect(await expectReady(first)).toEqual(V2);

  const second = await context.newPage();
  await openBuild(second, 'v2', 'locked', { lockTimeout: '1000' });
  await expect(status(second)).toHaveText('failed DatabaseLockedError');
  await expect(second.getByTestId('boot-error')).toContainText('This app is open in another tab');
  await expect(second.getByTestId('error-message')).toContainText("The database 'locked' is open in another tab or window of this app");

  await query(first, `INSERT INTO items (label) VALUES ('still writable')`);
  expect(await query(first, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 3 }]);

  await first.close();
  await second.getByTestId('retry').click();
  expect(await expectReady(second)).toEqual([]);
  expect(await query(second, 'SELECT label FROM items ORDER BY id')).toEqual([{ label: 'alpha' }, { label: 'beta' }, { label: 'still writable' }]);
});

test('a newer build waiting for an older tab tells it, and takes over when the older tab closes its database', async ({ context }) => {
  const older = await context.newPage();
  await openBuild(older, 'v1', 'handover', { handover: '1' });
  expect(await expectReady(older)).toHaveLength(2);

  const newer = await context.newPage();
  await openBuild(newer, 'v2', 'handover', { lockTimeout: '60000' });
  await expect(events(older)).toContainText('newer 20260101000003_add_item_rank');
  await expect(events(older)).toContainText('closed');
  expect(await expectReady(newer)).toEqual(['20260101000003_add_item_rank']);
  await expect(events(newer)).not.toContainText('newer');
});

test('a tab waiting behind another that migrates past its build learns it, then gets DatabaseAheadError', async ({ context }) => {
  const migrating = await context.newPage();
  await openBuild(migrating, 'slow', 'broadcast');
  await expect(migrating.getByTestId('progress')).toHaveText(/^apply \d+\/13$/);

  const waiting = await context.newPage();
  await openBuild(waiting, 'v1', 'broadcast', { lockTimeout: '90000' });
  await expect(events(waiting)).toContainText('waiting');
  await expect(events(waiting)).toContainText('newer 20260201000012_slow_step_12'); // the 'migrated' message
  expect(await expectReady(migrating)).toHaveLength(13);
  await expect(events(migrating)).not.toContainText('newer'); // v1 is older: no notice the other way

  await migrating.close();
  await expect(status(waiting)).toHaveText('failed DatabaseAheadError');
});

test('resetDatabase closes and deletes the database; it refuses while another tab has it open', async ({ context }) => {
  const page = await context.newPage();
  await openBuild(page, 'v2', 'reset');
  expect(await expectReady(page)).toEqual(V2);
  await query(page, `INSERT INTO items (label) VALUES ('to be deleted')`);
  const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n!.startsWith('/pglite/')));
  expect(await databases()).toEqual(['/pglite/reset']);

  const other = await context.newPage();
  await openBuild(other, 'v2', 'reset', { lockTimeout: '0' });
  await expect(status(other)).toHaveText('failed DatabaseLockedError');
  expect(await other.evaluate(() => (window as any).harness.reset(500))).toBe('DatabaseLockedError');

  expect(await page.evaluate(() => (window as any).harness.reset())).toBe('ok');
  expect(await databases()).toEqual([]);
  await page.reload();
  expect(await expectReady(page)).toEqual(V2); // a new, empty database, migrated from scratch
  expect(await query(page, 'SELECT label FROM items ORDER BY id')).toEqual([{ label: 'alpha' }, { label: 'beta' }]);
});

test('resetDatabase keeps the lock from the close to the deletion: a tab waiting behind it then boots a new database', async ({ context }) => {
  const page = await context.newPage();
  await openBuild(page, 'v2', 'reset-waiting');
  expect(await expectReady(page)).toEqual(V2);
  await query(page, `INSERT INTO items (label) VALUES ('to be deleted')`);

  const waiting = await context.newPage();
  await openBuild(waiting, 'v2', 'reset-waiting', { lockTimeout: '90000' });
  await expect(events(waiting)).toContainText('waiting');

  // Were the lock let go at the close, the waiting tab would open the database first and the reset would fail.
  expect(await page.evaluate(() => (window as any).harness.reset())).toBe('ok');
  expect(await expectReady(waiting)).toEqual(V2); // a new, empty database, migrated from scratch
  expect(await query(waiting, 'SELECT label FROM items ORDER BY id')).toEqual([{ label: 'alpha' }, { label: 'beta' }]);
});
