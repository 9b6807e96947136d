import { resolve } from 'node:path';
import { PGlite, type Extensions, type PGliteOptions } from '@electric-sql/pglite';
import { PgbootError, DataDirectoryError } from '../core/internal.js';
import { inspectDataDir, permissionError } from './check-data-dir.js';
import { assertCompatibleFolder, discardFailedImageStart, type PreparedNodeDataDir } from './first-run-image.js';
import { acquireDataDirLock, lockPathOf, type DataDirLock } from './lock-file.js';

export interface OpenDatabaseOptions<TExtensions extends Extensions = Extensions> {
  /** Folder of the database on disk; created (with initdb) on first open. `memory://` opens in memory, unlocked. */
  dataDir: string;
  /**
   * PGlite extensions, e.g. `{ pg_trgm }` from `@electric-sql/pglite/contrib/pg_trgm`. Pass the same
   * ones at every open: a database that uses an extension cannot be opened without it.
   */
  extensions?: TExtensions;
  /** How long to wait for another process holding the database, in ms. Default 0: fail at once with `DatabaseLockedError`. */
  lockTimeout?: number;
  /** Any other PGlite option (debug, parsers, postgresqlconf, ...). */
  pglite?: Omit<PGliteOptions<TExtensions>, 'dataDir' | 'extensions'>;
}

/**
 * Opens a PGlite database on disk for this process alone: it takes the data directory's
 * lock file first (`<dataDir>.lock`), so a second process gets `DatabaseLockedError` instead
 * of corrupting the database, then opens PGlite. `db.close()` closes the database and
 * releases the lock; a process that dies without closing leaves a stale lock that the next
 * open recognises and takes over. Migrates nothing: see `bootDatabase`.
 *
 * @example
 * const db = await openDatabase({ dataDir: join(app.getPath('userData'), 'db') });
 * try { await db.query('SELECT 1'); } finally { await db.close(); }
 */
export async function openDatabase<TExtensions extends Extensions = Extensions>(options: OpenDatabaseOptions<TExtensions>): Promise<PGlite> {
  return (await openPreparedDatabase(options, async () => ({ source: await assertCompatibleFolder(options.dataDir), loadDataDir: undefined }))).db;
}

/**
 * `openDatabase`, with `prepare` run under the lock before PGlite opens: the version guard, and
 * the first-run image to start from (`first-run-image.ts`). Should PGlite reject the image, the
 * folder (empty before) is cleared and the database created as usual.
 */
export async function openPreparedDatabase<TExtensions extends Extensions = Extensions>(
  options: OpenDatabaseOptions<TExtensions>,
  prepare: () => Promise<PreparedNodeDataDir>,
  onImageFailed?: (error: unknown) => void,
): Promise<{ db: PGlite; source: PreparedNodeDataDir['source']; lockMs: number }> {
  const inMemory = options.dataDir.startsWith('memory://');
  // Refuse a file, a folder of other files, or one this user cannot write, before writing anything.
  const state = inMemory ? 'missing' : await inspectDataDir(options.dataDir);
  const waiting = performance.now();
  const lock: DataDirLock | undefined = inMemory ? undefined : await takeLock(options.dataDir, options.lockTimeout ?? 0);
  const lockMs = performance.now() - waiting;
  let db: PGlite;
  let source: PreparedNodeDataDir['source'];
  try {
    const prepared = await prepare();
    source = prepared.source;
    const create = (loadDataDir?: Blob) =>
      PGlite.create({
        ...options.pglite,
        dataDir: options.dataDir,
        ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
        ...(loadDataDir ? { loadDataDir } : {}),
      }) as unknown as Promise<PGlite>;
    try {
      db = await create(prepared.loadDataDir);
    } catch (error) {
      if (!prepared.loadDataDir) throw error;
      onImageFailed?.(error);
      await discardFailedImageStart(options.dataDir);
      db = await create();
      source = 'new';
    }
  } catch (error) {
    await lock?.release();
    if (state === 'database' && !(error instanceof PgbootError)) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DataDirectoryError(resolve(options.dataDir), 'unreadable', `PGlite could not open the database in it (${message})`, error);
    }
    throw error;
  }
  if (lock) {
    // The lock lives exactly as long as the instance: released when the database is closed.
    const close = db.close.bind(db);
    db.close = async () => {
      try {
        await close();
      } finally {
        await lock.release();
      }
    };
  }
  return { db, source, lockMs };
}

/** Takes the lock file, turning a permission failure into a `DataDirectoryError` naming the folder. */
async function takeLock(dataDir: string, timeout: number): Promise<DataDirLock> {
  try {
    return await acquireDataDirLock(dataDir, { timeout });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw permissionError(resolve(lockPathOf(dataDir), '..'), error as NodeJS.ErrnoException, undefined, resolve(dataDir));
    }
    throw error;
  }
}
