import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEV_MIGRATIONS_DIR } from './harness/paths.js';
import { appliedIds, DEV, expectReady, query } from './helpers.js';

// The everyday loop of a developer, with the dev server running: `pgboot create`, write the
// file, save, edit it again. The page reloads by itself each time and ends with the new
// schema, without an error screen and without a manual step (onDrift: 'redo' in development).
const fixtures = (set: string) => fileURLToPath(new URL(`./fixtures/${set}/`, import.meta.url));
const bin = fileURLToPath(new URL('../bin/pgboot.js', import.meta.url));

test.beforeEach(() => {
  mkdirSync(DEV_MIGRATIONS_DIR, { recursive: true });
  for (const file of readdirSync(DEV_MIGRATIONS_DIR)) rmSync(join(DEV_MIGRATIONS_DIR, file), { recursive: true, force: true });
  for (const file of readdirSync(fixtures('v1'))) copyFileSync(join(fixtures('v1'), file), join(DEV_MIGRATIONS_DIR, file));
});

test('create, then write, then edit a migration: the page gets the new schema each time, with no error', async ({ page }) => {
  await page.goto(`${DEV}/?db=dev-loop`);
  expect(await expectReady(page)).toEqual(['20260101000001_create_items', '20260101000002_seed_items']);
  const status = page.getByTestId('status');
  const events = page.getByTestId('events');

  // `pgboot create`: the page reloads; the empty template is not applied, and the boot says so.
  const created = execFileSync(process.execPath, [bin, 'create', 'add_gadgets', '--dir', DEV_MIGRATIONS_DIR], { encoding: 'utf8' });
  const file = readdirSync(DEV_MIGRATIONS_DIR).find((f) => f.endsWith('_add_gadgets.sql'))!;
  const id = file.replace(/\.sql$/, '');
  expect(created).toContain(file);
  await expect(events).toContainText(`warning ${file}: has no statements yet (only comments), so it is not applied`);
  await expect(status).toHaveText('ready applied=[]');
  expect(await appliedIds(page)).toEqual(['20260101000001_create_items', '20260101000002_seed_items']);

  // Written and saved: applied.
  const template = readFileSync(join(DEV_MIGRATIONS_DIR, file), 'utf8');
  const write = (up: string, down: string) =>
    writeFileSync(
      join(DEV_MIGRATIONS_DIR, file),
      template.replace('-- migrate:up\n', `-- migrate:up\n${up}\n`).replace(/-- migrate:down\n.*\n/, `-- migrate:down\n${down}\n`),
    );
  write('CREATE TABLE gadgets (id integer PRIMARY KEY);', 'DROP TABLE gadgets;');
  await expect(status).toHaveText(`ready applied=[${id}]`);
  expect(await query(page, `SELECT count(*)::int AS n FROM gadgets`)).toEqual([{ n: 0 }]);

  // Edited again after it ran: in development it is re-run (its down as applied, then the new up), with a notice.
  write('CREATE TABLE gadgets (id integer PRIMARY KEY, name text NOT NULL);', 'DROP TABLE gadgets;');
  await expect(events).toContainText(`warning ${file}: changed since it was applied; re-ran it (onDrift: 'redo')`);
  await expect(status).toHaveText(`ready applied=[${id}]`);
  await expect(page.getByTestId('boot-error')).toHaveCount(0);
  expect(await query(page, `SELECT column_name FROM information_schema.columns WHERE table_name = 'gadgets' ORDER BY ordinal_position`)).toEqual([
    { column_name: 'id' },
    { column_name: 'name' },
  ]);
  expect(await appliedIds(page)).toEqual(['20260101000001_create_items', '20260101000002_seed_items', id]);
});

test('worker mode, two tabs: create, write, edit; both tabs reload onto the new schema, with no error', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    await tab.goto(`${DEV}/?db=dev-loop-worker&mode=worker`);
    await expectReady(tab);
  }
  const base = ['20260101000001_create_items', '20260101000002_seed_items'];
  expect(await appliedIds(tabs[1]!)).toEqual(base);

  const created = execFileSync(process.execPath, [bin, 'create', 'add_gadgets', '--dir', DEV_MIGRATIONS_DIR], { encoding: 'utf8' });
  const file = readdirSync(DEV_MIGRATIONS_DIR).find((f) => f.endsWith('_add_gadgets.sql'))!;
  const id = file.replace(/\.sql$/, '');
  expect(created).toContain(file);
  // The empty template waits: every tab boots again, nothing applied.
  for (const tab of tabs) await expect(tab.getByTestId('status')).toHaveText('ready applied=[]');
  expect(await appliedIds(tabs[0]!)).toEqual(base);

  const template = readFileSync(join(DEV_MIGRATIONS_DIR, file), 'utf8');
  const write = (up: string) =>
    writeFileSync(
      join(DEV_MIGRATIONS_DIR, file),
      template.replace('-- migrate:up\n', `-- migrate:up\n${up}\n`).replace(/-- migrate:down\n.*\n/, `-- migrate:down\nDROP TABLE gadgets;\n`),
    );
  write('CREATE TABLE gadgets (id integer PRIMARY KEY);');
  await expect.poll(() => appliedIds(tabs[1]!).catch(() => [])).toEqual([...base, id]);

  write('CREATE TABLE gadgets (id integer PRIMARY KEY, name text NOT NULL);');
  const columns = `SELECT column_name FROM information_schema.columns WHERE table_name = 'gadgets' ORDER BY ordinal_position`;
  for (const tab of tabs) {
    await expect.poll(() => query(tab, columns).catch(() => [])).toEqual([{ column_name: 'id' }, { column_name: 'name' }]);
    await expect(tab.getByTestId('boot-error')).toHaveCount(0);
  }
  expect(await appliedIds(tabs[0]!)).toEqual([...base, id]);
});
