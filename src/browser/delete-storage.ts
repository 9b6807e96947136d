import { PgbootError } from '../core/internal.js';
import { deleteIndexedDb } from './delete-indexeddb.js';

/**
 * Deletes a PGlite data directory kept by the browser: `idb://NAME` is the IndexedDB database
 * `/pglite/NAME`; `opfs-ahp://PATH` is the folder PATH of the origin's private file system.
 * The database must be closed first.
 */
export async function deleteStorage(dataDir: string, timeoutMs: number): Promise<void> {
  if (dataDir.startsWith('idb://')) return deleteIndexedDb(`/pglite/${dataDir.slice('idb://'.length)}`, timeoutMs);
  if (dataDir.startsWith('opfs-ahp://')) return deleteOpfsFolder(dataDir.slice('opfs-ahp://'.length));
  throw new PgbootError(`Cannot delete '${dataDir}': only idb:// and opfs-ahp:// databases are kept by the browser.`);
}

async function deleteOpfsFolder(path: string): Promise<void> {
  const parts = path.split('/').filter(Boolean);
  const last = parts.pop();
  if (!last) throw new PgbootError(`Cannot delete 'opfs-ahp://${path}': it names no folder.`);
  let folder = await navigator.storage.getDirectory();
  try {
    for (const part of parts) folder = await folder.getDirectoryHandle(part);
    await folder.removeEntry(last, { recursive: true });
  } catch (error) {
    if ((error as DOMException)?.name !== 'NotFoundError') throw error; // already gone: nothing to delete
  }
}
