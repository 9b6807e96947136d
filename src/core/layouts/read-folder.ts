import { PgbootError } from '../errors.js';
import { drizzleClassicLayout } from './drizzle-classic.js';
import { drizzleFoldersLayout } from './drizzle-folders.js';
import { nativeLayout } from './native.js';
import { prismaLayout } from './prisma.js';
import { dieselLayout } from './diesel.js';
import { golangMigrateLayout } from './golang-migrate.js';
import { dbmateLayout } from './dbmate.js';
import type { MigrationWarning } from '../types.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

/**
 * Known layouts, most specific first; pgboot's own layout matches anything and comes last.
 * Layouts for other tools' folders are added here.
 */
export const LAYOUTS: readonly MigrationLayout[] = [
  drizzleClassicLayout,
  prismaLayout,
  drizzleFoldersLayout,
  dieselLayout,
  golangMigrateLayout,
  dbmateLayout,
  nativeLayout,
];

/**
 * Finds the folder's layout (or uses the one asked for) and reads its migrations.
 *
 * @example
 * const { layout, entries, warnings } = await readMigrationFolder(folder);  // detected; warnings: skipped files
 * const { entries } = await readMigrationFolder(folder, { layout: 'pgboot' }); // chosen
 */
export async function readMigrationFolder(
  folder: MigrationFolder,
  options: { layout?: string } = {},
): Promise<{ layout: string; entries: MigrationEntry[]; warnings: MigrationWarning[] }> {
  const layout = options.layout === undefined ? LAYOUTS.find((l) => l.detect(folder.files))! : LAYOUTS.find((l) => l.name === options.layout);
  if (!layout) {
    throw new PgbootError(`Unknown migrations layout '${options.layout}'. Known layouts: ${LAYOUTS.map((l) => l.name).join(', ')}.`);
  }
  const warnings: MigrationWarning[] = [];
  const entries = await layout.read(folder, (warning) => warnings.push(warning));
  return { layout: layout.name, entries, warnings };
}
