import { isAbsolute, relative } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import type { PgbootError } from '../core/internal.js';
import { describeBuildError } from './build-error.js';
import { RESOLVED_EXTENSIONS_ID, RESOLVED_MIGRATIONS_ID } from './constants.js';
import { migrationsDir, type PgbootPluginOptions } from './options.js';
import type { PluginState } from './plugin-state.js';

/**
 * The Vite-only part of the plugin: itself in worker bundles, the folder relative to Vite's `root`, warnings through
 * Vite's logger, and in dev a full reload when a file in the folder is added, changed or
 * removed, with the last build error repeated to pages whose HMR socket connects later.
 */
export function viteHooks(options: PgbootPluginOptions, state: PluginState, workerPlugin: () => Plugin): Partial<Plugin> {
  let server: ViteDevServer | undefined;
  const inDir = (file: string) => {
    const rel = relative(state.dir, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };

  return {
    config(userConfig) {
      // Worker mode: the database worker imports virtual:pgboot/migrations too, and PGlite's
      // worker needs ES modules. Worker bundles get plugins of their own, so add this one there.
      if (userConfig.worker?.plugins) return { worker: { format: 'es' } };
      return { worker: { format: 'es', plugins: () => [workerPlugin()] } };
    },

    configResolved(config) {
      state.dir = migrationsDir(options, config.root);
      state.folderWatchedByServer = config.command === 'serve';
      if (config.command === 'build') state.imageBuild = { root: config.root, assetsDir: config.build.assetsDir };
      state.warn = (w) => config.logger.warn(`[pgboot] ${w.message}`);
    },

    configureServer(devServer) {
      server = devServer;
      devServer.watcher.add(state.dir);
      const reload = (file: string) => {
        if (!inDir(file)) return;
        // The folder changed: the error of the old set is stale, and replaying it to the reloading page would outlive a fix.
        state.lastError = undefined;
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
        if (state.lastError) devServer.ws.send({ type: 'error', err: overlayPayload(state.lastError, state.dir) });
      });
    },

    hotUpdate({ file }) {
      // Migration files are handled by the watcher above (invalidate + full reload), not by HMR.
      if (server && inDir(file)) return [];
      return undefined;
    },
  };
}

/** The error in the shape Vite's overlay shows: message, file and line. */
function overlayPayload(error: PgbootError, dir: string) {
  const { message, file, line } = describeBuildError(error, dir);
  return {
    message,
    stack: '',
    plugin: 'pgboot',
    ...(file === undefined ? {} : { id: file, loc: { file, line: line ?? 1, column: 0 } }),
  };
}
