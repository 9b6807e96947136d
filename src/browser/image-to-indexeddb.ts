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
 * Why pgboot writes it rather than PGlite: PGlite would write it on its first query, after its
 * WebAssembly started, in series with everything else; written here, it runs while PGlite's
 * WebAssembly downloads and compiles, and PGlite's first flush finds it there (boot-fs.ts).
 */
export async function writeImageToIndexedDb(name: string, image: Promise<readonly ImageEntry[]>): Promise<number> {
  const root = databaseOf(name);
  // Opened at once, while the image downloads: the first open of a database creates it, which takes a while.
  const db = await openForWriting(root);
  markBoot('image-database-open');
  try {
    const entries = await image;
    const transaction = db.transaction(FILE_STORE, 'readwrite');
    const store = transaction.objectStore(FILE_STORE);
    for (const entry of entries) {
      const record: FileRecord = { timestamp: new Date(entry.mtime), mode: entry.mode };
      if (entry.type === 'file') record.contents = entry.data.slice(); // its own buffer: a view would store the whole archive
      if (entry.type === 'symlink') record.link = entry.link;
      store.put(record, `${root}/${entry.path}`);
    }
    markBoot('image-queued');
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('the IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB write was aborted'));
    });
    markBoot('image-written');
    return entries.length;
  } finally {
    db.close();
  }
}

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
