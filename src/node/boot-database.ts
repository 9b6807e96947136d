import type { Extensions, PGlite, PGliteInterfaceExtensions } from '@electric-sql/pglite';
import { migrate, type BootResult, type MigrateOptions, type MigrationSource } from '../core/internal.js';
import { loadMigrations } from './load-migrations.js';
import { loadExtensions } from './load-extensions.js';
import type { BuiltImage } from './build-image.js';
import { prepareNodeDataDir } from './first-run-image.js';
import { openPreparedDatabase, type OpenDatabaseOptions } from './open-database.js';

export type BootDatabaseOptions<TExtensions extends Extensions = Extensions> = OpenDatabaseOptions<TExtensions> &
  Omit<MigrateOptions, 'migrations'> & {
    /**
     * A first-run image: the path of one (`x.tgz` with `x.json` beside it, as the Vite plugin and
     * `writeImage` write them) or one in memory (`buildImage`). A new data directory starts from it
     * instead of initdb and the migrations it holds; an image that does not suit this PGlite and
     * these migrations, or is unreadable, is a warning (`onWarning`) and a normal first run.
     */
    image?: string | BuiltImage | undefined;
  } & (
    | {
        /** Migrations folder on disk, read with `loadMigrations` (TS through jiti). */ dir: string /** Force a folder layout. */;
        layout?: string;
        migrations?: undefined;
      }
    | { /** Migrations already loaded (e.g. bundled into an Electron main process). */ migrations: readonly MigrationSource[]; dir?: undefined }
  );

/**
 * The open database, typed with its extensions, and what the boot did: the same shape as
 * `pgboot/browser`'s `BootDatabaseResult` (`db`, `result`, `source`, `timings`). `db.close()` also
 * releases the data directory's lock; `timings.lockMs` is the wait for the lock file.
 */
export interface BootedDatabase<TExtensions extends Extensions = Extensions> extends BootResult<PGlite & PGliteInterfaceExtensions<TExtensions>> {}

/** The same type under the browser's name. */
export type BootDatabaseResult<TExtensions extends Extensions = Extensions> = BootedDatabase<TExtensions>;

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
): Promise<BootedDatabase<TExtensions>> {
  const started = performance.now();
  const { dataDir, extensions, lockTimeout, pglite, dir, migrations: given, image, ...migrateOptions } = options;
  const layout = 'layout' in options ? options.layout : undefined;
  delete (migrateOptions as { layout?: string }).layout;
  // Read the folder before taking the lock: an unreadable folder fails without opening anything.
  const migrations = given ?? (await loadMigrations(dir!, layout === undefined ? {} : { layout }));
  // The extensions the migrations create must be loaded at every open: import their PGlite modules.
  const provided = { ...extensions };
  const needed = await loadExtensions(migrations, { provided });
  const { db, source, lockMs } = await openPreparedDatabase(
    {
      dataDir,
      extensions: { ...needed, ...provided } as TExtensions,
      ...(lockTimeout === undefined ? {} : { lockTimeout }),
      ...(pglite === undefined ? {} : { pglite }),
    },
    // Under the lock, before PGlite opens: the version guard, and the image on a first run.
    () => prepareNodeDataDir({ dataDir, image, migrations, onWarning: migrateOptions.onWarning }),
    (error) =>
      migrateOptions.onWarning?.({
        file: typeof image === 'string' ? image : 'the image',
        message: `PGlite could not start from the first-run image (${String(error)}); creating the database as usual.`,
      }),
  );
  const opened = performance.now();
  try {
    const result = await migrate(db, { ...migrateOptions, migrations });
    const finished = performance.now();
    return {
      db: db as PGlite & PGliteInterfaceExtensions<TExtensions>,
      result,
      source,
      timings: { lockMs, openMs: opened - started - lockMs, migrateMs: finished - opened, totalMs: finished - started },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
