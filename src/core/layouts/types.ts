import type { ExtensionUse } from '../extensions.js';
import type { MigrationWarning } from '../types.js';

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
 * One migration found in a folder, before the engine validates it. SQL entries carry their
 * text; module entries carry the path to import (the Node loader imports it, the Vite plugin
 * emits an `import` for it).
 */
export type MigrationEntry =
  | {
      kind: 'sql';
      /** Path relative to the folder, used in messages (and for the id unless `id` is set). */
      file: string;
      id?: string;
      sql: string;
      downSql?: string;
      downFile?: string;
      markers?: boolean;
      ownTransactions?: 'reject' | 'allow';
      transaction?: false;
      /** drizzle-kit layouts: the `created_at` drizzle-orm's migrator records for it (see SqlMigrationSource). */
      drizzleCreatedAt?: number;
      /** diesel layout: the version diesel records for it, kept in `__diesel_schema_migrations` (see SqlMigrationSource). */
      dieselVersion?: string;
      checksum: string;
    }
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
