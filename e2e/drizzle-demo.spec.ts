import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO_URL } from './ports.js';

// The notes example (vite dev, see playwright.config.ts) boots examples/notes/migrations/, where
// drizzle-kit's output (from examples/notes/src/schema.ts) sits next to the hand-written migrations.
const journal = JSON.parse(await readFile(new URL('../examples/notes/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: { tag: string }[];
};
const drizzleIds = journal.entries.map((e) => e.tag);

test("the demo applies drizzle-kit's migrations after the hand-written ones, in IndexedDB, once", async ({ page }) => {
  const appliedIds = () =>
    page.evaluate(async () => {
      const { db } = (window as any).pgbootDemo;
      return (await db.query('SELECT id FROM _migrations ORDER BY version, name')).rows.map((r: { id: string }) => r.id);
    });

  await page.goto(`${DEMO_URL}/`);
  await expect(page.getByTestId('boot-status')).toHaveText(/^Database ready: \d+ migrations, \d+ applied on this load/);
  const ids: string[] = await appliedIds();
  expect(ids.slice(-drizzleIds.length)).toEqual(drizzleIds);
  expect(ids.length).toBeGreaterThan(drizzleIds.length + 4);
  const archived = await page.evaluate(async () => {
    const { db } = (window as any).pgbootDemo;
    return (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'notes' AND column_name = 'archived_at'`)).rows;
  });
  expect(archived).toEqual([{ column_name: 'archived_at' }]);
  await expect(page.getByTestId('note-title').first()).toHaveText(/Welcome to pgboot notes/);

  await page.reload();
  await expect(page.getByTestId('boot-status')).toHaveText(new RegExp(`^Database ready: ${ids.length} migrations, 0 applied on this load`));
  expect(await appliedIds()).toEqual(ids);
});
