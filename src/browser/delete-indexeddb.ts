import { PgbootError } from '../core/internal.js';

/**
 * Deletes an IndexedDB database. A connection still open (another tab, or one PGlite is still
 * closing) makes the request report `blocked`; it then completes by itself once that connection
 * closes, so wait for that, up to `timeoutMs`, rather than hang.
 */
export function deleteIndexedDb(dbName: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(dbName);
    let timer: ReturnType<typeof setTimeout> | undefined;
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new PgbootError(`Could not delete the IndexedDB database '${dbName}'.`));
    };
    request.onblocked = () => {
      timer ??= setTimeout(
        () =>
          reject(
            new PgbootError(
              `Could not delete the IndexedDB database '${dbName}': a connection to it stayed open for ${timeoutMs} ms. Close the other tabs of this app and retry.`,
            ),
          ),
        timeoutMs,
      );
    };
  });
}
