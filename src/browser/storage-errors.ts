import { DatabaseStorageError, PgbootError } from '../core/internal.js';
import { readStoredFiles } from './indexeddb-data-dir.js';

/**
 * Turns what IndexedDB and PGlite throw when the browser's storage fails into a
 * `DatabaseStorageError` naming the database: a quota error while saving (any phase), or a
 * failure to start PGlite on a database whose files were deleted or damaged (only while
 * opening an existing one). Anything else, and pgboot's own errors, pass through unchanged.
 *
 * @example
 * catch (error) { throw explainStorageError(error, { name, phase: db ? 'migrate' : 'open' }); }
 */
export async function explainStorageError(error: unknown, context: { name: string; phase: 'open' | 'migrate'; existed: boolean }): Promise<unknown> {
  if (error instanceof PgbootError && !(error.cause !== undefined && isQuotaError(error.cause))) return error;
  if (isQuotaError(error)) return new DatabaseStorageError(context.name, 'quota', innermostQuotaError(error));
  // Chromium fails a large IndexedDB write over the quota with UnknownError, not QuotaExceededError (measured).
  if (context.phase === 'migrate' && isIndexedDbWriteError(error)) return new DatabaseStorageError(context.name, 'save-failed', error);
  if (context.phase !== 'open' || !context.existed) return error;
  // Only what is visibly damaged is called damaged: a database that needs an extension that was
  // not passed fails to open the same way, and resetting it would lose its data for nothing.
  const damage = await findDamage(context.name).catch(() => undefined);
  return new DatabaseStorageError(context.name, damage ? 'damaged' : 'unopenable', error, damage);
}

const PAGE_SIZE = 8192;
const REQUIRED = ['PG_VERSION', 'global/pg_control', 'global/pg_filenode.map'];

/**
 * Looks through the records of `/pglite/<name>` for what a complete data directory cannot lack:
 * the files every Postgres data directory has, and relation files that are whole 8 KB pages.
 * Returns the first problem found, in words, or undefined when the files look complete.
 */
async function findDamage(name: string): Promise<string | undefined> {
  const files = await readStoredFiles(name);
  if (!files) return 'it holds no PGlite files';
  const version = [...files.keys()].filter((key) => key.endsWith('/PG_VERSION')).sort((a, b) => a.length - b.length)[0];
  if (!version) return 'its PG_VERSION file is missing';
  const root = version.slice(0, -'PG_VERSION'.length);
  for (const file of REQUIRED) if (!files.has(root + file)) return `its file ${file} is missing`;
  for (const [key, record] of files) {
    const file = key.slice(root.length);
    const size = record.contents?.length;
    // Relation files (base/<db>/<relfilenode>[.<segment>], global/<relfilenode>) are whole pages.
    if (size !== undefined && /^(base\/\d+|global)\/\d+(\.\d+)?$/.test(file) && size % PAGE_SIZE !== 0) {
      return `its file ${file} is ${size} bytes, not a whole number of 8 KB pages (truncated)`;
    }
  }
  return undefined;
}

/** IndexedDB's own failure of a write (a DOMException `UnknownError`), as PGlite passes it on from a flush. */
function isIndexedDbWriteError(error: unknown): boolean {
  return typeof DOMException !== 'undefined' && error instanceof DOMException && error.name === 'UnknownError';
}

/** Whether an error, or one of its causes, is a quota error (`QuotaExceededError`, or its Emscripten/PGlite wrappings). */
function isQuotaError(error: unknown): boolean {
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
