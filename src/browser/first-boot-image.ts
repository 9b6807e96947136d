import { PGLITE_PG_MAJOR, assertCompatibleDataDir } from '../core/data-dir-version.js';
import type { ProgressListener } from '../core/execute-batch.js';
import { imageDigest, imageMismatch, migrationFingerprints, type FirstBootImage } from '../core/image-manifest.js';
import type { MigrationSource, MigrationWarning } from '../core/types.js';
import { deleteIndexedDb } from './delete-indexeddb.js';
import { inspectIndexedDbDataDir, type IndexedDbDataDir } from './indexeddb-data-dir.js';

export interface ResolveFirstBootImageOptions {
  /** The database name (IndexedDB `/pglite/<name>`). */
  name: string;
  /** What `virtual:pgboot/image` exports (`undefined` in dev: nothing to do). */
  image?: FirstBootImage | undefined;
  /** The bundled migrations: the image's must be their first ones. */
  migrations: readonly MigrationSource[];
  /** Reports the download: phase `'download'`, `index` = bytes received, `total` = the image's bytes. */
  onProgress?: ProgressListener | undefined;
  /** Why an image was not used (wrong version, unreachable, corrupt); the boot goes on without it. */
  onWarning?: ((warning: MigrationWarning) => void) | undefined;
}

/**
 * The image to start a new database from (`PGlite.create({ loadDataDir })`), or undefined for a
 * normal boot. Only on a first boot (no data directory in IndexedDB yet), only when the
 * manifest matches this app (same PGlite version and Postgres major; its migrations the first
 * ones of `migrations`, same checksums), and only when the download is whole (its size and
 * SHA-256 are the manifest's). Any other outcome is a warning and `undefined`: a normal boot,
 * nothing lost. Uses only fetch, IndexedDB and Web Crypto, so it runs in a page and in a worker.
 *
 * @example
 * import image from 'virtual:pgboot/image';
 * const loadDataDir = await resolveFirstBootImage({ name: 'notes', image, migrations });
 * const db = await PGlite.create({ dataDir: 'idb://notes', ...(loadDataDir ? { loadDataDir } : {}) });
 */
export async function resolveFirstBootImage(options: ResolveFirstBootImageOptions): Promise<Blob | undefined> {
  if (!options.image) return undefined;
  return fetchImageFor(await inspectIndexedDbDataDir(options.name), options);
}

/** How a browser boot starts: the data directory found, and the image to load when there is none. */
export interface PreparedDataDir {
  /** `undefined`: not inspected (a `dataDir` other than IndexedDB's). */
  source: 'existing' | 'image' | 'new' | undefined;
  loadDataDir: Blob | undefined;
}

/**
 * Before PGlite opens `idb://<name>`: rejects with `IncompatibleDataDirError` when the stored data
 * directory is another Postgres major's (PGlite would abort on it), and fetches the first-boot
 * image when there is no data directory yet. What `bootDatabase` runs under its lock.
 */
export async function prepareDataDir(options: ResolveFirstBootImageOptions): Promise<PreparedDataDir> {
  const found = await inspectIndexedDbDataDir(options.name);
  assertCompatibleDataDir(`/pglite/${options.name}`, found.pgVersion);
  if (found.pgVersion !== undefined) return { source: 'existing', loadDataDir: undefined };
  const loadDataDir = options.image ? await fetchImageFor(found, options) : undefined;
  return { source: loadDataDir ? 'image' : 'new', loadDataDir };
}

async function fetchImageFor(found: IndexedDbDataDir, options: ResolveFirstBootImageOptions): Promise<Blob | undefined> {
  const image = options.image!;
  // Not a first boot: the database exists (or PGlite left files behind, which a tarball cannot be loaded over).
  if (found.files > 0) return undefined;
  const warn = (reason: string) => {
    options.onWarning?.({ file: image.url, message: `The first-boot image ${image.url} was not used: ${reason}. The database is created as usual (initdb and every migration).` });
    return undefined;
  };
  const mismatch = imageMismatch(image.manifest, {
    pgliteVersion: image.pgliteVersion,
    pgMajor: PGLITE_PG_MAJOR,
    bundled: await migrationFingerprints(options.migrations),
  });
  if (mismatch) return warn(mismatch);

  let bytes: Uint8Array;
  try {
    bytes = await download(image, options.onProgress);
  } catch (error) {
    return warn(`downloading it failed (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = await integrityProblem(bytes, image.manifest);
  if (problem) return warn(problem);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-gzip' });
}

async function download(image: FirstBootImage, onProgress: ProgressListener | undefined): Promise<Uint8Array> {
  const response = await fetch(image.url);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const total = image.manifest.bytes;
  const chunks: Uint8Array[] = [];
  let received = 0;
  await onProgress?.({ phase: 'download', index: 0, total, id: undefined });
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    // A body larger than announced is not the image: stop reading it.
    if (received > total) {
      await reader.cancel();
      throw new Error(`the response is larger than the image's ${total} bytes`);
    }
    await onProgress?.({ phase: 'download', index: received, total, id: undefined });
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Why the downloaded bytes are not the image the manifest describes, or undefined. */
async function integrityProblem(bytes: Uint8Array, manifest: FirstBootImage['manifest']): Promise<string | undefined> {
  if (bytes.byteLength !== manifest.bytes) {
    return `the download has ${bytes.byteLength} bytes, the image ${manifest.bytes} (truncated, or rewritten by the server, e.g. with a Content-Encoding)`;
  }
  if (globalThis.crypto?.subtle) {
    const digest = await imageDigest(bytes);
    return digest === manifest.sha256 ? undefined : `its SHA-256 is ${digest.slice(0, 12)}, the manifest's ${manifest.sha256.slice(0, 12)} (corrupt)`;
  }
  // No Web Crypto outside secure contexts (plain http on another host than localhost): at least
  // decompress it all, which fails on a truncated or corrupt gzip stream.
  try {
    const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    while (!(await reader.read()).done);
    return undefined;
  } catch (error) {
    return `it does not decompress (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Creates the PGlite instance a `prepareDataDir` result calls for: from the image when there is
 * one. Should PGlite reject the image anyway, it warns, deletes what that attempt left in
 * IndexedDB (a new database: nothing to lose) and creates the database as usual.
 */
export async function createPrepared<T>(
  prepared: PreparedDataDir,
  create: (loadDataDir?: Blob) => Promise<T>,
  options: { name: string; onWarning?: ((warning: MigrationWarning) => void) | undefined },
): Promise<{ db: T; source: PreparedDataDir['source'] }> {
  if (!prepared.loadDataDir) return { db: await create(), source: prepared.source };
  try {
    return { db: await create(prepared.loadDataDir), source: 'image' };
  } catch (error) {
    options.onWarning?.({
      file: `/pglite/${options.name}`,
      message: `PGlite could not start from the first-boot image (${error instanceof Error ? error.message : String(error)}); creating the database as usual.`,
    });
    await deleteIndexedDb(`/pglite/${options.name}`, 5_000);
    return { db: await create(), source: 'new' };
  }
}
