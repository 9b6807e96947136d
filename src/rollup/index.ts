import type { Plugin } from 'rollup';
import { pgbootUnplugin } from '../bundler/plugin.js';
import type { PgbootPluginOptions } from '../bundler/options.js';

export type { PgbootPluginOptions } from '../bundler/options.js';

/**
 * Rollup (and Rolldown) plugin serving `virtual:pgboot/migrations`. Bad migrations fail the
 * build with Rollup's error, naming the file and line; `rollup --watch` rebuilds when a file
 * in the folder is added, changed or removed.
 *
 * @example
 * // rollup.config.mjs
 * import pgboot from 'pgboot/rollup';
 * import { nodeResolve } from '@rollup/plugin-node-resolve';
 * export default { input: 'src/main.js', plugins: [pgboot(), nodeResolve({ browser: true })] };
 */
const pgboot: (options?: PgbootPluginOptions) => Plugin = pgbootUnplugin.rollup;
export default pgboot;
