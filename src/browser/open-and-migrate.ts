import { PGlite, type Extensions, type PGliteInterfaceExtensions, type PGliteOptions } from '@electric-sql/pglite';
import type { FirstBootImage } from '../core/image-manifest.js';
import type { MigrateOptions, MigrateResult } from '../core/run-options.js';
import type { StatusReport } from '../core/status.js';
import { upToDateResult } from '../core/up-to-date.js';
import { closingConnectionsOnFailure } from './close-failed-open.js';
import { createPrepared, prepareDataDir, type PreparedDataDir } from './prepare-data-dir.js';
import { storedDatabaseExists } from './indexeddb-data-dir.js';

export interface OpenAndMigrateOptions<E extends Extensions = Extensions>
  extends Pick<
    MigrateOptions,
    'migrations' | 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'onProgress' | 'onWarning' | 'appBuild' | 'drizzleTable' | 'adopt'
  > {
  name: string;
  dataDir?: string | undefined;
  extensions?: E | undefined;
  pglite?: Omit<PGliteOptions, 'dataDir' | 'extensions'> | undefined;
  beforeMigrate?: ((context: { db: PGlite & PGliteInterfaceExtensions<E>; status: StatusReport }) => Promise<void> | void) | undefined;
  snapshot?: 'before-migrate' | 'never' | undefined;
  image?: FirstBootImage | undefined;
}

export interface OpenedDatabase<E extends Extensions = Extensions> {
  db: PGlite & PGliteInterfaceExtensions<E>;
  result: MigrateResult;
  /** Where the database came from (see `BootDatabaseResult.source`). */
  source: PreparedDataDir['source'];
  openMs: number;
  migrateMs: number;
}

/**
 * Opens the database (`idb://<name>` unless `dataDir` says otherwise) and migrates it: the one
 * path both boot modes take, in the page (`bootDatabase`) and in the leader worker
 * (`serveDatabase`). The caller holds the database's lock. On failure the database is closed
 * and the error rethrown; migrations committed before a failure stay.
 *
 * The run path (migrate-opened.ts: hooks, `migrate`) is loaded only when there is something to do:
 * a database that was there is first asked whether it is up to date (core/up-to-date.ts, one
 * read); a new one certainly is not, so its run path loads while PGlite opens.
 */
export async function openAndMigrate<E extends Extensions = Extensions>(options: OpenAndMigrateOptions<E>): Promise<OpenedDatabase<E>> {
  const started = performance.now();
  const { name } = options;
  let db: PGlite & PGliteInterfaceExtensions<E>;
  let source: PreparedDataDir['source'];
  let prepared: PreparedDataDir | undefined;
  let runPath: Promise<typeof import('./migrate-opened.js')> | undefined;
  try {
    // Version guard and first-boot image, before PGlite opens the IndexedDB data directory (prepare-data-dir.ts).
    const preparation: PreparedDataDir =
      options.dataDir === undefined
        ? await prepareDataDir({ ...options, onProgress: options.onProgress })
        : { source: undefined, loadDataDir: undefined, stored: false };
    prepared = preparation;
    if (preparation.source === 'new') runPath = loadRunPath();
    ({ db, source } = await closingConnectionsOnFailure(name, () =>
      createPrepared(
        preparation,
        async (from) =>
          (await PGlite.create({
            ...options.pglite,
            dataDir: options.dataDir ?? `idb://${name}`,
            // The app's extensions, e.g. those the bundler plugin found (`import { extensions } from 'virtual:pgboot/migrations'`).
            ...(options.extensions ? { extensions: options.extensions } : {}),
            ...from,
          } as PGliteOptions<E>)) as PGlite & PGliteInterfaceExtensions<E>,
        options,
      ),
    ));
  } catch (error) {
    // Storage failures become DatabaseStorageError (storage-errors.ts); whether the database was
    // there decides if a failure to open it means damage. The inspection above knows; when it
    // failed itself, ask IndexedDB.
    throw await explained(error, async ({ explainStorageError }) => {
      const existed = prepared ? prepared.stored : options.dataDir === undefined && (await storedDatabaseExists(name));
      return explainStorageError(error, { name, phase: 'open', existed });
    });
  }
  const existed = prepared.stored;
  const opened = performance.now();
  try {
    const result =
      (runPath ? undefined : await upToDateResult(db, { migrations: options.migrations, to: options.to, onProgress: options.onProgress })) ??
      (await (await (runPath ?? loadRunPath())).migrateOpened(db, options));
    return { db, result, source, openMs: opened - started, migrateMs: performance.now() - opened };
  } catch (error) {
    if (!db.closed) await db.close().catch(() => undefined);
    throw await explained(error, ({ explainStorageError }) => explainStorageError(error, { name, phase: 'migrate', existed }));
  }
}

/**
 * The error to throw for a failed boot: what storage-errors.ts makes of it, that module loaded
 * only now (a boot that succeeds never downloads it). Should loading it fail (e.g. offline after a
 * deploy), the original error is thrown rather than the loader's.
 */
async function explained(error: unknown, explain: (module: typeof import('./storage-errors.js')) => Promise<unknown>): Promise<unknown> {
  let module: typeof import('./storage-errors.js');
  try {
    module = await import('./storage-errors.js');
  } catch {
    return error;
  }
  return explain(module);
}

/** The run path's code; a failed open must not leave its load's rejection unhandled. */
function loadRunPath(): Promise<typeof import('./migrate-opened.js')> {
  const loading = import('./migrate-opened.js');
  loading.catch(() => undefined);
  return loading;
}
