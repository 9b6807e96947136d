import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { drizzleKitProject, type DrizzleKitProject } from '../test/drizzle/drizzle-kit.js';
import { appliedIds, expectReady, query } from './helpers.js';

// drizzle-kit output in real Chromium: the installed drizzle-kit generates a folder from a
// schema, the pgboot Vite plugin bundles it as it is, the harness page boots it into IndexedDB;
// then the schema changes, drizzle-kit generates again, and a reload applies only the new migration.
const harnessConfig = fileURLToPath(new URL('./harness/vite.config.ts', import.meta.url));

async function columns(page: Page, table: string): Promise<string[]> {
  const rows = await query<{ column_name: string }>(
    page,
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

let project: DrizzleKitProject;
test.beforeEach(async () => {
  project = await drizzleKitProject();
  await project.generate('v1', { name: 'init' });
  // The harness config bundles the folder named here (read when Vite loads the config).
  process.env.PGBOOT_E2E_DIR = project.out;
});
test.afterEach(async () => {
  delete process.env.PGBOOT_E2E_DIR;
  await project.remove();
});

test('a production build applies drizzle-kit output unmodified, and the next build applies the regenerated schema on reload', async ({ page }) => {
  const outDir = await mkdtemp(join(tmpdir(), 'pgboot-e2e-drizzle-build-'));
  const bundle = () => build({ configFile: harnessConfig, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  let server: PreviewServer | undefined;
  try {
    await bundle();
    server = await preview({ configFile: harnessConfig, logLevel: 'error', build: { outDir }, preview: { port: 5181, strictPort: false } });
    const url = `${server.resolvedUrls!.local[0]}?db=drizzle-build`;

    await page.goto(url);
    expect(await expectReady(page)).toEqual(['0000_init']);
    expect(await columns(page, 'users')).toEqual(['id', 'name', 'email']);
    await query(page, `INSERT INTO users (name) VALUES ('ada')`);

    await project.generate('v2', { name: 'roles_and_comments' });
    await bundle();
    await page.reload();

    expect(await expectReady(page)).toEqual(['0001_roles_and_comments']);
    expect(await columns(page, 'users')).toEqual(['id', 'name', 'email', 'role']);
    expect(await query(page, `SELECT name, role FROM users`)).toEqual([{ name: 'ada', role: 'reader' }]);
    expect(await appliedIds(page)).toEqual(['0000_init', '0001_roles_and_comments']);

    await page.reload();
    expect(await expectReady(page)).toEqual([]);
  } finally {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
});

test('in dev, running drizzle-kit generate reloads the page and the new migration is applied', async ({ page }) => {
  let server: ViteDevServer | undefined;
  try {
    server = await createServer({ configFile: harnessConfig, logLevel: 'error', server: { port: 5182, strictPort: false } });
    await server.listen();
    await page.goto(`${server.resolvedUrls!.local[0]}?db=drizzle-dev`);
    expect(await expectReady(page)).toEqual(['0000_init']);
    await query(page, `INSERT INTO users (name) VALUES ('grace')`);

    // The plugin watches the folder: drizzle-kit's new files make the page reload by itself.
    await project.generate('v2', { name: 'roles_and_comments' });
    // drizzle-kit writes three files, so the page may reload more than once: wait for the database, not one load.
    await expect.poll(async () => appliedIds(page).catch(() => 'reloading'), { timeout: 60_000 }).toEqual(['0000_init', '0001_roles_and_comments']);

    await page.reload();
    expect(await expectReady(page)).toEqual([]);
    expect(await query(page, `SELECT name, role FROM users`)).toEqual([{ name: 'grace', role: 'reader' }]);
    expect(await query(page, `SELECT action, migration_id FROM _migrations_log ORDER BY seq`)).toEqual([
      { action: 'up', migration_id: '0000_init' },
      { action: 'up', migration_id: '0001_roles_and_comments' },
    ]);
  } finally {
    await server?.close();
  }
});
