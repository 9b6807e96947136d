import { checksumOf } from '../checksum.js';
import { InvalidMigrationFolderError } from '../errors.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

const UP = /^(\d+)_(.+)\.up\.sql$/;
const DOWN = /^(\d+)_(.+)\.down\.sql$/;

/**
 * golang-migrate's layout: `<version>_<name>.up.sql` with an optional `<version>_<name>.down.sql`
 * beside it, ordered by the numeric version. The id is `<version>_<name>`; the checksum covers the
 * up file only (the down never ran when the migration was applied, so adding or fixing a down file
 * later is not drift). An empty or comment-only down file is valid and does nothing. BEGIN/COMMIT
 * in a file run as written, as golang-migrate runs them.
 *
 * @example
 * // 000001_create_users.up.sql, 000001_create_users.down.sql, 000002_add_email.up.sql
 * const { entries } = await readMigrationFolder(folder, { layout: 'golang-migrate' });
 */
export const golangMigrateLayout: MigrationLayout = {
  name: 'golang-migrate',
  detect: (files) => files.some((file) => UP.test(file)),
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const top = new Set(folder.files.filter((file) => !file.includes('/')));
    for (const file of top) {
      const down = DOWN.exec(file);
      if (down && !top.has(`${down[1]}_${down[2]}.up.sql`)) {
        throw new InvalidMigrationFolderError(file, `a down migration without its up file ${down[1]}_${down[2]}.up.sql; add the up file or delete this one`);
      }
    }
    const ups = [...top].filter((file) => UP.test(file));
    return Promise.all(
      ups.map(async (file): Promise<MigrationEntry> => {
        const [, version, name] = UP.exec(file)!;
        const downFile = `${version}_${name}.down.sql`;
        const sql = await folder.readText(file);
        const entry: MigrationEntry = {
          kind: 'sql',
          file,
          id: `${version}_${name}`,
          sql,
          markers: false,
          ownTransactions: 'allow',
          checksum: await checksumOf(sql),
        };
        if (top.has(downFile)) Object.assign(entry, { downSql: await folder.readText(downFile), downFile });
        return entry;
      }),
    );
  },
};
