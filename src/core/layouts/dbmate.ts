import { checksumOf } from '../checksum.js';
import { InvalidMigrationFolderError } from '../errors.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

/** dbmate reads `<digits>...sql` at the top of the folder and ignores anything else. */
const MIGRATION = /^\d+[^/]*\.sql$/;
const DOWN_SUFFIX = /(?:\.down|_down)\.sql$/;
const DOWN_MARKER = /^\s*--\s*migrate:down/m;

/** The up file a down file belongs to (`001_init.down.sql`, `001_init_down.sql` -> `001_init.sql`), if present. */
function upOf(file: string, files: ReadonlySet<string>): string | undefined {
  if (!DOWN_SUFFIX.test(file)) return undefined;
  const up = file.replace(DOWN_SUFFIX, '.sql');
  return files.has(up) ? up : undefined;
}

/**
 * dbmate's layout: `<version>_<name>.sql` files with `-- migrate:up` / `-- migrate:down` markers
 * (pgboot's own SQL format, so a plain dbmate folder is also read by the `pgboot` layout), plus
 * numbered files whose down lives in a sibling, `<version>_<name>.down.sql` or `<version>_<name>_down.sql`.
 * Detected when such a sibling exists; choose it with `layout: 'dbmate'` for a marker-only folder
 * whose files issue their own BEGIN/COMMIT (run as written here, as dbmate runs them). The id is
 * the up file's stem; the checksum covers the up file.
 *
 * @example
 * // 20151129054053_test_migration.sql (markers), 20151130000000_add_tags.sql + 20151130000000_add_tags.down.sql
 * const { entries } = await readMigrationFolder(folder, { layout: 'dbmate' });
 */
export const dbmateLayout: MigrationLayout = {
  name: 'dbmate',
  detect: (files) => {
    const top = new Set(files.filter((file) => MIGRATION.test(file)));
    return [...top].some((file) => upOf(file, top) !== undefined);
  },
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const top = new Set(folder.files.filter((file) => MIGRATION.test(file)));
    const downs = new Map<string, string>();
    for (const file of top) {
      const up = upOf(file, top);
      if (up) downs.set(up, file);
    }
    const ups = [...top].filter((file) => upOf(file, top) === undefined);
    return Promise.all(
      ups.map(async (file): Promise<MigrationEntry> => {
        const sql = await folder.readText(file);
        const checksum = await checksumOf(sql);
        const id = file.slice(0, -'.sql'.length);
        const downFile = downs.get(file);
        if (downFile === undefined) return { kind: 'sql', file, id, sql, ownTransactions: 'allow', checksum };
        if (DOWN_MARKER.test(sql)) {
          throw new InvalidMigrationFolderError(
            file,
            `has a '-- migrate:down' section and a down file (${downFile}); keep the down in one place: delete the section or the file`,
          );
        }
        return { kind: 'sql', file, id, sql, markers: false, downSql: await folder.readText(downFile), downFile, ownTransactions: 'allow', checksum };
      }),
    );
  },
};
