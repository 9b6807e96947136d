import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { applyExtensionOptions, type ExtensionOptions } from '../core/extensions.js';
import { withFolderWarnings } from '../core/folder-warnings.js';
import { readMigrationFolder } from '../core/layouts/read-folder.js';
import type { MigrationEntry, MigrationFolder } from '../core/layouts/types.js';
import type { MigrationModule, MigrationSource } from '../core/types.js';

export interface LoadMigrationsOptions extends ExtensionOptions {
  /** Force a layout instead of detecting it (e.g. 'pgboot'). */
  layout?: string;
}

/**
 * Reads a migrations folder from disk into the sources the engine runs: SQL files as text,
 * TS/JS modules imported when the engine needs them (TypeScript through jiti, so plain
 * Node 20 runs them). Checksums are computed from each file's text. Files the layout skips
 * on purpose (drizzle-kit leftovers) are attached as folder warnings, which `migrate` reports.
 *
 * @example
 * const migrations = await loadMigrations('./migrations');
 * await migrate(db, { migrations });
 */
export async function loadMigrations(dir: string, options: LoadMigrationsOptions = {}): Promise<MigrationSource[]> {
  const folder = await openFolder(dir);
  const { entries, warnings } = await readMigrationFolder(folder, options);
  const root = resolve(dir);
  const sources = entries.map((entry) => toSource(root, entry));
  // `extensions: { name: false }` and `replace` rewrite SQL texts (checksums stay the files').
  const rewritten = options.extensions || options.replace ? applyExtensionOptions(sources, options) : sources;
  // Files the layout skipped (drizzle-kit leftovers) reach `onWarning` and `pgboot check` with the array.
  return withFolderWarnings(rewritten, warnings);
}

/** Serves a folder on disk to the layout readers. */
export async function openFolder(dir: string): Promise<MigrationFolder> {
  const root = resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part === 'node_modules' || part.startsWith('.')))
    .sort();
  return { files, readText: (path) => readFile(join(root, path), 'utf8') };
}

function toSource(root: string, entry: MigrationEntry): MigrationSource {
  if (entry.kind === 'sql') {
    const { kind: _kind, ...source } = entry;
    return source;
  }
  const path = join(root, entry.path);
  return {
    file: entry.file,
    ...(entry.id === undefined ? {} : { id: entry.id }),
    checksum: entry.checksum,
    ...(entry.extensionUses ? { extensionUses: entry.extensionUses } : {}),
    module: () => importModule(path),
  };
}

async function importModule(path: string): Promise<MigrationModule> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  return jiti.import<MigrationModule>(path);
}
