import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Vite dev for the pages the dev panel's and storage specs open (e2e/devtools-harness,
// e2e/storage-harness): they bring their own migration sets, so no plugin. Served from e2e/,
// e.g. PAGES_URL/devtools-harness/index.html (e2e/ports.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // PGlite loads its own wasm and data files; Vite's dependency pre-bundling would break that.
  // Only these pages: e2e/'s other pages import virtual modules this server has no plugin for.
  optimizeDeps: { exclude: ['@electric-sql/pglite'], entries: ['devtools-harness/index.html', 'storage-harness/index.html'] },
  logLevel: 'warn',
});
