import type { MigrationWarning, PgbootError } from '../core/internal.js';

/** What one plugin instance knows across hooks, whatever the bundler. */
export interface PluginState {
  /** The migrations folder, absolute (set again once the bundler tells its root). */
  dir: string;
  /** Where warnings go when the options give no `onWarning`; unset: the bundler's own warnings. */
  warn?: (warning: MigrationWarning) => void;
  /** Set by Vite's dev server, which watches the folder itself (vite-hooks.ts). */
  folderWatchedByServer?: boolean;
  /** The error of the last load, while it stands (Vite's dev server repeats it to pages that connect later). */
  lastError?: PgbootError;
  /** Set by Vite in a production build: where the first-boot image is built from and goes (image.ts). */
  imageBuild?: { root: string; assetsDir: string };
}
