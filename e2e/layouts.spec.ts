import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';

// Each foreign layout fixture (test/fixtures/<layout>, 20+ migrations with extensions, enums,
// triggers, functions and data migrations), bundled by the pgboot Vite plugin into a production
// build, booted in real Chromium into IndexedDB with no extension configured by hand, reopened,
// rolled back fully where the layout has downs, and applied again.
const harnessConfig = fileURLToPath(new URL('./layouts-harness/vite.config.ts', import.meta.url));
const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

async function ready(page: Page): Promise<string> {
  const status = page.getByTestId('status');
  await expect(status).toHaveText(/^(ready|failed)/);
  return (await status.textContent())!;
}

const call = <T>(page: Page, method: string, arg?: string): Promise<T> =>
  page.evaluate(([method, arg]) => (window as any).layouts[method!](arg), [method, arg] as const) as Promise<T>;

// Bookkeeping left out: pgboot's tables, and diesel's, which pgboot keeps as diesel does (empty after a full rollback).
const USER_TABLES = `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_migrations%' AND tablename <> '__diesel_schema_migrations' ORDER BY 1`;

for (const [layout, count, downs] of [
  ['golang-migrate', 23, true],
  ['diesel', 24, true],
  ['prisma', 25, false],
  ['dbmate', 23, true],
] as const) {
  test(`${layout}: a production build boots the folder into IndexedDB, with its extensions, reopens it${downs ? ', rolls it back fully and applies it again' : ''}`, async ({
    page,
  }) => {
    process.env.PGBOOT_LAYOUTS_DIR = join(fixtures, layout);
    const outDir = await mkdtemp(join(tmpdir(), `pgboot-e2e-layouts-${layout}-`));
    let server: PreviewServer | undefined;
    try {
      await build({ configFile: harnessConfig, logLevel: 'error', build: { outDir } });
      server = await preview({ configFile: harnessConfig, logLevel: 'error', build: { outDir }, preview: { port: 5182, strictPort: false } });
      const url = `${server.resolvedUrls!.local[0]}?db=layouts-${layout}-${Date.now()}`;

      await page.goto(url);
      expect(await ready(page)).toBe(`ready applied=${count} of ${count}`);
      expect(await page.evaluate(() => (window as any).layouts.bundledExtensions)).toEqual(['citext', 'hstore', 'pg_trgm', 'uuid_ossp']);
      const extensions = await call<{ extname: string }[]>(page, 'query', `SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`);
      expect(extensions.map((e) => e.extname)).toEqual(['citext', 'hstore', 'pg_trgm', 'uuid-ossp']);
      expect(await call(page, 'query', `SELECT count(*)::int AS n FROM users WHERE email = 'ADA@EXAMPLE.COM'`)).toEqual([{ n: 1 }]);
      expect(await call(page, 'query', `SELECT status::text, count(*)::int AS n FROM tasks GROUP BY 1 ORDER BY 1`)).toEqual([
        { status: 'blocked', n: 2 },
        { status: 'doing', n: 2 },
        { status: 'done', n: 2 },
      ]);

      // Reopening needs the extensions again (a database that uses one cannot open without it).
      await page.reload();
      expect(await ready(page)).toBe(`ready applied=0 of ${count}`);
      expect(await call(page, 'query', `SELECT similarity('compiler', 'compilers') > 0.5 AS close`)).toEqual([{ close: true }]);

      if (downs) {
        const reverted = await call<string[]>(page, 'rollbackAll');
        expect(reverted).toHaveLength(count);
        expect(await call(page, 'query', USER_TABLES)).toEqual([]);
        expect(await call(page, 'query', `SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'`)).toEqual([]);
        expect(await call<string[]>(page, 'migrateAll')).toEqual([...reverted].reverse());
        await page.reload();
        expect(await ready(page)).toBe(`ready applied=0 of ${count}`);
        expect(await call(page, 'query', `SELECT count(*)::int AS n FROM tasks`)).toEqual([{ n: 6 }]);
      }
    } finally {
      delete process.env.PGBOOT_LAYOUTS_DIR;
      await server?.close();
      await rm(outDir, { recursive: true, force: true });
    }
  });
}
