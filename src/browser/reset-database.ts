import { deleteIndexedDb } from './delete-indexeddb.js';
import { closeAndLock } from './open-databases.js';

export interface ResetDatabaseOptions {
  /** How long to wait for another tab to close the database, and for IndexedDB to delete it, in ms. Default 10 000. */
  timeout?: number;
}

/**
 * Deletes a database: closes it if this page opened it with `bootDatabase`, waits until no
 * other tab has it open (the same Web Lock), then deletes the IndexedDB database
 * `/pglite/<name>`. The next `bootDatabase` starts from an empty database.
 * Rejects with `DatabaseLockedError` if another tab keeps it open past `timeout`.
 *
 * @example
 * await resetDatabase('notes');
 * location.reload();
 */
export async function resetDatabase(name: string, options: ResetDatabaseOptions = {}): Promise<void> {
  const timeout = options.timeout ?? 10_000;
  const release = await closeAndLock(name, timeout);
  try {
    await deleteIndexedDb(`/pglite/${name}`, timeout);
  } finally {
    release();
  }
}
