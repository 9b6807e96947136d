import { expect, test, type Page } from '@playwright/test';
import { appliedIds, expectReady, openBuild, query } from './helpers.js';

// Worker mode (the harness with ?mode=worker): every tab starts a worker; PGlite's election
// makes one the leader, which opens and migrates the database and serves every tab.
const V1 = ['20260101000001_create_items', '20260101000002_seed_items'];
const V2 = [...V1, '20260101000003_add_item_rank'];
const WORKER = { mode: 'worker' };
const status = (page: Page) => page.getByTestId('status');
const events = (page: Page) => page.getByTestId('events');
const upCounts = (page: Page) =>
  query<{ id: string; n: number }>(page, `SELECT migration_id AS id, count(*)::int AS n FROM _migrations_log WHERE action = 'up' GROUP BY 1 ORDER BY 1`);

test('three tabs booting at once: one run of the migrations, every tab ready, a write in one read by the others', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((tab) => openBuild(tab, 'v2', 'three', WORKER)));
  for (const tab of tabs) await expectReady(tab);

  expect(await appliedIds(tabs[0]!)).toEqual(V2);
  expect(await upCounts(tabs[1]!)).toEqual(V2.map((id) => ({ id, n: 1 }))); // each applied exactly once
  expect((await Promise.all(tabs.map((tab) => tab.evaluate(() => (window as any).harness.isLeader)))).filter(Boolean)).toHaveLength(1);

  await query(tabs[0]!, `INSERT INTO items (label, rank) VALUES ('from tab 0', 7)`);
  await query(tabs[2]!, `INSERT INTO items (label, rank) VALUES ('from tab 2', 9)`);
  for (const tab of tabs) {
    expect(await query(tab, `SELECT label, rank FROM items WHERE rank < 10 ORDER BY rank`)).toEqual([
      { label: 'from tab 0', rank: 7 },
      { label: 'from tab 2', rank: 9 },
    ]);
  }
});

test('a failed boot reaches every tab as the same typed error', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([openBuild(a, 'broken', 'broken-worker', WORKER), openBuild(b, 'broken', 'broken-worker', WORKER)]);
  await expect(status(a)).toHaveText('failed MigrationError');
  await expect(status(b)).toHaveText('failed MigrationError');
  for (const tab of [a, b]) await expect(tab.getByTestId('error-message')).toContainText('20260101000004_add_label_unique.sql');
});

test('the leader tab closed at 10 moments of a 200-migration batch: another tab finishes, each migration applied once', async ({ context }) => {
  test.setTimeout(600_000);
  for (const moment of [1, 20, 45, 70, 95, 120, 145, 170, 199, 200]) {
    const db = `kill-${moment}`;
    const leader = await context.newPage();
    await openBuild(leader, 'many', db, WORKER);
    await expect(leader.getByTestId('progress')).toHaveText(/^apply \d+\/200$/);
    const follower = await context.newPage();
    await openBuild(follower, 'many', db, WORKER);
    // Close the leader's tab (and so its worker) when its batch reaches `moment` (200: while flushing).
    await expect
      .poll(
        async () => {
          const [phase, progress] = ((await leader.getByTestId('progress').textContent()) ?? '').split(' ');
          const [index] = (progress ?? '').split('/');
          return phase === 'persist' || phase === 'done' || Number(index) >= moment;
        },
        { intervals: [10] },
      )
      .toBe(true);
    await leader.close();

    await expectReady(follower);
    const counts = await query<{ ids: number; ups: number; once: boolean }>(
      follower,
      `SELECT count(*)::int AS ids, sum(n)::int AS ups, bool_and(n = 1) AS once
         FROM (SELECT migration_id, count(*) AS n FROM _migrations_log WHERE action = 'up' GROUP BY 1) per_id`,
    );
    expect(counts, `leader closed at ${moment}`).toEqual([{ ids: 200, ups: 200, once: true }]);
    expect(await query(follower, `SELECT count(*)::int AS n FROM _migrations`)).toEqual([{ n: 200 }]);
    expect(await query(follower, `SELECT note FROM step_200`)).toEqual([{ note: 'step 200' }]);

    // And the database opens afterwards, with nothing left to run.
    await follower.reload();
    expect(await expectReady(follower)).toEqual([]);
    await follower.close();
  }
});

test('an older build next to a newer one: the newer migrates, the older is told and its queries are refused', async ({ context }) => {
  const older = await context.newPage();
  await openBuild(older, 'v1', 'builds', WORKER);
  expect(await expectReady(older)).toEqual(V1);
  await query(older, `INSERT INTO items (label) VALUES ('written by v1')`);

  const newer = await context.newPage();
  await openBuild(newer, 'v2', 'builds', WORKER);
  expect(await expectReady(newer)).toEqual(['20260101000003_add_item_rank']);
  await expect(events(older)).toContainText('newer 20260101000003_add_item_rank');
  expect(await older.evaluate(() => (window as any).harness.queryError('SELECT 1'))).toBe('NewerVersionError');

  expect(await query(newer, `SELECT label, rank FROM items ORDER BY id`)).toEqual([
    { label: 'alpha', rank: 10 },
    { label: 'beta', rank: 20 },
    { label: 'written by v1', rank: 30 },
  ]);
  // A tab of the older build opened now learns it at once: its boot fails with DatabaseAheadError.
  const late = await context.newPage();
  await openBuild(late, 'v1', 'builds', WORKER);
  await expect(status(late)).toHaveText('failed DatabaseAheadError');
  expect(await query(newer, `SELECT count(*)::int AS n FROM items`)).toEqual([{ n: 3 }]);
});

test('reset from one tab deletes the database and reloads every tab', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openBuild(a, 'v2', 'reset-worker', WORKER);
  await expectReady(a);
  await openBuild(b, 'v2', 'reset-worker', WORKER);
  await expectReady(b);
  await query(b, `INSERT INTO items (label) VALUES ('gone after reset')`);

  const reloads = [a.waitForEvent('load'), b.waitForEvent('load')];
  expect(await b.evaluate(() => (window as any).harness.reset())).toBe('ok');
  await Promise.all(reloads);
  for (const tab of [a, b]) await expectReady(tab);
  expect(await query(a, `SELECT label FROM items ORDER BY id`)).toEqual([{ label: 'alpha' }, { label: 'beta' }]);
  expect(await upCounts(b)).toEqual(V2.map((id) => ({ id, n: 1 })));
});

test('OPFS (opfs-ahp://) in worker mode: boot, write, and the data is there after a reload', async ({ page }) => {
  const opfs = { ...WORKER, dataDir: 'opfs-ahp://pgboot-e2e-opfs' };
  await openBuild(page, 'v2', 'opfs', opfs);
  expect(await expectReady(page)).toEqual(V2);
  await query(page, `INSERT INTO items (label) VALUES ('kept in OPFS')`);
  await page.reload();
  expect(await expectReady(page)).toEqual([]);
  expect(await query(page, `SELECT label FROM items ORDER BY id`)).toEqual([{ label: 'alpha' }, { label: 'beta' }, { label: 'kept in OPFS' }]);
  // Nothing of it went to IndexedDB.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.includes('opfs')))).toEqual([]);
});

test('OPFS with 200 migrations that create 200 tables: the cold boot finishes', async ({ page }) => {
  await openBuild(page, 'many', 'opfs-many', { ...WORKER, dataDir: 'opfs-ahp://pgboot-e2e-opfs-many' });
  expect(await expectReady(page)).toHaveLength(200);
  expect(await query(page, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'step_%'`)).toEqual([{ n: 200 }]);
});

test('a query in flight when the leader tab closes settles (LeaderChangedError), and the next query runs on the new leader', async ({ context }) => {
  const leader = await context.newPage();
  await openBuild(leader, 'v2', 'inflight', WORKER);
  await expectReady(leader);
  const other = await context.newPage();
  await openBuild(other, 'v2', 'inflight', WORKER);
  await expectReady(other);

  await other.evaluate(() => ((window as any).inflight = (window as any).harness.queryError('SELECT pg_sleep(2)')));
  await leader.close();
  expect(['ok', 'LeaderChangedError']).toContain(await other.evaluate(() => (window as any).inflight));
  // Until the new leader serves, a query may reject with LeaderChangedError too; none hangs, and then they run.
  const outcomes: string[] = [];
  await expect
    .poll(async () => {
      outcomes.push(await other.evaluate(() => (window as any).harness.queryError('SELECT count(*) FROM items')));
      return outcomes.at(-1);
    })
    .toBe('ok');
  expect(outcomes.filter((outcome) => outcome !== 'ok' && outcome !== 'LeaderChangedError')).toEqual([]);
  expect(await query(other, `SELECT count(*)::int AS n FROM items`)).toEqual([{ n: 2 }]);
  expect(await other.evaluate(() => (window as any).harness.isLeader)).toBe(true);
});

test('a worker script that fails to load: the boot rejects with DatabaseWorkerError instead of waiting forever', async ({ page }) => {
  await openBuild(page, 'v2', 'no-worker', { ...WORKER, worker: 'missing' });
  await expect(status(page)).toHaveText('failed DatabaseWorkerError');
});

test('a write from any tab is in IndexedDB when it returns: autocommit and transaction, tabs closed at once', async ({ context }) => {
  const leader = await context.newPage();
  await openBuild(leader, 'v2', 'durable', WORKER);
  await expectReady(leader);
  const other = await context.newPage();
  await openBuild(other, 'v2', 'durable', WORKER);
  await expectReady(other);

  await query(other, `INSERT INTO items (label) VALUES ('autocommit from a follower')`);
  await other.evaluate(() =>
    (window as any).harness.boot.db.transaction(async (tx: any) => {
      await tx.query(`INSERT INTO items (label) VALUES ('transaction from a follower')`);
      await tx.query(`UPDATE items SET rank = 99 WHERE label = 'alpha'`);
    }),
  );
  await query(leader, `INSERT INTO items (label) VALUES ('autocommit from the leader')`);
  // No goodbye: both tabs (and the leader's worker with its PGlite) end now.
  await Promise.all([leader.close(), other.close()]);

  const again = await context.newPage();
  await openBuild(again, 'v2', 'durable', WORKER);
  expect(await expectReady(again)).toEqual([]);
  expect(await query(again, `SELECT label, rank FROM items ORDER BY id`)).toEqual([
    { label: 'alpha', rank: 99 },
    { label: 'beta', rank: 20 },
    { label: 'autocommit from a follower', rank: null },
    { label: 'transaction from a follower', rank: null },
    { label: 'autocommit from the leader', rank: null },
  ]);
});
