import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pgboot from '../../src/vite/index.js';

// The e2e harness page, bundled with one migration set:
//   PGBOOT_E2E_SET=v2      bundles e2e/fixtures/v2, served under /v2/ (built into OUT/v2)
//   PGBOOT_E2E_DIR=/tmp/x  bundles that folder instead (dev server whose folder the tests edit)
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const set = process.env.PGBOOT_E2E_SET ?? 'v1';
const dir = process.env.PGBOOT_E2E_DIR ?? process.env.PGBOOT_E2E_SET_DIR ?? here(`../fixtures/${set}`);
// The dev folder may start empty: the tests write migrations into it while the server runs.
if (process.env.PGBOOT_E2E_DIR) mkdirSync(dir, { recursive: true });
const outRoot = here('../../node_modules/.cache/pgboot-e2e/sets');

export default defineConfig({
  root: here('.'),
  base: process.env.PGBOOT_E2E_DIR ? '/' : `/${set}/`,
  // v1 and v2 also build a first-boot image (used with ?image=1, e2e/first-boot-image.spec.ts).
  plugins: [pgboot({ dir, image: set === 'v1' || set === 'v2' })],
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  // The notes example's error screen (main.ts shows it) imports 'pgboot', as an app does: here, the sources.
  resolve: { alias: [{ find: /^pgboot$/, replacement: here('../../src/core/index.ts') }] },
  server: { fs: { allow: [here('../..'), dir] } },
  build: { outDir: `${outRoot}/${set}`, emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
