import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// In your app: import pgboot from 'pgboot/vite'. Here Vite loads this file with Node, which would
// resolve 'pgboot/vite' to the package's dist/, absent in a fresh checkout: so the plugin's source.
import pgboot from '../../src/vite/index.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const library = (path: string) => here(`../../src/${path}`);

// The notes example (index.html, src/), booting the migrations in migrations/.
// `npm run dev` at the repository's root runs `vite examples/notes`.
export default defineConfig({
  // Set here too, so that the config works from any working directory (the e2e specs and benches load it).
  root: here('.'),
  // image: the production build ships the migrated database, so a new user's first boot skips initdb (docs/first-boot-image.md).
  plugins: [pgboot({ dir: 'migrations', image: true })],
  // PGlite loads its own wasm and data files; Vite's dependency pre-bundling would break that.
  // drizzle is named because the page imports it on demand (src/main.ts): found only when first
  // requested, it would make Vite re-bundle its dependencies and fail that first import.
  optimizeDeps: { exclude: ['@electric-sql/pglite'], include: ['drizzle-orm', 'drizzle-orm/pglite'] },
  // Its own pre-bundle cache: by default every Vite server in this repository (the e2e pages'
  // too) shares node_modules/.vite, and one server's re-bundling deletes what another serves.
  // Kept in the root's node_modules: a node_modules folder in examples/notes would make npm take
  // it for a project, and `npx pgboot` run there would look for pgboot in the registry.
  cacheDir: here('../../node_modules/.vite-notes'),
  resolve: {
    // Inside this repository, the package's entry points are its sources (no build step needed);
    // in your app, delete this: 'pgboot/browser' and the others come from node_modules.
    alias: [
      { find: /^pgboot$/, replacement: library('core/index.ts') },
      { find: /^pgboot\/(browser|worker|node|vite|devtools|testing)$/, replacement: library('$1/index.ts') },
    ],
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Quiet about what is expected here: PGlite's Emscripten code uses eval (never reached in a browser),
    // and pgboot's plugin spends a few seconds building the first-boot image with PGlite in Node.
    rolldownOptions: { checks: { eval: false, pluginTimings: false } },
  },
  worker: { rolldownOptions: { checks: { eval: false, pluginTimings: false } } },
});
