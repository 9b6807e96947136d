import { dirname } from 'node:path';
import type { Plugin as VitePlugin } from 'vite';
import { createUnplugin, type UnpluginBuildContext, type UnpluginContext, type UnpluginInstance } from 'unplugin';
import { PgbootError, type MigrationWarning } from '../core/internal.js';
import { describeBuildError, loaderError } from './build-error.js';
import { ANY_VIRTUAL_ID_FILTER, RESOLVED_ID_FILTER, RESOLVED_IMAGE_ID, VIRTUAL_ID_FILTER } from './constants.js';
import { setupEsbuild } from './esbuild-setup.js';
import { loadVirtualModule, type BundlerHost } from './load-virtual-module.js';
import { migrationsDir, type PgbootPluginOptions } from './options.js';
import type { PluginState } from './plugin-state.js';
import { viteHooks } from './vite-hooks.js';

type HookContext = UnpluginBuildContext & UnpluginContext;

/**
 * pgboot's bundler plugin, written once on unplugin: `virtual:pgboot/migrations` (and
 * `virtual:pgboot/extensions`) for Vite, Rollup, webpack, Rspack and esbuild. Every bundler
 * gets the same module, the same build-time checks (reported as that bundler's errors,
 * naming the file) and a rebuild when a file in the folder is added, changed or removed.
 */
export const pgbootUnplugin: UnpluginInstance<PgbootPluginOptions | undefined, false> = createUnplugin<PgbootPluginOptions | undefined, false>(
  (options = {}, meta) => {
    if (meta.framework === 'esbuild') return { name: 'pgboot', esbuild: { setup: (build) => setupEsbuild(options, build) } };

    const state: PluginState = { dir: migrationsDir(options, process.cwd()) };
    const webpackLike = meta.framework === 'webpack' || meta.framework === 'rspack';

    return {
      name: 'pgboot',

      resolveId: {
        // The resolved form too: webpack gets it from the hook below.
        filter: { id: ANY_VIRTUAL_ID_FILTER },
        handler: (id) => (VIRTUAL_ID_FILTER.test(id) ? `\0${id}` : RESOLVED_ID_FILTER.test(id) ? id : undefined),
      },

      load: {
        filter: { id: RESOLVED_ID_FILTER },
        async handler(id) {
          if (!RESOLVED_ID_FILTER.test(id)) return undefined;
          try {
            if (id === RESOLVED_IMAGE_ID && options.image && state.imageBuild && meta.framework === 'vite') {
              const { buildImageModule } = await import('./image.js');
              return await buildImageModule(this as unknown as Parameters<typeof buildImageModule>[0], {
                dir: state.dir,
                layout: options.layout,
                ...state.imageBuild,
                ...(options.extensions ? { extensions: options.extensions } : {}),
                ...(options.replace ? { replace: options.replace } : {}),
              });
            }
            const host = webpackLike ? webpackHost(this) : rollupHost(this, state.folderWatchedByServer === true);
            const { code, warnings } = await loadVirtualModule(id, state.dir, options, host);
            // Rollup and Vite name the plugin in their warnings themselves; webpack and Rspack do not.
            warnings.forEach(options.onWarning ?? state.warn ?? ((w: MigrationWarning) => this.warn(webpackLike ? `[pgboot] ${w.message}` : w.message)));
            state.lastError = undefined;
            return code;
          } catch (error) {
            if (!(error instanceof PgbootError)) throw error;
            state.lastError = error;
            // webpack and Rspack: a thrown error fails the module's build ("Module build failed").
            if (webpackLike) throw loaderError(error, state.dir);
            // Rollup and Vite: their own error, with the file and line (Vite's overlay shows both).
            const { message, file, line } = describeBuildError(error, state.dir);
            this.error({ message, ...(file === undefined ? {} : { id: file, loc: { file, line: line ?? 1, column: 0 } }) });
            return undefined;
          }
        },
      },

      // Worker bundles (worker mode's database worker) get a plugin instance of their own.
      vite: viteHooks(options, state, () => pgbootUnplugin.vite(options) as VitePlugin),
      webpack(compiler) {
        state.dir = migrationsDir(options, compiler.context);
        // webpack takes `virtual:` for a URL scheme and fails to read it ("UnhandledSchemeError"). Before
        // that, turn the id into its resolved form, which has no scheme: the resolveId hook above takes it.
        compiler.hooks.normalModuleFactory.tap('pgboot', (factory) => {
          factory.hooks.beforeResolve.tap('pgboot', (data) => {
            if (VIRTUAL_ID_FILTER.test(data.request)) data.request = `\0${data.request}`;
          });
        });
      },
      rspack(compiler) {
        state.dir = migrationsDir(options, compiler.context);
      },
    };
  },
);

/** Rollup's and Vite's context: native `addWatchFile` and `resolve` (aliases and all). */
function rollupHost(context: HookContext, folderWatchedByServer: boolean): BundlerHost {
  const native = context as HookContext & { resolve(specifier: string, importer: string): Promise<unknown> };
  return {
    watchFile: (path) => context.addWatchFile(path),
    // Rollup's and Rolldown's watchers report files added to a watched folder. Vite's dev server
    // watches the folder itself and reloads the page (vite-hooks.ts); `vite build --watch` needs this.
    watchFolder: (path) => (folderWatchedByServer ? undefined : context.addWatchFile(path)),
    canResolve: async (specifier, importer) => Boolean(await native.resolve(specifier, importer)),
  };
}

/** The part of webpack's and Rspack's loader context used here (the same in both). */
interface LoaderContextLike {
  addContextDependency(path: string): void;
  getResolve(options?: object): (context: string, request: string) => Promise<string | false>;
}

/** webpack's and Rspack's loader context: file and context dependencies, and their own resolver. */
function webpackHost(context: HookContext): BundlerHost {
  const native = context.getNativeBuildContext?.();
  const loader = (native && 'loaderContext' in native ? native.loaderContext : undefined) as LoaderContextLike | undefined;
  if (!loader) throw new Error('pgboot: the webpack/Rspack loader context is missing (unplugin changed?)');
  return {
    watchFile: (path) => context.addWatchFile(path),
    watchFolder: (path) => loader.addContextDependency(path),
    canResolve: async (specifier, importer) => {
      try {
        return Boolean(await loader.getResolve({ dependencyType: 'esm' })(dirname(importer), specifier));
      } catch {
        return false; // not found: the caller reports which migration needs it
      }
    },
  };
}
