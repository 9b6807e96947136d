import type { Extensions, PGlite } from '@electric-sql/pglite';
import { migrate, type MigrateOptions, type MigrateResult } from '../core/migrate.js';
import type { MigrationSource } from '../core/types.js';
import { loadMigrations } from './load-migrations.js';
import { loadExtensions } from './load-extensions.js';
import { bundledExtensions } from '../core/extensions.js';
import { openDatabase, type OpenDatabaseOptions } from './open-database.js';

export type BootDatabaseOptions<TExtensions extends Extensions = Extensions> = OpenDatabaseOptions<TExtensions> &
  Omit<MigrateOptions, 'migrations'> &
  (
    | { /** Migrations folder on disk, read with `loadMigrations` (TS through jiti). */ dir: string; /** Force a folder layout. */ layout?: string; migrations?: undefined }
    | { /** Migrations already loaded (e.g. bundled into an Electron main process). */ migrations: readonly MigrationSource[]; dir?: undefined }
  );

export interface BootedDatabase {
  /** The open database; `db.close()` also releases the data directory's lock. */
  db: PGlite;
  result: MigrateResult;
}

/**
 * Opens (creating if needed) a PGlite database on disk and brings it up to date, for Node and
 * Electron's main process. The data directory is locked for this process while it is open
 * (`DatabaseLockedError` for a second one; a crashed owner's lock is recovered). When
 * migrating fails, the database is closed, the lock released, and the error rethrown.
 *
 * @example
 * import { bootDatabase } from 'pgboot/node';
 * const { db, result } = await bootDatabase({
 *   dataDir: join(app.getPath('userData'), 'db'),
 *   dir: join(__dirname, 'migrations'),
 *   onProgress: ({ index, total }) => splash.setProgress(index / total),
 * });
 * app.on('before-quit', () => db.close());
 */
export async function bootDatabase<TExtensions extends Extensions = Extensions>(
  options: BootDatabaseOptions<TExtensions>,
): Promise<BootedDatabase> {
  const { dataDir, extensions, lockTimeout, pglite, dir, migrations: given, ...migrateOptions } = options;
  const layout = 'layout' in options ? options.layout : undefined;
  delete (migrateOptions as { layout?: string }).layout;
  // Read the folder before taking the lock: an unreadable folder fails without opening anything.
  const migrations = given ?? (await loadMigrations(dir!, layout === undefined ? {} : { layout }));
  // The extensions the migrations create must be loaded at every open: import their PGlite modules.
  const provided = { ...bundledExtensions(migrations), ...extensions };
  const needed = await loadExtensions(migrations, { provided });
  const db = await openDatabase({
    dataDir,
    extensions: { ...needed, ...provided } as TExtensions,
    ...(lockTimeout === undefined ? {} : { lockTimeout }),
    ...(pglite === undefined ? {} : { pglite }),
  });
  try {
    const result = await migrate(db, { ...migrateOptions, migrations });
    return { db, result };
  } catch (error) {
    await db.close();
    throw error;
  }
}
