import { writeTar, type TarEntry } from '../core/tar.js';

/** PGlite's IndexedDB layout (Emscripten's IDBFS): database `/pglite/<name>`, one record per file, keyed by its absolute path. */
const STORE = 'FILE_DATA';
const databaseOf = (name: string) => `/pglite/${name}`;

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
  const db = await openIfExists(databaseOf(name));
  if (!db) return { exists: false, files: 0, pgVersion: undefined };
  try {
    if (!db.objectStoreNames.contains(STORE)) return { exists: true, files: 0, pgVersion: undefined };
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    const [files, record] = await Promise.all([request<number>(store.count()), request<FileRecord | undefined>(store.get(`${databaseOf(name)}/PG_VERSION`))]);
    return { exists: true, files, pgVersion: record?.contents ? new TextDecoder().decode(record.contents) : undefined };
  } finally {
    db.close();
  }
}

/**
 * The raw data directory of database `name` as PGlite stored it in IndexedDB, as a tar (what
 * `dumpDataDir('none')` would give, read without opening PGlite): the way to keep the data of a
 * database this PGlite cannot open (`IncompatibleDataDirError`), for the PGlite version that wrote it.
 * `undefined` when the database does not exist.
 *
 * @example
 * const tar = await exportRawDataDir('notes');
 * if (tar) download(tar, 'notes-data-dir.tar');
 */
export async function exportRawDataDir(name: string): Promise<Blob | undefined> {
  const files = await readStoredFiles(name);
  if (!files) return undefined;
  const prefix = `${databaseOf(name)}/`;
  const entries: TarEntry[] = [];
  for (const [key, record] of files) {
    if (!key.startsWith(prefix)) continue;
    const mtime = record.timestamp instanceof Date ? record.timestamp.getTime() : Number(record.timestamp);
    const kind = record.mode & 0o170000;
    const type = kind === 0o040000 ? 'directory' : kind === 0o120000 ? 'symlink' : 'file';
    entries.push({
      path: key.slice(prefix.length),
      type,
      mode: record.mode,
      mtime,
      ...(record.contents ? { data: record.contents } : {}),
      ...(record.link ? { link: record.link } : {}),
    });
  }
  // Folders before the files in them.
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new Blob([writeTar(entries) as Uint8Array<ArrayBuffer>], { type: 'application/x-tar' });
}

/**
 * Every record PGlite stored for database `name`, by key (the file's absolute path), read
 * without creating anything; undefined when the database or its store does not exist.
 */
export async function readStoredFiles(name: string): Promise<Map<string, FileRecord> | undefined> {
  const db = await openIfExists(databaseOf(name));
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains(STORE)) return undefined;
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
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
