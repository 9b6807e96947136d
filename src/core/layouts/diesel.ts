import { checksumOf } from '../checksum.js';
import { InvalidMigrationFolderError } from '../errors.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

const UP = /^([^/]+)\/up\.sql$/;
/** Diesel's version is the folder name before the first '_', e.g. `2021-09-20-140000` or `00000000000000`. */
const FOLDER = /^([0-9][0-9-]*)_(.+)$/;

/**
 * diesel's layout: one folder per migration, `<version>_<name>/up.sql` and (optionally) `down.sql`.
 *
 * Diesel versions carry dashes (`2021-09-20-140000`); diesel itself drops them when it records a
 * version, and so does pgboot: the id is `<version without dashes>_<name>`
 * (`20210920140000_create_users`), so the engine's order (numeric version, then name) is diesel's
 * order for its fixed-width versions. `file` keeps the real path (`2021-09-20-140000_create_users/up.sql`)
 * for messages. The checksum covers `up.sql` only. BEGIN/COMMIT in a file run as written. A
 * `metadata.toml` with `run_in_transaction = false` runs the migration outside a transaction.
 * pgboot keeps diesel's `__diesel_schema_migrations` for these migrations as diesel does
 * (`dieselVersion`), so diesel's CLI and migrations that read that table see the same history.
 *
 * @example
 * // 00000000000000_diesel_initial_setup/{up,down}.sql, 2021-09-20-140000_create_users/{up,down}.sql
 * const { entries } = await readMigrationFolder(folder, { layout: 'diesel' });
 */
export const dieselLayout: MigrationLayout = {
  name: 'diesel',
  detect: (files) => files.some((file) => UP.test(file) && /^\d/.test(file)),
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const files = new Set(folder.files);
    const folders = folder.files.map((file) => UP.exec(file)?.[1]).filter((name): name is string => name !== undefined);
    return Promise.all(
      folders.map(async (dir): Promise<MigrationEntry> => {
        const file = `${dir}/up.sql`;
        const match = FOLDER.exec(dir);
        if (!match) {
          throw new InvalidMigrationFolderError(
            file,
            `the folder name '${dir}' is not <version>_<name>; name it like diesel does, e.g. 2021-09-20-140000_create_users`,
          );
        }
        const version = match[1]!.replace(/-/g, '');
        const sql = await folder.readText(file);
        const entry: MigrationEntry = {
          kind: 'sql',
          file,
          id: `${version}_${match[2]}`,
          sql,
          markers: false,
          ownTransactions: 'allow',
          checksum: await checksumOf(sql),
          dieselVersion: version,
        };
        const downFile = `${dir}/down.sql`;
        if (files.has(downFile)) Object.assign(entry, { downSql: await folder.readText(downFile), downFile });
        // diesel's per-migration settings: `run_in_transaction = false` runs it outside a transaction.
        const metadata = `${dir}/metadata.toml`;
        if (files.has(metadata) && /^\s*run_in_transaction\s*=\s*false\s*(#.*)?$/m.test(await folder.readText(metadata))) entry.transaction = false;
        return entry;
      }),
    );
  },
};
