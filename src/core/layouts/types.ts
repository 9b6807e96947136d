import type { ExtensionUse } from '../types.js';
import type { MigrationWarning, SqlMigrationSource } from '../types.js';

/**
 * A migrations folder as a loader sees it. The Node loader serves it from disk and the Vite
 * plugin from the project folder at build time; the core never reads files itself.
 */
export interface MigrationFolder {
  /** Every file under the folder, as '/'-separated paths relative to it (e.g. 'meta/_journal.json'), sorted. */
  readonly files: readonly string[];
  readText(path: string): Promise<string>;
}

/**
 * One migration found in a folder, before the engine validates it. SQL entries are the
 * `SqlMigrationSource` the engine takes, with their checksum computed; module entries carry the
 * path to import (the Node loader imports it, the Vite plugin emits an `import` for it).
 */
export type MigrationEntry =
  | ({ kind: 'sql'; checksum: string } & SqlMigrationSource)
  | {
      kind: 'module';
      file: string;
      id?: string;
      path: string;
      checksum: string;
      /** `CREATE EXTENSION` statements in the module's source text (see `findExtensionsInCode`). */
      extensionUses?: ExtensionUse[];
    };

/** A way of laying out a migrations folder (pgboot's own, drizzle-kit's, golang-migrate's, ...). */
export interface MigrationLayout {
  readonly name: string;
  /** Whether a folder's file list has this layout's shape. Layouts are tried most specific first. */
  detect(files: readonly string[]): boolean;
  /** Reads the migrations; `warn` reports files the layout skips on purpose (e.g. drizzle-kit leftovers). */
  read(folder: MigrationFolder, warn: (warning: MigrationWarning) => void): Promise<MigrationEntry[]>;
}
