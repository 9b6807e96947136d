import { resolve } from 'node:path';
import type { ExtensionOptions, MigrationWarning } from '../core/internal.js';

/** Options of pgboot's bundler plugin: the same for `pgboot/vite`, `/webpack`, `/rspack`, `/esbuild` and `/rollup`. */
export interface PgbootPluginOptions {
  /** The migrations folder, relative to the bundler's root (Vite's `root`, webpack's `context`, else the working directory), or absolute. Default `'migrations'`. */
  dir?: string;
  /** Force a folder layout (e.g. `'pgboot'`) instead of detecting it. */
  layout?: string;
  /** Non-fatal findings (e.g. two files sharing a version). Default: the bundler's own warnings (Vite's logger). */
  onWarning?: (warning: MigrationWarning) => void;
  /**
   * For extensions PGlite has no module for: `false` skips their CREATE/DROP EXTENSION statements,
   * a string loads them from that module. E.g. `{ postgis: false }`.
   */
  extensions?: ExtensionOptions['extensions'];
  /** Per migration id, SQL to bundle instead of the migration's file (its checksum stays the file's). */
  replace?: ExtensionOptions['replace'];
  /**
   * Vite only: `true` makes a production build also build a first-boot image (the migrated database,
   * gzipped) served through `virtual:pgboot/image`, so a new user's first boot skips initdb and the
   * migrations (docs/first-boot-image.md). Not built in dev (`virtual:pgboot/image` is `undefined`
   * there, and with other bundlers). Default `false`.
   */
  image?: boolean;
}

/** The absolute migrations folder: `options.dir` (default `'migrations'`) against the bundler's root. */
export function migrationsDir(options: PgbootPluginOptions, root: string): string {
  return resolve(root, options.dir ?? 'migrations');
}
