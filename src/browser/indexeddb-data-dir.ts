/** PGlite's IndexedDB layout (Emscripten's IDBFS): database `/pglite/<name>`, one record per file, keyed by its absolute path. */
export const FILE_STORE = 'FILE_DATA';
export const databaseOf = (name: string) => `/pglite/${name}`;

/** The file-type bits of a record's `mode` (Emscripten's lstat mode, which IDBFS stores whole). */
export const FILE_TYPE_BITS = { file: 0o100000, directory: 0o040000, symlink: 0o120000 } as const;

/** What a record is, by the file-type bits of its `mode`. */
export function recordType(mode: number): keyof typeof FILE_TYPE_BITS {
  const bits = mode & 0o170000;
  return bits === FILE_TYPE_BITS.directory ? 'directory' : bits === FILE_TYPE_BITS.symlink ? 'symlink' : 'file';
}

/** A record of PGlite's FILE_DATA store. */
export interface FileRecord {
  timestamp: number | Date;
  mode: number;
  contents?: Uint8Array;
  link?: string;
}

/** What is in IndexedDB for a database, read without opening PGlite. */
export interface IndexedDbDataDir {
  /** Whether the IndexedDB database `/pglite/<name>` exists at all (it may still hold no files). */
  exists: boolean;
  /** Records (files and folders) stored; 0 for a database that does not exist yet. */
  files: number;
  /** The text of its PG_VERSION file, e.g. `'17\n'`; undefined when there is none (a new database). */
  pgVersion: string | undefined;
}

/**
 * Reads how many files PGlite stored for database `name` and its PG_VERSION, without creating
 * the IndexedDB database when it does not exist. Works in a page and in a worker.
 *
 * @example
 * const { files, pgVersion } = await inspectIndexedDbDataDir('notes'); // { exists: true, files: 1234, pgVersion: '18\n' }
 */
export async function inspectIndexedDbDataDir(name: string): Promise<IndexedDbDataDir> {
  // A new user's first boot: on an origin that never used IndexedDB, opening a database (even to
  // abort its creation) first creates the origin's storage, about 80 ms here; the list does not.
  // Without a list (or when asking fails), opening it is how to know.
  if ((await listsDatabase(name).catch(() => undefined)) === false) return { exists: false, files: 0, pgVersion: undefined };
  const db = await openIfExists(databaseOf(name));
  if (!db) return { exists: false, files: 0, pgVersion: undefined };
  try {
    if (!db.objectStoreNames.contains(FILE_STORE)) return { exists: true, files: 0, pgVersion: undefined };
    const store = db.transaction(FILE_STORE, 'readonly').objectStore(FILE_STORE);
    const [files, record] = await Promise.all([request<number>(store.count()), request<FileRecord | undefined>(store.get(`${databaseOf(name)}/PG_VERSION`))]);
    return { exists: true, files, pgVersion: record?.contents ? new TextDecoder().decode(record.contents) : undefined };
  } finally {
    db.close();
  }
}

/**
 * Whether IndexedDB lists PGlite's database `name` (`indexedDB.databases()`, which opens nothing):
 * the fallback when `inspectIndexedDbDataDir` itself failed, to tell a damaged database from a first boot.
 */
export async function storedDatabaseExists(name: string): Promise<boolean> {
  return (await listsDatabase(name)) ?? false;
}

/** Whether `indexedDB.databases()` lists PGlite's database `name`; undefined where there is no such list. */
async function listsDatabase(name: string): Promise<boolean | undefined> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return undefined;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === databaseOf(name));
}

/**
 * Every record PGlite stored for database `name`, by key (the file's absolute path), read
 * without creating anything; undefined when the database or its store does not exist.
 */
export async function readStoredFiles(name: string): Promise<Map<string, FileRecord> | undefined> {
  const db = await openIfExists(databaseOf(name));
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains(FILE_STORE)) return undefined;
    const store = db.transaction(FILE_STORE, 'readonly').objectStore(FILE_STORE);
    const [keys, records] = await Promise.all([request<IDBValidKey[]>(store.getAllKeys()), request<FileRecord[]>(store.getAll())]);
    return new Map(keys.map((key, index) => [String(key), records[index]!]));
  } finally {
    db.close();
  }
}

/** Opens an IndexedDB database only if it exists: a creation is aborted (and so never happens). */
function openIfExists(dbName: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    let created = false;
    open.onupgradeneeded = () => {
      created = true;
      open.transaction?.abort();
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = (event) => {
      if (!created) return reject(open.error);
      event.preventDefault();
      resolve(undefined);
    };
  });
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
