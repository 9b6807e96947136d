import type { Plugin } from 'vite';
import { pgbootUnplugin } from '../bundler/plugin.js';
import type { PgbootPluginOptions } from '../bundler/options.js';

export type { PgbootPluginOptions } from '../bundler/options.js';

/**
 * Vite plugin serving `virtual:pgboot/migrations`: the folder's migrations in run order,
 * each with its id and build-time checksum, SQL inline and TS/JS modules bundled.
 * Bad migrations (name, repeated id, own BEGIN/COMMIT, module without `up`) fail the build,
 * and show in the dev server's error overlay, naming the file. In dev, adding, changing or
 * removing a file in the folder reloads the page, so the new set applies.
 * (The same plugin, built on unplugin, is `pgboot/webpack`, `/rspack`, `/esbuild` and `/rollup`.)
 *
 * @example
 * // vite.config.ts
 * import pgboot from 'pgboot/vite';
 * export default defineConfig({
 *   plugins: [pgboot({ dir: 'migrations' })],
 *   optimizeDeps: { exclude: ['@electric-sql/pglite'] },
 * });
 */
export const pgboot: (options?: PgbootPluginOptions) => Plugin = pgbootUnplugin.vite;
