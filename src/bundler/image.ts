import { posix } from 'node:path';
import type { Rollup } from 'vite';
import { migrationFingerprints, type ExtensionOptions, type FirstBootImage } from '../core/internal.js';
import { buildImage, resolvePgliteDir, type BuiltImage } from '../node/build-image.js';
import { loadMigrations } from '../node/load-migrations.js';

const builtImages = new Map<string, Promise<BuiltImage>>();

export interface ImageModuleOptions extends ExtensionOptions {
  /** The migrations folder (absolute). */
  dir: string;
  layout?: string | undefined;
  /** The app's root: the image is built by the PGlite resolved from there, the one the app bundles. */
  root: string;
  /** Where Vite puts assets (`build.assetsDir`). */
  assetsDir: string;
}

/**
 * The code of `virtual:pgboot/image` in a production build: builds the image in Node from the
 * migrations folder (as `pgboot/node`'s loader reads it, with the plugin's `extensions` and
 * `replace` options), emits it as `assets/pgboot-image-<hash>.tgz` with its manifest beside it
 * (`.json`, for Electron's main process or a CDN check), and exports
 * `{ url, manifest, pgliteVersion, pglite }` (`pglite`: the URLs of PGlite's own files). URLs follow the build's `base`, relative ones included.
 *
 * @example
 * // in the plugin's load hook
 * if (id === RESOLVED_IMAGE_ID) return buildImageModule(this, { dir, root, assetsDir });
 */
export async function buildImageModule(context: Pick<Rollup.PluginContext, 'emitFile'>, options: ImageModuleOptions): Promise<string> {
  const migrations = await loadMigrations(options.dir, {
    ...(options.layout === undefined ? {} : { layout: options.layout }),
    ...(options.extensions ? { extensions: options.extensions } : {}),
    ...(options.replace ? { replace: options.replace } : {}),
  });
  // One build per migration set and PGlite: a page and its worker (separate bundles) share it.
  const key = JSON.stringify([options.root, await migrationFingerprints(migrations), options.extensions ?? {}]);
  let built = builtImages.get(key);
  if (!built) {
    built = buildImage({ migrations, root: options.root, migrate: { onWarning: () => undefined } });
    builtImages.set(key, built);
    built.catch(() => builtImages.delete(key));
  }
  const { bytes, manifest } = await built;
  const base = posix.join(options.assetsDir, `pgboot-image-${manifest.sha256.slice(0, 10)}`);
  const reference = context.emitFile({ type: 'asset', fileName: `${base}.tgz`, source: bytes });
  context.emitFile({ type: 'asset', fileName: `${base}.json`, source: JSON.stringify(manifest, null, 2) + '\n' });
  return generateImageModule(`import.meta.ROLLUP_FILE_URL_${reference}`, manifest, (await resolvePgliteDir(options.root)).replaceAll('\\', '/'));
}

/**
 * `urlExpression` is JavaScript (e.g. Rollup's file-URL placeholder), everything else goes through
 * JSON.stringify. PGlite's files are imported as URLs (`?url`): Vite emits them once, as the same
 * hashed assets PGlite's own `new URL('./pglite.wasm', import.meta.url)` becomes, so whichever
 * fetches first, the browser downloads each once.
 */
function generateImageModule(urlExpression: string, manifest: FirstBootImage['manifest'], pgliteDir: string): string {
  // The image is built by the PGlite the app bundles (resolved from its root), so its version is the app's.
  return [
    `import pgliteWasm from ${JSON.stringify(`${pgliteDir}/pglite.wasm?url`)};`,
    `import pgliteData from ${JSON.stringify(`${pgliteDir}/pglite.data?url`)};`,
    `export default { url: ${urlExpression}, manifest: ${JSON.stringify(manifest)}, pgliteVersion: ${JSON.stringify(manifest.pgliteVersion)}, pglite: { wasm: pgliteWasm, data: pgliteData } };`,
    '',
  ].join('\n');
}
