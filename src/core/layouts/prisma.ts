import { checksumOf } from '../checksum.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

const MIGRATION = /^([^/]+)\/migration\.sql$/;
/** Prisma writes it beside the migration folders; drizzle-kit 1.x never does. */
const LOCK_FILE = 'migration_lock.toml';

/**
 * Prisma Migrate's layout: one folder per migration, `<timestamp>_<name>/migration.sql` (no down),
 * with `migration_lock.toml` beside them (ignored). The id is the folder name.
 *
 * drizzle-kit 1.x writes the same shape (`<timestamp>_<name>/migration.sql`, with a `snapshot.json`
 * beside each) but never `migration_lock.toml`, which Prisma always writes: the lock file is what
 * detection goes by (a Prisma folder copied without it reads as drizzle-kit's, with the same ids and
 * SQL; pass `layout: 'prisma'` to be explicit). Prisma's own `BEGIN; ... COMMIT;` blocks (it writes them
 * for enum changes) run as written.
 *
 * @example
 * // migration_lock.toml, 20240101120000_init/migration.sql, 20240102090000_add_posts/migration.sql
 * const { entries } = await readMigrationFolder(folder, { layout: 'prisma' });
 */
export const prismaLayout: MigrationLayout = {
  name: 'prisma',
  detect: (files) => files.includes(LOCK_FILE) && files.some((file) => MIGRATION.test(file)),
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const migrations = folder.files.filter((file) => MIGRATION.test(file));
    return Promise.all(
      migrations.map(async (file): Promise<MigrationEntry> => {
        const sql = await folder.readText(file);
        return { kind: 'sql', file, id: MIGRATION.exec(file)![1]!, sql, markers: false, ownTransactions: 'allow', checksum: await checksumOf(sql) };
      }),
    );
  },
};
