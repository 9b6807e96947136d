import type { Plugin } from 'esbuild';
import { pgbootUnplugin } from '../bundler/plugin.js';
import type { PgbootPluginOptions } from '../bundler/options.js';

export type { PgbootPluginOptions } from '../bundler/options.js';

/**
 * esbuild plugin serving `virtual:pgboot/migrations`. Bad migrations fail the build with an
 * error located at the file and line; `context.watch()` rebuilds when a file in the folder is
 * added, changed or removed.
 *
 * @example
 * import { build } from 'esbuild';
 * import pgboot from 'pgboot/esbuild';
 * await build({ entryPoints: ['src/main.ts'], bundle: true, format: 'esm', plugins: [pgboot()] });
 */
const pgboot: (options?: PgbootPluginOptions) => Plugin = pgbootUnplugin.esbuild;
export default pgboot;
