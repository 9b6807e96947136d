import { defineConfig } from '@playwright/test';
import { DEV_MIGRATIONS_DIR } from './e2e/harness/paths.js';

// Real Chromium (Debian's; Playwright's own download does not work here), real IndexedDB.
// Three servers, all started by Playwright:
//   5173  the demo app (vite dev)                                   -> e2e/demo.spec.ts
//   5175  the harness built once per fixture set, one origin        -> e2e/boot.spec.ts, e2e/tabs.spec.ts
//   5176  the harness in dev, on a folder the tests edit (HMR)      -> e2e/dev-reload.spec.ts

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
    { command: 'npx vite --port 5173 --strictPort', url: 'http://localhost:5173/', reuseExistingServer: !process.env.CI, timeout: 120_000 },
    { command: 'node e2e/harness/serve.mjs 5175', url: 'http://localhost:5175/v1/', reuseExistingServer: !process.env.CI, timeout: 180_000 },
    {
      command: 'npx vite --config e2e/harness/vite.config.ts --port 5176 --strictPort',
      url: 'http://localhost:5176/',
      env: { PGBOOT_E2E_DIR: DEV_MIGRATIONS_DIR },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});
