import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DataDirectoryError } from '../core/internal.js';

/** What is at a data directory's path: nothing yet, an empty folder, or a PGlite database. */
export type DataDirState = 'missing' | 'empty' | 'database';

/**
 * Looks at a data directory before PGlite touches it, and refuses, with a `DataDirectoryError`
 * naming the path and what to do, what PGlite would mishandle: a regular file, a folder of
 * other files (PGlite would write a database among them), or a folder or parent this process
 * cannot read and write (PGlite reports only "failed to initialize properly"). Writes nothing.
 *
 * @example
 * if ((await inspectDataDir('./data/db')) === 'database') console.log('exists');
 */
export async function inspectDataDir(dataDir: string): Promise<DataDirState> {
  const path = resolve(dataDir);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    if (error.code === 'ENOTDIR') throw new DataDirectoryError(path, 'not-a-directory', `a part of the path is a file, not a folder`);
    throw permissionError(path, error);
  });
  if (!info) {
    await checkWritableAncestor(path);
    return 'missing';
  }
  if (!info.isDirectory()) {
    throw new DataDirectoryError(path, 'not-a-directory', `it is a ${info.isFile() ? 'regular file' : 'special file'}, not a folder`);
  }
  await checkAccess(path, info.uid);
  const names = await readdir(path).catch((error: NodeJS.ErrnoException) => {
    throw permissionError(path, error, info.uid);
  });
  await checkWritableAncestor(path); // the lock file lives beside the folder
  if (names.includes('PG_VERSION')) return 'database';
  if (names.length === 0) return 'empty';
  const shown = names.sort().slice(0, 3).join(', ');
  throw new DataDirectoryError(
    path,
    'not-a-database',
    `the folder holds other files (${shown}${names.length > 3 ? ` and ${names.length - 3} more` : ''}) but no PGlite database (no PG_VERSION file)`,
  );
}

async function checkAccess(path: string, owner: number): Promise<void> {
  try {
    await access(path, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw permissionError(path, error as NodeJS.ErrnoException, owner);
  }
}

/** The nearest folder that exists on the way up must be writable: the folder and its lock file are created there. */
async function checkWritableAncestor(path: string): Promise<void> {
  let folder = dirname(path);
  for (;;) {
    const info = await stat(folder).catch(() => undefined);
    if (info) {
      if (!info.isDirectory()) throw new DataDirectoryError(path, 'not-a-directory', `${folder} is a file, not a folder`);
      try {
        await access(folder, constants.W_OK | constants.X_OK);
      } catch (error) {
        throw permissionError(folder, error as NodeJS.ErrnoException, info.uid, path);
      }
      return;
    }
    if (dirname(folder) === folder) return;
    folder = dirname(folder);
  }
}

/** A permission failure on `path` (the data directory itself, or `parent` of it when given). */
export function permissionError(path: string, error: NodeJS.ErrnoException, owner?: number, dataDir?: string): DataDirectoryError {
  if (error.code !== 'EACCES' && error.code !== 'EPERM' && error.code !== 'EROFS') {
    return new DataDirectoryError(dataDir ?? path, 'unreadable', `${error.code ?? 'error'}: ${error.message}`, error);
  }
  const user = currentUser();
  const who = owner === undefined || owner === process.getuid?.() ? '' : ` (it belongs to user id ${owner})`;
  const what =
    error.code === 'EROFS'
      ? `${path} is on a read-only file system`
      : dataDir
        ? `this process (user ${user}) cannot create files in ${path}${who}, where the database folder and its lock file go`
        : `this process (user ${user}) cannot read and write ${path}${who}`;
  return new DataDirectoryError(dataDir ?? path, 'permission', what, error);
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}
