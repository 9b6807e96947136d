import { writeTar, type TarEntry } from '../core/internal.js';
import { databaseOf, readStoredFiles, recordType } from './indexeddb-data-dir.js';

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
    entries.push({
      path: key.slice(prefix.length),
      type: recordType(record.mode),
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
