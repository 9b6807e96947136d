import type { PGliteOptions } from '@electric-sql/pglite';
import type { PgliteFiles } from '../core/internal.js';
import { markBoot } from './boot-marks.js';

/** What `PGlite.create` takes instead of loading its files itself: either may be missing (then PGlite loads that one). */
export type PreloadedPglite = Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>;

/**
 * Starts loading PGlite's files from the URLs the bundler plugin names (`image.pglite`): its
 * WebAssembly compiled as it downloads (`WebAssembly.compileStreaming`), and its file bundle
 * downloaded alongside. PGlite would fetch both too, but compile only once the file bundle has
 * arrived: on a first visit (nothing cached), that costs a few hundred milliseconds. The boot
 * starts it once it holds the database (a tab that waits compiles nothing) and awaits it just
 * before `PGlite.create` (each `PGlite.create` of that boot shares it). A file that fails to load
 * is left to PGlite, which reports its own error.
 */
export async function preloadPglite(files: PgliteFiles): Promise<PreloadedPglite> {
  const [pgliteWasmModule, fsBundle] = await Promise.all([compileWasm(files.wasm), fetchBundle(files.data)]);
  markBoot('pglite-preloaded');
  return { ...(pgliteWasmModule ? { pgliteWasmModule } : {}), ...(fsBundle ? { fsBundle } : {}) };
}

async function compileWasm(url: string): Promise<WebAssembly.Module | undefined> {
  try {
    const module = await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
    markBoot('pglite-wasm-compiled');
    return module;
  } catch {
    return undefined; // e.g. served without `Content-Type: application/wasm`: PGlite's own load says what is wrong
  }
}

async function fetchBundle(url: string): Promise<Blob | undefined> {
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    const blob = response.ok ? await response.blob() : undefined;
    markBoot('pglite-data-fetched');
    return blob;
  } catch {
    return undefined;
  }
}
