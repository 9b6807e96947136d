import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { PgbootError, UnsupportedExtensionError } from '../core/errors.js';
import { resolveExtensions, type ExtensionOptions } from '../core/extensions.js';
import type { MigrationWarning } from '../core/types.js';
import { RESOLVED_EXTENSIONS_ID, RESOLVED_IMAGE_ID, RESOLVED_MIGRATIONS_ID, VIRTUAL_EXTENSIONS_ID, VIRTUAL_IMAGE_ID, VIRTUAL_MIGRATIONS_ID } from './constants.js';
import { generateExtensionsModule, withBundledExtensions } from './generate-extensions.js';
import { generateMigrationsModule } from './generate-module.js';
import { buildImageModule, NO_IMAGE_MODULE } from './image.js';
import { readEntries } from './read-entries.js';
import { validateMigrationEntries } from './validate.js';

export interface PgbootPluginOptions {
  /** The migrations folder, relative to Vite's `root` (or absolute). Default `'migrations'`. */
  dir?: string;
  /** Force a folder layout (e.g. `'pgboot'`) instead of detecting it. */
  layout?: string;
  /** Non-fatal findings (e.g. two files sharing a version). Default: Vite's logger warns. */
  onWarning?: (warning: MigrationWarning) => void;
  /**
   * For extensions PGlite has no module for: `false` skips their CREATE/DROP EXTENSION statements,
   * a string loads them from that module. E.g. `{ postgis: false }`.
   */
  extensions?: ExtensionOptions['extensions'];
  /** Per migration id, SQL to bundle instead of the migration's file (its checksum stays the file's). */
  replace?: ExtensionOptions['replace'];
  /**
   * `true`: a production build also builds a first-boot image (the migrated database, gzipped) and
   * serves it through `virtual:pgboot/image`, so a new user's first boot skips initdb and the
   * migrations. Not built in dev (`virtual:pgboot/image` is `undefined` there). Default `false`.
   */
  image?: boolean;
}

/**
 * Vite plugin serving `virtual:pgboot/migrations`: the folder's migrations in run order,
 * each with its id and build-time checksum, SQL inline and TS/JS modules bundled.
 * Bad migrations (name, repeated id, own BEGIN/COMMIT, module without `up`) fail the build,
 * and show in the dev server's error overlay, naming the file. In dev, adding, changing or
 * removing a file in the folder reloads the page, so the new set applies.
 *
 * @example
 * // vite.config.ts
 * import pgboot from 'pgboot/vite';
 * export default defineConfig({
 *   plugins: [pgboot({ dir: 'migrations' })],
 *   optimizeDeps: { exclude: ['@electric-sql/pglite'] },
 * });
 */
export function pgboot(options: PgbootPluginOptions = {}): Plugin {
  let dir = resolve(options.dir ?? 'migrations');
  let server: ViteDevServer | undefined;
  let lastError: PgbootError | undefined;
  let building = false;
  let root = process.cwd();
  let assetsDir = 'assets';
  let warn: (warning: MigrationWarning) => void = options.onWarning ?? ((w) => console.warn(`[pgboot] ${w.message}`));

  const inDir = (file: string) => {
    const rel = relative(dir, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  const absolute = (path: string) => join(dir, path).split(sep).join('/');

  return {
    name: 'pgboot',

    configResolved(config) {
      dir = resolve(config.root, options.dir ?? 'migrations');
      ({ root, build: { assetsDir } } = config);
      building = config.command === 'build';
      if (!options.onWarning) warn = (w) => config.logger.warn(`[pgboot] ${w.message}`);
    },

    configureServer(devServer) {
      server = devServer;
      devServer.watcher.add(dir);
      const reload = (file: string) => {
        if (!inDir(file)) return;
        for (const environment of Object.values(devServer.environments)) {
          for (const resolved of [RESOLVED_MIGRATIONS_ID, RESOLVED_EXTENSIONS_ID]) {
            const module = environment.moduleGraph.getModuleById(resolved);
            if (module) environment.moduleGraph.invalidateModule(module);
          }
        }
        devServer.ws.send({ type: 'full-reload', path: '*' });
      };
      for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) devServer.watcher.on(event, reload);
      // An error raised before the page's HMR socket connected would never reach the overlay: repeat it.
      devServer.ws.on('connection', () => {
        if (lastError) devServer.ws.send({ type: 'error', err: overlayPayload(lastError, dir) });
      });
    },

    resolveId(id) {
      if (id === VIRTUAL_EXTENSIONS_ID) return RESOLVED_EXTENSIONS_ID;
      if (id === VIRTUAL_IMAGE_ID) return RESOLVED_IMAGE_ID;
      return id === VIRTUAL_MIGRATIONS_ID ? RESOLVED_MIGRATIONS_ID : undefined;
    },

    async load(id) {
      if (id === RESOLVED_IMAGE_ID) {
        if (!options.image || !building) return NO_IMAGE_MODULE;
        return buildImageModule(this, { dir, layout: options.layout, root, assetsDir, extensions: options.extensions, replace: options.replace });
      }
      if (id !== RESOLVED_MIGRATIONS_ID && id !== RESOLVED_EXTENSIONS_ID) return undefined;
      try {
        const { entries: read, files } = await readEntries(dir, options.layout);
        for (const file of files) this.addWatchFile(join(dir, file));
        // The extensions the migrations create, wired in at build time (extensions.ts); unknown ones fail the build.
        const { migrations: entries, modules } = resolveExtensions(read, options);
        if (id === RESOLVED_EXTENSIONS_ID) {
          for (const module of modules) {
            if (!(await this.resolve(module.specifier, join(dir, module.file)))) {
              throw new UnsupportedExtensionError(module.file, module.line, module.name, 'not-installed', module.specifier);
            }
          }
          return generateExtensionsModule(modules);
        }
        const warnings = await validateMigrationEntries(entries, (path) => importForValidation(absolute(path)));
        warnings.forEach(warn);
        lastError = undefined;
        return withBundledExtensions(generateMigrationsModule(entries, absolute));
      } catch (error) {
        if (!(error instanceof PgbootError)) throw error;
        lastError = error;
        const payload = overlayPayload(error, dir);
        return this.error({ message: payload.message, id: payload.id, ...(payload.loc ? { loc: payload.loc } : {}) });
      }
    },

    hotUpdate({ file }) {
      // Migration files are handled by the watcher above (invalidate + full reload), not by HMR.
      if (server && inDir(file)) return [];
      return undefined;
    },
  };
}

/** The error in the shape Vite's overlay and build output show: message, file and line. */
function overlayPayload(error: PgbootError, dir: string) {
  const file = error.file === undefined ? undefined : join(dir, error.file);
  return {
    message: `[pgboot] ${error.message}`,
    stack: '',
    plugin: 'pgboot',
    ...(file === undefined ? {} : { id: file }),
    ...(file === undefined ? {} : { loc: { file, line: error.line ?? 1, column: 0 } }),
  };
}

/**
 * Loads a migration module in Node, fresh each time, to check its exports at build time.
 * jiti is what the Node loader and the CLI use too, so a module that builds also runs there.
 */
async function importForValidation(path: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  return jiti.import(path);
}
