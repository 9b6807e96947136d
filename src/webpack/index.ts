import type { WebpackPluginInstance } from 'webpack';
import { pgbootUnplugin } from '../bundler/plugin.js';
import type { PgbootPluginOptions } from '../bundler/options.js';

export type { PgbootPluginOptions } from '../bundler/options.js';

/**
 * webpack plugin serving `virtual:pgboot/migrations` (also for Next.js and Electron Forge's
 * webpack plugin). Bad migrations fail the build naming the file; in watch mode, adding,
 * changing or removing a file in the folder rebuilds.
 *
 * @example
 * // webpack.config.js
 * import pgboot from 'pgboot/webpack';
 * export default { plugins: [pgboot({ dir: 'migrations' })] };
 */
const pgboot: (options?: PgbootPluginOptions) => WebpackPluginInstance = pgbootUnplugin.webpack;
export default pgboot;
