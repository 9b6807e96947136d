import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pgboot from './src/vite/index.js';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// The demo app (index.html, src/demo/), booting the migrations in migrations/.
export default defineConfig({
  // image: the production build ships the migrated database, so a new user's first boot skips initdb (docs/first-boot-image.md).
  plugins: [pgboot({ dir: 'migrations', image: true })],
  // PGlite loads its own wasm and data files; Vite's dependency pre-bundling would break that.
  // drizzle is named because the page imports it on demand (main.ts): found only when first
  // requested, it would make Vite re-bundle its dependencies and fail that first import.
  optimizeDeps: { exclude: ['@electric-sql/pglite'], include: ['drizzle-orm', 'drizzle-orm/pglite'] },
  resolve: {
    // Inside this repository, the package's entry points are its sources.
    alias: [
      { find: /^pgboot$/, replacement: src('core/index.ts') },
      { find: /^pgboot\/(browser|worker|node|vite|devtools|testing)$/, replacement: src('$1/index.ts') },
    ],
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  // dist/ itself holds the library (tsc); the demo's production build goes beside it.
  build: { target: 'es2022', outDir: 'dist/demo', emptyOutDir: true },
});
