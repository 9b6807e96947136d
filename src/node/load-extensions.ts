import type { Extension, Extensions } from '@electric-sql/pglite';
import { resolveExtensions, UnsupportedExtensionError, type ExtensionOptions, type MigrationSource } from '../core/internal.js';

export interface LoadExtensionsOptions {
  /** `false` skips an extension's statements; a string loads it from that module (see `ExtensionOptions`). */
  extensions?: ExtensionOptions['extensions'];
  /** Extensions already in hand (what you pass to PGlite yourself): not imported again. Matched by key and by the module's `name`. */
  provided?: Extensions;
}

/**
 * Imports the PGlite modules for every extension the migrations create (`CREATE EXTENSION`), so
 * the database opens with them now and at every later open. Throws `UnsupportedExtensionError`,
 * naming the migration and the extension, for one PGlite has no module for, or whose module is
 * not installed (e.g. `vector` without `@electric-sql/pglite-pgvector`).
 *
 * @example
 * const migrations = await loadMigrations('./migrations');
 * const db = await PGlite.create({ dataDir: './data', extensions: await loadExtensions(migrations) });
 * await migrate(db, { migrations });
 */
export async function loadExtensions(migrations: readonly MigrationSource[], options: LoadExtensionsOptions = {}): Promise<Extensions> {
  const provided = Object.entries(options.provided ?? {}).flatMap(([key, extension]) => [key, (extension as Extension).name]);
  const { modules } = resolveExtensions(migrations, { ...(options.extensions ? { extensions: options.extensions } : {}), provided });
  const loaded: Extensions = {};
  for (const module of modules) {
    let exports: Record<string, unknown>;
    try {
      exports = (await import(/* @vite-ignore */ module.specifier)) as Record<string, unknown>;
    } catch {
      throw new UnsupportedExtensionError(module.file, module.line, module.name, 'not-installed', module.specifier);
    }
    const extension = exports[module.exportName] ?? exports.default;
    if (extension === undefined) throw new UnsupportedExtensionError(module.file, module.line, module.name, 'not-installed', module.specifier);
    loaded[module.exportName] = extension as Extension;
  }
  return loaded;
}
