import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PartialMessage, PluginBuild } from 'esbuild';
import { PgbootError } from '../core/internal.js';
import { describeBuildError } from './build-error.js';
import { VIRTUAL_ID_FILTER } from './constants.js';
import { loadVirtualModule } from './load-virtual-module.js';
import { migrationsDir, type PgbootPluginOptions } from './options.js';

const NAMESPACE = 'pgboot';

/**
 * The plugin on esbuild's own API rather than unplugin's resolveId/load: only there can a load
 * return `watchDirs` (so `context.watch()` rebuilds when a file is added) and errors with a
 * location (so esbuild prints the migration's file and line).
 */
export function setupEsbuild(options: PgbootPluginOptions, build: PluginBuild): void {
  const dir = migrationsDir(options, build.initialOptions.absWorkingDir ?? process.cwd());

  build.onResolve({ filter: VIRTUAL_ID_FILTER }, (args) => ({ path: args.path, namespace: NAMESPACE }));

  build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
    const watchFiles: string[] = [];
    const watchDirs: string[] = [];
    const host = {
      watchFile: (path: string) => watchFiles.push(path),
      watchFolder: (path: string) => watchDirs.push(path),
      canResolve: async (specifier: string, importer: string) =>
        (await build.resolve(specifier, { kind: 'import-statement', resolveDir: dirname(importer) })).errors.length === 0,
    };
    try {
      const { code, warnings } = await loadVirtualModule(args.path, dir, options, host);
      if (options.onWarning) warnings.forEach(options.onWarning);
      const reported = options.onWarning ? [] : warnings.map((w) => ({ text: w.message }));
      // resolveDir: the generated code imports the migration modules by absolute path and the extensions by package name.
      return { contents: code, loader: 'js', resolveDir: dir, watchFiles, watchDirs, warnings: reported };
    } catch (error) {
      if (!(error instanceof PgbootError)) throw error;
      return { errors: [await esbuildMessage(error, dir)], watchFiles, watchDirs: watchDirs.length ? watchDirs : [dir] };
    }
  });
}

/** esbuild's error: the core's message (esbuild adds "[plugin: pgboot]"), at the file and line, showing that line. */
async function esbuildMessage(error: PgbootError, dir: string): Promise<PartialMessage> {
  const { file, line = 1 } = describeBuildError(error, dir);
  if (file === undefined) return { text: error.message, detail: error };
  // The file may be gone already (removed while watching): then the location shows no line text.
  const lineText = (await readFile(file, 'utf8').catch(() => '')).split(/\r?\n/)[line - 1] ?? '';
  return { text: error.message, location: { file, line, column: 0, lineText }, detail: error };
}
