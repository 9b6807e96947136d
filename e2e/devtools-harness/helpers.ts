import { expect, type Page } from '@playwright/test';
import { DEMO_URL, PAGES_URL } from '../ports.js';

// Shared by the dev panel's specs (e2e/devtools*.spec.ts). Both pages are served by Vite dev
// servers (playwright.config.ts, e2e/ports.ts): the notes example, and this harness from e2e/, so
// the panel is the dev build.
export const DEMO = `${DEMO_URL}/`;
export const HARNESS = `${PAGES_URL}/devtools-harness/index.html`;

export const panel = (page: Page) => page.getByRole('dialog', { name: /^pgboot/ });
export const toggle = (page: Page) => page.getByRole('button', { name: /^pgboot devtools/ });
export const statusLine = (page: Page) => panel(page).getByRole('status');

/** Opens the demo app and waits until it booted and the panel's button is there. */
export async function openDemo(page: Page) {
  await page.goto(DEMO);
  await expect(page.getByTestId('boot-status')).toContainText('Database ready');
  await expect(toggle(page)).toBeVisible();
}

/** Opens the panel's harness with a migration set (see e2e/devtools-harness/main.ts). */
export async function openHarness(page: Page, query: Record<string, string>) {
  await page.goto(`${HARNESS}?${new URLSearchParams(query)}`);
  await expect(page.getByTestId('status')).toHaveText(/^ready/);
  await expect(toggle(page)).toBeVisible();
}

export async function openPanel(page: Page) {
  if (!(await panel(page).isVisible())) await toggle(page).click();
  await expect(panel(page)).toBeVisible();
}

/** Runs SQL on the page's own PGlite (the demo's `pgbootDemo.db` or the harness's `harness.db`). */
export async function rows<T = Record<string, unknown>>(page: Page, sql: string): Promise<T[]> {
  return page.evaluate(async (sql) => {
    const db = (window as any).pgbootDemo?.db ?? (window as any).harness.db;
    return (await db.query(sql)).rows;
  }, sql) as Promise<T[]>;
}

export const appliedIds = async (page: Page) => (await rows<{ id: string }>(page, 'SELECT id FROM _migrations ORDER BY id')).map((r) => r.id);

/** The history as `action migration_id` lines, oldest first. */
export const log = async (page: Page) =>
  (await rows<{ action: string; migration_id: string | null }>(page, 'SELECT action, migration_id FROM _migrations_log ORDER BY seq')).map((r) =>
    `${r.action} ${r.migration_id ?? ''}`.trim(),
  );

/** Clicks a button of the panel's in-panel confirmation. */
export async function answer(page: Page, button: string) {
  const dialog = panel(page).getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Keys stored in the snapshots' IndexedDB database. */
export function storedSnapshotKeys(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pgboot-snapshots');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('snapshots').objectStore('snapshots').count();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
  );
}
