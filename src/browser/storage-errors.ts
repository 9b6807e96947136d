import { DatabaseStorageError, PgbootError } from '../core/errors.js';

/**
 * Turns what IndexedDB and PGlite throw when the browser's storage fails into a
 * `DatabaseStorageError` naming the database: a quota error while saving (any phase), or a
 * failure to start PGlite on a database whose files were deleted or damaged (only while
 * opening an existing one). Anything else, and pgboot's own errors, pass through unchanged.
 *
 * @example
 * catch (error) { throw explainStorageError(error, { name, phase: db ? 'migrate' : 'open' }); }
 */
export function explainStorageError(error: unknown, context: { name: string; phase: 'open' | 'migrate'; existed: boolean }): unknown {
  if (error instanceof PgbootError && !(error.cause !== undefined && isQuotaError(error.cause))) return error;
  if (isQuotaError(error)) return new DatabaseStorageError(context.name, 'quota', innermostQuotaError(error));
  if (context.phase === 'open' && context.existed) return new DatabaseStorageError(context.name, 'damaged', error);
  return error;
}

/** Whether an error, or one of its causes, is a quota error (`QuotaExceededError`, or its Emscripten/PGlite wrappings). */
export function isQuotaError(error: unknown): boolean {
  return innermostQuotaError(error) !== undefined;
}

function innermostQuotaError(error: unknown): unknown {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    const { name, message } = current as { name?: unknown; message?: unknown };
    if (name === 'QuotaExceededError' || (typeof message === 'string' && /QuotaExceeded|quota/i.test(message))) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether IndexedDB holds PGlite's database `name` already (so a failure to open it means damage, not a first boot). */
export async function storedDatabaseExists(name: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === `/pglite/${name}`);
}

/** Opens in progress, by IndexedDB database name: the connection requests each one made. */
const watched = new Map<string, IDBOpenDBRequest[]>();
let restoreOpen: (() => void) | undefined;

/**
 * Opens PGlite's IndexedDB database through `open` and, if that fails, closes the IndexedDB
 * connections it left behind. PGlite keeps its connection to `/pglite/<name>` even when it
 * aborts while starting (a damaged database), and it ignores `versionchange`, so without this the
 * page could never delete (reset) or restore the database it failed to open.
 */
export async function closingConnectionsOnFailure<T>(name: string, open: () => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined' || watched.has(`/pglite/${name}`)) return open();
  const requests: IDBOpenDBRequest[] = [];
  watched.set(`/pglite/${name}`, requests);
  if (watched.size === 1) restoreOpen = watchOpens(indexedDB);
  try {
    return await open();
  } catch (error) {
    for (const request of requests) closeWhenOpen(request);
    throw error;
  } finally {
    watched.delete(`/pglite/${name}`);
    if (watched.size === 0) restoreOpen?.();
  }
}

/** Shadows `factory.open` (only watching) while some open is in progress; returns the undo. */
function watchOpens(factory: IDBFactory): () => void {
  const own = Object.getOwnPropertyDescriptor(factory, 'open');
  const original = factory.open;
  Object.defineProperty(factory, 'open', {
    configurable: true,
    writable: true,
    value(database: string, version?: number) {
      const request = original.call(factory, database, version);
      watched.get(database)?.push(request);
      return request;
    },
  });
  return () => {
    if (own) Object.defineProperty(factory, 'open', own);
    else delete (factory as { open?: unknown }).open;
  };
}

function closeWhenOpen(request: IDBOpenDBRequest): void {
  if (request.readyState === 'done') {
    if (!request.error) request.result.close();
    return;
  }
  request.addEventListener('success', () => request.result.close());
}
