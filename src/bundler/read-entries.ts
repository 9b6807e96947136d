import { readMigrationFolder, type MigrationEntry, type MigrationWarning } from '../core/internal.js';
import { openFolder } from '../node/load-migrations.js';

/**
 * Reads a migrations folder on disk through the core's layout readers, so every layout
 * pgboot knows (its own, drizzle-kit's, ...) works in the plugin without plugin changes.
 * Returns the entries, every file the module depends on (to watch them), and the files the
 * layout skipped on purpose (warnings, e.g. drizzle-kit leftovers).
 *
 * @example
 * const { entries, files } = await readEntries('/app/migrations');
 */
export async function readEntries(
  dir: string,
  layout?: string,
): Promise<{ layout: string; entries: MigrationEntry[]; files: readonly string[]; warnings: MigrationWarning[] }> {
  const folder = await openFolder(dir);
  const { layout: found, entries, warnings } = await readMigrationFolder(folder, layout === undefined ? {} : { layout });
  return { layout: found, entries, files: folder.files, warnings };
}
