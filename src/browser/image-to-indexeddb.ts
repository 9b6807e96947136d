import { IdbFs } from '@electric-sql/pglite';
import { readTar } from '../core/tar.js';
import { FILE_STORE, FILE_TYPE_BITS, databaseOf, type FileRecord } from './indexeddb-data-dir.js';

/** The IndexedDB version Emscripten's IDBFS opens its databases with (PGlite 0.5's `IDBFS.DB_VERSION`). */
const IDBFS_VERSION = 21;

/**
 * Writes a first-boot image (a gzipped tar of a data directory, already checked) into IndexedDB
 * as PGlite stores a data directory there: database `/pglite/<name>`, one record per file and
 * folder, keyed by its path. All in one transaction, so a tab closed half-way leaves no
 * database, and the next boot starts over. Resolves to the number of records written.
 *
 * Why not hand the image to PGlite (`loadDataDir`)? PGlite unpacks it only once its
 * WebAssembly has started, then writes all of it to IndexedDB after its first query: a first
 * boot's largest cost, in series with everything else. Written here, it happens while PGlite's
 * WebAssembly downloads and compiles, and PGlite then opens the database as on any later boot.
 */
export async function writeImageToIndexedDb(name: string, gzipped: Uint8Array): Promise<number> {
  const tar = await gunzip(gzipped);
  const root = databaseOf(name);
  const db = await openForWriting(root);
  try {
    const transaction = db.transaction(FILE_STORE, 'readwrite');
    const store = transaction.objectStore(FILE_STORE);
    let written = 0;
    for (const entry of readTar(tar)) {
      const path = entry.path.replace(/^\/+/, '');
      if (path === '') continue;
      const record: FileRecord = { timestamp: new Date(entry.mtime), mode: FILE_TYPE_BITS[entry.type] | (entry.mode & 0o7777) };
      if (entry.type === 'file') record.contents = entry.data.slice(); // its own buffer: a view would store the whole archive
      if (entry.type === 'symlink') record.link = entry.link;
      store.put(record, `${root}/${path}`);
      written++;
    }
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('the IndexedDB write failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB write was aborted'));
    });
    return written;
  } finally {
    db.close();
  }
}

/**
 * PGlite's IndexedDB filesystem, opening the data directory only once `ready` settles: PGlite
 * reads IndexedDB (`initialSyncFs`) right after its WebAssembly starts, and must find the image
 * `writeImageToIndexedDb` is still writing. If the write failed, IndexedDB holds nothing for this
 * database and PGlite creates it as usual (initdb).
 */
export class IdbFsAfter extends IdbFs {
  readonly #ready: Promise<unknown>;
  constructor(name: string, ready: Promise<unknown>) {
    super(name);
    this.#ready = ready;
  }
  override async initialSyncFs(): Promise<void> {
    await this.#ready.catch(() => undefined);
    return super.initialSyncFs();
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

async function gunzip(gzipped: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([gzipped as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
