import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_URL } from './ports.js';

// The notes example (examples/notes) in vite dev (e2e/ports.ts): pgboot/vite bundles its migrations/, pgboot/browser boots
// them into IndexedDB, drizzle-orm queries. Each test starts with an empty browser profile.
const DEMO = `${DEMO_URL}/`;
const bundled = readdirSync(new URL('../examples/notes/migrations/', import.meta.url)).filter((f) => /^\d{14}_[a-z0-9_]+\.(sql|ts)$/.test(f)).length;

async function dbRows<T>(page: Page, sql: string): Promise<T[]> {
  return page.evaluate(async (sql) => (await (window as any).pgbootDemo.db.query(sql)).rows, sql);
}

test('first load applies every migration, reload applies none, and the notes are still there', async ({ page }) => {
  await page.goto(DEMO);
  await expect(page.getByTestId('boot-status')).toHaveText(
    new RegExp(`^Database ready: ${bundled} migrations, ${bundled} applied on this load, boot \\d+\\.\\d\\d s$`),
  );
  const applied = await dbRows<{ id: string }>(page, 'SELECT id FROM _migrations ORDER BY version, name');
  expect(applied).toHaveLength(bundled);
  expect(applied[0]).toEqual({ id: '20260105090000_create_notes' });
  // The TS data migration seeded the welcome note; the later one normalized its tag.
  await expect(page.getByTestId('note-title')).toHaveText(['Welcome to pgboot notes']);
  await expect(page.getByTestId('note-tags')).toHaveText(['#welcome']);

  // Click through: add two notes with tags, filter, edit one, pin it, delete the welcome note.
  await page.getByLabel('Title', { exact: true }).fill('Groceries');
  await page.getByLabel('Body', { exact: true }).fill('milk, eggs');
  await page.getByLabel('Tags', { exact: true }).fill('Home, #errands');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('note-title')).toHaveText(['Groceries', 'Welcome to pgboot notes']);
  await page.getByLabel('Title', { exact: true }).fill('Call <b>Ana</b>');
  await page.getByLabel('Tags', { exact: true }).fill('home');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('note-title')).toHaveText(['Call <b>Ana</b>', 'Groceries', 'Welcome to pgboot notes']);
  await page.getByRole('button', { name: '#errands (1)' }).click();
  await expect(page.getByTestId('note-title')).toHaveText(['Groceries']);
  await page.getByRole('button', { name: 'All' }).click();
  await expect(page.getByTestId('note-title')).toHaveCount(3);

  const groceries = page.getByTestId('note').filter({ hasText: 'Groceries' });
  await groceries.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit title').fill('Groceries for Sunday');
  await page.getByLabel('Edit tags').fill('home, errands, weekend');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('note').filter({ hasText: 'Groceries for Sunday' }).getByRole('button', { name: 'Pin' }).click();
  await page.getByTestId('note').filter({ hasText: 'Welcome' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('note-title')).toHaveText(['📌 Groceries for Sunday', 'Call <b>Ana</b>']);

  await page.reload();
  await expect(page.getByTestId('boot-status')).toHaveText(new RegExp(`^Database ready: ${bundled} migrations, 0 applied on this load`));
  await expect(page.getByTestId('note-title')).toHaveText(['📌 Groceries for Sunday', 'Call <b>Ana</b>']);
  await expect(page.getByTestId('note-tags')).toHaveText(['#errands #home #weekend', '#home']);
  expect(await dbRows(page, 'SELECT name FROM tags ORDER BY name')).toEqual([{ name: 'errands' }, { name: 'home' }, { name: 'weekend' }, { name: 'welcome' }]);
  expect(await dbRows(page, `SELECT count(*)::int AS n FROM _migrations_log WHERE action = 'up'`)).toEqual([{ n: bundled }]);
});
