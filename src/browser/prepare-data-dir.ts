import { imageVersionDiffers, parsePgVersion, PGLITE_PG_MAJOR, type FirstBootImage, type MigrationWarning } from '../core/internal.js';
import type { CreateFrom, ResolveFirstBootImageOptions, StartedPGlite } from './first-boot-image.js';
import { markBoot } from './boot-marks.js';
import { inspectIndexedDbDataDir } from './indexeddb-data-dir.js';

/** How a browser boot starts: the data directory found, and the image to load when there is none. */
export interface PreparedDataDir {
  /** `undefined`: not inspected (a `dataDir` other than IndexedDB's). */
  source: 'existing' | 'image' | 'new' | undefined;
  /** The image for `loadDataDir`, possibly still downloading (see `PendingImage` in first-boot-image.ts). */
  loadDataDir: Blob | undefined;
  /** Whether IndexedDB held the database before this boot (so a failure to open it may mean damage). */
  stored: boolean;
}

/**
 * Before PGlite opens `idb://<name>`: rejects with `IncompatibleDataDirError` when the stored data
 * directory is another Postgres major's (PGlite would abort on it), and starts downloading the
 * first-boot image when there is no data directory yet (a manifest that does not match, an
 * unreachable URL or an error status is a warning and no image). What `bootDatabase` runs under its lock.
 * The image's code (first-boot-image.ts) is loaded only when there is an image to consider.
 */
export async function prepareDataDir(options: ResolveFirstBootImageOptions): Promise<PreparedDataDir> {
  const found = await inspectIndexedDbDataDir(options.name);
  markBoot('inspected');
  if (found.pgVersion !== undefined && parsePgVersion(found.pgVersion) !== PGLITE_PG_MAJOR) {
    // Another major's: the error (and its advice) loads only now.
    // biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
    const { assertCompatibleDataDir } = await import('../core/data-dir-version.js');
    assertCompatibleDataDir(`/pglite/${options.name}`, found.pgVersion);
  }
  const stored = found.exists;
  if (found.pgVersion !== undefined) return { source: 'existing', loadDataDir: undefined, stored };
  const { image } = options;
  if (!image || found.files > 0) return { source: 'new', loadDataDir: undefined, stored };
  // Requested before the image's code loads (a chain of chunks, each waiting its turn on a first
  // visit), unless its manifest is plainly another PGlite's. startImage checks the rest, and aborts it.
  const plausible = !imageVersionDiffers(image.manifest, { pgliteVersion: image.pgliteVersion, pgMajor: PGLITE_PG_MAJOR });
  const download = new AbortController();
  const response = plausible ? fetch(image.url, { signal: download.signal }) : undefined;
  response?.catch(() => undefined); // startImage reads it
  const requested = response && { response, abort: () => download.abort() };
  const pending = await (await import('./first-boot-image.js')).startImage(found, options, requested);
  return pending ? { source: 'image', loadDataDir: pending, stored } : { source: 'new', loadDataDir: undefined, stored };
}

/**
 * Creates the PGlite instance a `prepareDataDir` result calls for, or lets `started` (a PGlite
 * already loading, open-and-migrate.ts) open: from the image when there is one (see
 * `createFromImage` for what happens when that fails), else as usual.
 */
export async function createPrepared<T>(
  prepared: PreparedDataDir,
  create: (from: CreateFrom) => Promise<T>,
  options: { name: string; image?: FirstBootImage | undefined; onWarning?: ((warning: MigrationWarning) => void) | undefined },
  started?: StartedPGlite<T>,
): Promise<{ db: T; source: PreparedDataDir['source'] }> {
  if (!prepared.loadDataDir) {
    if (!started) return { db: await create({}), source: prepared.source };
    started.fs.open({ from: 'indexeddb' });
    return { db: await started.db, source: prepared.source };
  }
  const { createFromImage } = await import('./first-boot-image.js');
  return createFromImage(prepared.loadDataDir, create, options, started);
}
