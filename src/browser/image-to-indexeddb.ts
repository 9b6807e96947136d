import { readTar } from '../core/internal.js';
import { markBoot } from './boot-marks.js';
import { FILE_STORE, FILE_TYPE_BITS, databaseOf, type FileRecord } from './indexeddb-data-dir.js';

/** The IndexedDB version Emscripten's IDBFS opens its databases with (PGlite 0.5's `IDBFS.DB_VERSION`). */
const IDBFS_VERSION = 21;

/** One file or folder of the image's data directory. */
export interface ImageEntry {
  /** Relative to the data directory, e.g. `base/1/1259`. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** Emscripten's whole mode: file-type bits and permissions, as IDBFS stores it. */
  mode: number;
  /** Modification time, ms since the epoch (whole seconds: a tar's). */
  mtime: number;
  /** A file's bytes (a view into the unpacked archive). */
  data: Uint8Array;
  link: string;
}

/** The image's files (its tar read), once for both IndexedDB and PGlite's memory. */
export function unpackImage(tar: Uint8Array): ImageEntry[] {
  markBoot('image-gunzipped');
  const entries: ImageEntry[] = [];
  for (const entry of readTar(tar)) {
    const path = entry.path.replace(/^\/+/, '');
    if (path === '') continue;
    entries.push({ path, type: entry.type, mode: FILE_TYPE_BITS[entry.type] | (entry.mode & 0o7777), mtime: entry.mtime, data: entry.data, link: entry.link });
  }
  markBoot('image-unpacked');
  return entries;
}

/**
 * Writes the image's files into IndexedDB as PGlite stores a data directory there: database
 * `/pglite/<name>`, one record per file and folder, keyed by its path, its `timestamp` the
 * file's modification time. All in one transaction, so a tab closed half-way leaves none of them,
 * and the next boot starts over. Resolves to the number of records written; rejects when `image` does.
 *
 * Why pgboot writes it rather than PGlite: PGlite's IDBFS would write it on the first flush that
 * saves something, in series with it; written here, it runs once the boot is over and the
 * database idle (boot-fs.ts), and that flush finds it there.
 */
export async function writeImageToIndexedDb(name: string, image: Promise<readonly ImageEntry[]>): Promise<number> {
  const root = databaseOf(name);
  // Opened before the image is awaited (when called by BootFs, it is already unpacked).
  const db = await openForWriting(root);
  markBoot('image-database-open');
  try {
    const entries = await image;
    const transaction = db.transaction(FILE_STORE, 'readwrite');
    const store = transaction.objectStore(FILE_STORE);
    const committed = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('the IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB write was aborted'));
    });
    // A megabyte of records at a time, the next once IndexedDB took the last: copying 17 MB into
    // IndexedDB's requests in one go held the thread for 60-120 ms, while the app ran its queries.
    // Putting from a request's success event keeps the transaction active between the parts.
    let next = 0;
    const putPart = () => {
      let bytes = 0;
      let last: IDBRequest | undefined;
      while (next < entries.length && bytes < PART_BYTES) {
        const entry = entries[next++]!;
        const record: FileRecord = { timestamp: new Date(entry.mtime), mode: entry.mode };
        if (entry.type === 'file') record.contents = entry.data.slice(); // its own buffer: a view would store the whole archive
        if (entry.type === 'symlink') record.link = entry.link;
        last = store.put(record, `${root}/${entry.path}`);
        bytes += entry.data.byteLength + 100;
      }
      if (next < entries.length) last!.onsuccess = putPart;
      else markBoot('image-queued');
    };
    try {
      putPart(); // an exception in a later part (thrown in a success event) aborts the transaction
    } catch (error) {
      transaction.abort(); // nothing of a part-written image stays
      committed.catch(() => undefined); // the error thrown is this one
      throw error;
    }
    await committed;
    markBoot('image-written');
    return entries.length;
  } finally {
    db.close();
  }
}

const PART_BYTES = 1 << 20;

/** Opens (creating) the IndexedDB database as IDBFS would: its store, and the index IDBFS syncs by. */
function openForWriting(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName, IDBFS_VERSION);
    open.onupgradeneeded = () => {
      const store = open.result.objectStoreNames.contains(FILE_STORE) ? open.transaction!.objectStore(FILE_STORE) : open.result.createObjectStore(FILE_STORE);
      if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error(`IndexedDB could not open ${dbName}`));
    open.onblocked = () => reject(new Error(`IndexedDB database ${dbName} is open elsewhere`));
  });
}
