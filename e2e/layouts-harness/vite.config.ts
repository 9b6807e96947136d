import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pgboot from '../../src/vite/index.js';

// The layouts harness, bundled with the folder named by PGBOOT_LAYOUTS_DIR (a test/fixtures/<layout> folder).
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const dir = process.env.PGBOOT_LAYOUTS_DIR ?? here('../../test/fixtures/dbmate');

export default defineConfig({
  root: here('.'),
  plugins: [pgboot({ dir })],
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  server: { fs: { allow: [here('../..'), dir] } },
  build: { target: 'es2022', emptyOutDir: true },
  logLevel: 'warn',
});
