import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checksumOf } from '../core/checksum.js';
import { isMigrationFile } from '../core/file-name.js';
import type { MigrationModule, MigrationSource } from '../core/types.js';

/**
 * Reads a migrations folder from disk into the sources the engine runs: SQL files as text,
 * TS/JS modules imported on demand (TypeScript through jiti, so plain Node 20 runs them).
 * Checksums are computed from each file's text. Files that are not migrations (README.md,
 * dotfiles, `_helpers.ts`, `*.d.ts`, tests) are skipped; the engine validates the rest.
 *
 * @example
 * const migrations = await loadMigrations('./migrations');
 * await migrate(db, { migrations });
 */
export async function loadMigrations(dir: string): Promise<MigrationSource[]> {
  const root = resolve(dir);
  const entries = await readdir(root, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && isMigrationFile(entry.name)).map((entry) => entry.name).sort();
  return Promise.all(files.map((file) => loadOne(root, file)));
}

async function loadOne(root: string, file: string): Promise<MigrationSource> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  if (file.endsWith('.sql')) return { file, sql: text };
  return { file, checksum: await checksumOf(text), module: () => importModule(path) };
}

async function importModule(path: string): Promise<MigrationModule> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  return jiti.import<MigrationModule>(path);
}
