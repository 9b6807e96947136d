import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { PgbootError, type MigrationSource } from '../core/internal.js';
import { inspectDataDir } from '../node/check-data-dir.js';
import { loadMigrations } from '../node/load-migrations.js';
import { writeWarning, type CliIo } from './io.js';

/** A path as the user should read it: relative to the working directory when inside it. */
export function displayPath(io: CliIo, path: string): string {
  const rel = relative(io.cwd, resolve(io.cwd, path));
  return rel === '' ? '.' : rel.startsWith('..') ? resolve(io.cwd, path) : rel;
}

/** Loads the migrations folder, failing with a clear message when it is missing. */
export async function loadFolder(io: CliIo, dir: string): Promise<MigrationSource[]> {
  const path = resolve(io.cwd, dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new PgbootError(`No migrations folder at ${displayPath(io, path)}. Pass --dir <path>, or create the first migration with 'pgboot create <name>'.`);
  }
  return loadMigrations(path, { onWarning: (warning) => writeWarning(io, warning) });
}

/**
 * Whether a PGlite database exists in `dataDir` (initdb has run there). A path pgboot must not
 * use (a file, a folder of other files, one this user cannot write) throws `DataDirectoryError`.
 */
export async function databaseExists(io: CliIo, dataDir: string): Promise<boolean> {
  return (await inspectDataDir(resolve(io.cwd, dataDir))) === 'database';
}
