import { deleteStorage } from './delete-storage.js';
import { closeAndLock } from './open-databases.js';
import { workerConnections } from './worker-connections.js';

export interface ResetDatabaseOptions {
  /** How long to wait for another tab to close the database, and for IndexedDB to delete it, in ms. Default 10 000. */
  timeout?: number;
  /** Where the database lives when not in `idb://<name>`, e.g. `'opfs-ahp://notes'`. */
  dataDir?: string;
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
  // Worker mode: the leader worker owns the storage; it deletes it, then every tab reloads.
  const connection = workerConnections.get(name);
  if (connection) return connection.command({ type: 'reset' });
  const timeout = options.timeout ?? 10_000;
  const release = await closeAndLock(name, timeout);
  try {
    await deleteStorage(options.dataDir ?? `idb://${name}`, timeout);
  } finally {
    release();
  }
}
