import type { RspackPluginInstance } from '@rspack/core';
import { pgbootUnplugin } from '../bundler/plugin.js';
import type { PgbootPluginOptions } from '../bundler/options.js';

export type { PgbootPluginOptions } from '../bundler/options.js';

/**
 * Rspack (and Rsbuild, through `tools.rspack`) plugin serving `virtual:pgboot/migrations`.
 * Bad migrations fail the build naming the file; in watch mode, adding, changing or removing
 * a file in the folder rebuilds.
 *
 * @example
 * // rspack.config.mjs
 * import pgboot from 'pgboot/rspack';
 * export default { plugins: [pgboot({ dir: 'migrations' })] };
 */
const pgboot: (options?: PgbootPluginOptions) => RspackPluginInstance = pgbootUnplugin.rspack;
export default pgboot;
