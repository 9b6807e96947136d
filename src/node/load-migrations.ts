import { readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  applyExtensionOptions,
  decodeMigrationText,
  readMigrationFolder,
  withFolderWarnings,
  type ExtensionOptions,
  type MigrationEntry,
  type MigrationFolder,
  type MigrationModule,
  type MigrationSource,
  type MigrationWarning,
} from '../core/internal.js';
import { importFresh } from './import-fresh.js';

export interface LoadMigrationsOptions extends ExtensionOptions {
  /** Force a layout instead of detecting it (e.g. 'pgboot'). */
  layout?: string;
  /** Findings that do not stop loading (a symbolic link that is skipped). Defaults to `console.warn`. */
  onWarning?: (warning: MigrationWarning) => void;
}

const warnOnConsole = (warning: MigrationWarning) => console.warn(`[pgboot] ${warning.message}`);

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
  const folder = await openFolder(dir, { onWarning: options.onWarning ?? warnOnConsole });
  const { entries, warnings } = await readMigrationFolder(folder, options);
  const root = resolve(dir);
  const sources = entries.map((entry) => toSource(root, entry));
  // `extensions: { name: false }` and `replace` rewrite SQL texts (checksums stay the files').
  const rewritten = options.extensions || options.replace ? applyExtensionOptions(sources, options) : sources;
  // Files the layout skipped (drizzle-kit leftovers) reach `onWarning` and `pgboot check` with the array.
  return withFolderWarnings(rewritten, warnings);
}

/**
 * Serves a folder on disk to the layout readers. Files are read as strict UTF-8
 * (`InvalidFileEncodingError` for a NUL byte or bytes that are not UTF-8, naming file and line).
 * Symbolic links are not followed: each one is reported through `onWarning` and skipped.
 */
export async function openFolder(dir: string, options: { onWarning?: (warning: MigrationWarning) => void } = {}): Promise<MigrationFolder> {
  const root = resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const pathOf = (entry: (typeof entries)[number]) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
  const visible = (file: string) => !file.split('/').some((part) => part === 'node_modules' || part.startsWith('.'));
  const files = entries
    .filter((entry) => entry.isFile())
    .map(pathOf)
    .filter(visible)
    .sort();
  const links = entries
    .filter((entry) => entry.isSymbolicLink())
    .map(pathOf)
    .filter(visible)
    .sort();
  for (const link of links) (options.onWarning ?? warnOnConsole)({ file: link, message: await describeSkippedLink(root, link) });
  return { files, readText: async (path) => decodeMigrationText(path, await readFile(join(root, path))) };
}

/** Why a symbolic link in the folder is skipped, in words that say what to do instead. */
async function describeSkippedLink(root: string, file: string): Promise<string> {
  const rootReal = await realpath(root);
  const target = await realpath(join(root, file)).catch(() => undefined);
  const advice = 'pgboot does not follow links in the migrations folder, so it is skipped; copy the file itself into the folder if it is a migration.';
  if (target === undefined) return `${file}: a dangling symbolic link (its target does not exist); ${advice}`;
  const inside = relative(rootReal, target);
  if (inside.startsWith('..') || isAbsolute(inside)) return `${file}: a symbolic link to ${target}, outside the migrations folder; ${advice}`;
  return `${file}: a symbolic link to ${inside.split(sep).join('/')} in the same folder; ${advice}`;
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
    module: () => importFresh<MigrationModule>(path),
  };
}
