import { expect, type Page } from '@playwright/test';
import { BUILT_URL, DEV_URL } from './ports.js';

/** The built harness (one build per fixture set, same origin) and the dev harness. */
export const BUILT = BUILT_URL;
export const DEV = DEV_URL;

/** Opens a build of the harness (`set` = a folder of e2e/fixtures) on database `db`. */
export async function openBuild(page: Page, set: string, db: string, query: Record<string, string> = {}) {
  await page.goto(`${BUILT}/${set}/?${new URLSearchParams({ db, ...query })}`);
}

/** Waits until the harness booted, and returns the ids it applied on this load. */
export async function expectReady(page: Page): Promise<string[]> {
  const status = page.getByTestId('status');
  await expect(status).toHaveText(/^ready applied=\[.*\]$/);
  const text = (await status.textContent())!;
  const list = text.slice(text.indexOf('[') + 1, -1);
  return list ? list.split(',') : [];
}

/** Runs a query on the page's booted database (real PGlite, real IndexedDB) and returns its rows. */
export async function query<T = Record<string, unknown>>(page: Page, sql: string, params: unknown[] = []): Promise<T[]> {
  return page.evaluate(([sql, params]) => (window as any).harness.query(sql, params), [sql, params] as const) as Promise<T[]>;
}

/** Ids in `_migrations`, in order. */
export async function appliedIds(page: Page): Promise<string[]> {
  return (await query<{ id: string }>(page, 'SELECT id FROM _migrations ORDER BY id')).map((r) => r.id);
}
