import { DRIZZLE_FOLDER_MIGRATION, DRIZZLE_JOURNAL, drizzleEntry, readDrizzleDown, readNativeNeighbours } from './drizzle-common.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

/**
 * drizzle-kit 1.x's output: one folder per migration, `<YYYYMMDDHHmmss>_<name>/migration.sql`
 * (with drizzle-kit's `snapshot.json` beside it, ignored). The id is the folder name and the
 * order is the folders' (by timestamp, then name), as drizzle-orm 1.x runs them. A hand-written
 * `down.sql` beside `migration.sql` is its down (`downFileOf`). Top-level `<version>_<name>.*` files are read as pgboot migrations.
 */
export const drizzleFoldersLayout: MigrationLayout = {
  name: 'drizzle-folders',
  detect: (files) => !files.includes(DRIZZLE_JOURNAL) && files.some((file) => DRIZZLE_FOLDER_MIGRATION.test(file)),
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const files = folder.files.filter((file) => DRIZZLE_FOLDER_MIGRATION.test(file));
    const entries = await Promise.all(
      files.map(async (file) => {
        const [, id, stamp] = DRIZZLE_FOLDER_MIGRATION.exec(file)!;
        return drizzleEntry(file, id!, await folder.readText(file), stampToMillis(stamp!), await readDrizzleDown(folder, file));
      }),
    );
    return [...entries, ...(await readNativeNeighbours(folder, new Set(files)))];
  },
};

/** `20260120154111` -> ms since the epoch, read as UTC: what drizzle-orm 1.x stores as `created_at`. */
function stampToMillis(stamp: string): number {
  const part = (from: number, to: number) => Number(stamp.slice(from, to));
  return Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12), part(12, 14));
}
