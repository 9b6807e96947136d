import { defineConfig } from '@playwright/test';
import { DEV_MIGRATIONS_DIR } from './e2e/harness/paths.js';
import { BUILT_PORT, BUILT_URL, DEMO_PORT, DEMO_URL, DEV_PORT, DEV_URL, PAGES_PORT, PAGES_URL } from './e2e/ports.js';

// Real Chromium (Debian's; Playwright's own download does not work here), real IndexedDB.
// Four servers, always started afresh by Playwright on ports of their own (e2e/ports.ts):
//   the notes example, examples/notes (vite dev)        -> demo*, dev-loop, devtools*, drizzle-demo specs
//   the panel's and storage pages (vite dev)            -> devtools*, storage-errors specs
//   the harness built once per fixture set, one origin  -> boot, tabs, layouts specs
//   the harness in dev, on a folder the tests edit      -> dev-reload spec

export default defineConfig({
  testDir: 'e2e',
  // Each test opens PGlite on IndexedDB several times (seconds each on 2 shared cores).
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    // Off: other runs sharing this tree clean test-results/ while a trace is being written.
    trace: 'off',
  },
  webServer: [
    { command: `npx vite examples/notes --port ${DEMO_PORT} --strictPort`, url: `${DEMO_URL}/`, reuseExistingServer: false, timeout: 120_000 },
    {
      command: `npx vite --config e2e/pages.vite.config.ts --port ${PAGES_PORT} --strictPort`,
      url: `${PAGES_URL}/devtools-harness/index.html`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    { command: `node e2e/harness/serve.mjs ${BUILT_PORT}`, url: `${BUILT_URL}/v1/`, reuseExistingServer: false, timeout: 180_000 },
    {
      command: `npx vite --config e2e/harness/vite.config.ts --port ${DEV_PORT} --strictPort`,
      url: `${DEV_URL}/`,
      env: { PGBOOT_E2E_DIR: DEV_MIGRATIONS_DIR },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
