import { NO_IMAGE_MODULE, VIRTUAL_IMAGE_ID } from './constants.js';
import { dirname, join, sep } from 'node:path';
import { resolveExtensions, UnsupportedExtensionError, type MigrationWarning } from '../core/internal.js';
import { importFresh } from '../node/import-fresh.js';
import { RESOLVED_EXTENSIONS_ID, VIRTUAL_EXTENSIONS_ID } from './constants.js';
import { generateExtensionsModule, withBundledExtensions } from './generate-extensions.js';
import { generateMigrationsModule } from './generate-module.js';
import type { PgbootPluginOptions } from './options.js';
import { readEntries } from './read-entries.js';
import { validateMigrationEntries } from './validate.js';

/** What the module needs from the bundler it is built in. */
export interface BundlerHost {
  /** Rebuild the module when this file changes. */
  watchFile(path: string): void;
  /** Rebuild the module when files are added to or removed from this folder (where the bundler can). */
  watchFolder(path: string): void;
  /** Whether the bundler finds `specifier` imported from `importer` (an extension's PGlite module). */
  canResolve(specifier: string, importer: string): Promise<boolean>;
}

/**
 * Builds the code of `virtual:pgboot/migrations` or `virtual:pgboot/extensions` (given by
 * either its id or its resolved id) from the folder `dir`, whatever the bundler. Bad migrations
 * throw the core's typed error (a `PgbootError` naming the file); non-fatal findings come back
 * as warnings.
 *
 * @example
 * const { code } = await loadVirtualModule('virtual:pgboot/migrations', '/app/migrations', {}, host);
 */
export async function loadVirtualModule(
  id: string,
  dir: string,
  options: PgbootPluginOptions,
  host: BundlerHost,
): Promise<{ code: string; warnings: MigrationWarning[] }> {
  // The first-boot image is built by Vite production builds only (plugin.ts); elsewhere there is none.
  if (id.endsWith(VIRTUAL_IMAGE_ID)) return { code: NO_IMAGE_MODULE, warnings: [] };
  const { entries: read, files, warnings: skipped } = await readEntries(dir, options.layout);
  // Files added later must trigger a rebuild too: watch the folder and every subfolder holding a file.
  const folders = new Set([dir]);
  for (const file of files) {
    host.watchFile(join(dir, file));
    folders.add(dirname(join(dir, file)));
  }
  for (const folder of folders) host.watchFolder(folder);

  // The extensions the migrations create, wired in at build time (core/extensions.ts); unknown ones fail the build.
  const { migrations: entries, modules } = resolveExtensions(read, options);
  if (id === VIRTUAL_EXTENSIONS_ID || id === RESOLVED_EXTENSIONS_ID) {
    for (const module of modules) {
      if (!(await host.canResolve(module.specifier, join(dir, module.file)))) {
        throw new UnsupportedExtensionError(module.file, module.line, module.name, 'not-installed', module.specifier);
      }
    }
    return { code: generateExtensionsModule(modules), warnings: [] };
  }
  const absolute = (path: string) => join(dir, path).split(sep).join('/');
  const warnings = await validateMigrationEntries(entries, (path) => importFresh(absolute(path)));
  return { code: withBundledExtensions(generateMigrationsModule(entries, absolute)), warnings: [...skipped, ...warnings] };
}
