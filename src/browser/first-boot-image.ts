import {
  imageDigest,
  imageMismatch,
  migrationFingerprints,
  PGLITE_PG_MAJOR,
  type FirstBootImage,
  type MigrationSource,
  type MigrationWarning,
  type ProgressListener,
} from '../core/internal.js';
import type { PGliteOptions } from '@electric-sql/pglite';
import { markBoot } from './boot-marks.js';
import { deleteIndexedDb } from './delete-indexeddb.js';
import { GunzipAlongside } from './gunzip-alongside.js';
import type { BootFs } from './boot-fs.js';
import { unpackImage, writeImageToIndexedDb } from './image-to-indexeddb.js';
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
  const pending = await startImage(await inspectIndexedDbDataDir(options.name), options);
  if (!pending) return undefined;
  try {
    return new Blob([(await pending.download) as Uint8Array<ArrayBuffer>], { type: GZIP });
  } catch {
    options.onWarning?.(imageWarning(options.image, pending.failure ?? 'the download failed'));
    return undefined;
  }
}

/** How PGlite is asked to start: from an image it unpacks, or on a filesystem pgboot provides. */
export type CreateFrom = { loadDataDir?: Blob; fs?: PGliteOptions['fs'] };

/** A PGlite already loading on a `BootFs`, waiting to be told where its data directory comes from (open-and-migrate.ts). */
export interface StartedPGlite<T> {
  fs: BootFs;
  db: Promise<T>;
}

/**
 * Lets `started` (a PGlite already loading, open-and-migrate.ts) open from the image
 * `prepareDataDir` started (prepare-data-dir.ts); without one, PGlite unpacks the image itself. Once downloaded, the image is unpacked once: PGlite starts from
 * its files in memory (boot-fs.ts), while pgboot writes them into IndexedDB
 * (image-to-indexeddb.ts). When the image's bytes turn out incomplete or altered, PGlite creates
 * the database as usual (a warning). When PGlite rejects the image, it warns, deletes whatever
 * that attempt left in IndexedDB (a new database: nothing to lose) and creates the database as
 * usual. Should only pgboot's write fail, PGlite's first flush writes the whole data directory itself.
 */
export async function createFromImage<T>(
  loadDataDir: Blob,
  create: (from: CreateFrom) => Promise<T>,
  options: { name: string; image?: FirstBootImage | undefined; onWarning?: ((warning: MigrationWarning) => void) | undefined },
  started?: StartedPGlite<T>,
): Promise<{ db: T; source: 'image' | 'new' }> {
  if (!started || !(loadDataDir instanceof PendingImage)) {
    started?.fs.abandon(new Error('the image is handed to PGlite instead'));
    // The app brought its own filesystem (`pglite.fs`): PGlite unpacks the image onto it itself.
    try {
      return { db: await create({ loadDataDir }), source: 'image' };
    } catch (error) {
      const reason =
        (loadDataDir instanceof PendingImage && loadDataDir.failure) ||
        `PGlite could not start from it (${error instanceof Error ? error.message : String(error)})`;
      options.onWarning?.(imageWarning(options.image, reason));
      return { db: await create({}), source: 'new' };
    }
  }
  const pending = loadDataDir;
  const unpacked = pending.tar.then(unpackImage); // the tar rejects when the download does
  let written: Promise<number> | undefined;
  const write = () => {
    written = writeImageToIndexedDb(options.name, unpacked);
    written.catch(() => undefined); // PGlite's next flush writes everything then (boot-fs.ts)
    return written;
  };
  // Why the image could not be used: the download's reason, or the unpacking's.
  const failure = (error: unknown) => pending.failure ?? `unpacking it failed (${error instanceof Error ? error.message : String(error)})`;
  const { fs, db: opening } = started;
  fs.open({ from: 'image', entries: unpacked, write });
  try {
    const db = await opening;
    if (fs.fromImage) return { db, source: 'image' };
    // No image to start from (its download failed): PGlite found nothing in IndexedDB and created the database as usual.
    options.onWarning?.(imageWarning(options.image, await unpacked.then(() => 'PGlite did not read it', failure)));
    return { db, source: 'new' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = fs.fromImage ? `PGlite could not start from it (${message})` : await unpacked.then(() => `PGlite could not start (${message})`, failure);
    options.onWarning?.(imageWarning(options.image, reason));
    // Start clean: whatever the image or PGlite wrote, it is a new database with nothing to lose.
    await written?.catch(() => undefined);
    if ((await inspectIndexedDbDataDir(options.name)).files > 0) await deleteIndexedDb(`/pglite/${options.name}`, 5_000);
    return { db: await create({}), source: 'new' };
  }
}

const GZIP = 'application/x-gzip';

/**
 * The image as PGlite's `loadDataDir`, while it is still downloading: PGlite reads it
 * (`arrayBuffer()`) only once its own WebAssembly is loaded and started, so the two downloads
 * overlap instead of queueing. Its bytes are checked (size, SHA-256) before PGlite gets them; when
 * they fail, reading rejects and `failure` says why. Hand it only to a PGlite in the same context
 * (page or worker): `postMessage` would clone it as an empty Blob.
 */
class PendingImage extends Blob {
  /** The checked bytes (rejects when they are not the image). */
  readonly download: Promise<Uint8Array>;
  /** The image decompressed: the tar of its data directory (rejects when the download does). */
  readonly tar: Promise<Uint8Array>;
  failure: string | undefined;
  readonly #size: number;
  constructor(bytes: Promise<Uint8Array>, tar: Promise<Uint8Array>, size: number) {
    super([], { type: GZIP });
    this.#size = size;
    this.download = bytes.catch((error: unknown) => {
      this.failure = error instanceof Error ? error.message : String(error);
      throw error;
    });
    this.tar = tar;
    this.download.catch(() => undefined); // read (and reported) by whoever awaits it
    this.tar.catch(() => undefined);
  }
  override get size(): number {
    return this.#size;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    // The array is exactly the download (readImage allocates it to size): its buffer is the image.
    return ((await this.download) as Uint8Array<ArrayBuffer>).buffer;
  }
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return (await this.download) as Uint8Array<ArrayBuffer>;
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return new ReadableStream({
      start: async (controller) => {
        controller.enqueue((await this.download) as Uint8Array<ArrayBuffer>);
        controller.close();
      },
    });
  }
}

function imageWarning(image: FirstBootImage | undefined, reason: string): MigrationWarning {
  const url = image?.url ?? 'the first-boot image';
  return { file: url, message: `The first-boot image ${url} was not used: ${reason}. The database is created as usual (initdb and every migration).` };
}

/**
 * Checks that the image suits this app and starts its download (for `prepareDataDir`, on a first
 * boot with an image): the image whose bytes are still to arrive, or `undefined` (with a warning
 * when there was an image to consider) for a normal boot. A download that fails later (an error
 * status, an unreachable server, bytes that are not the image) rejects the image's `download`.
 */
export async function startImage(
  found: IndexedDbDataDir,
  options: ResolveFirstBootImageOptions,
  requested?: { response: Promise<Response>; abort: () => void },
): Promise<PendingImage | undefined> {
  const image = options.image!;
  // Not a first boot: the database exists (or PGlite left files behind, which a tarball cannot be loaded over).
  if (found.files > 0) {
    requested?.abort();
    return undefined;
  }
  const warn = (reason: string) => {
    requested?.abort();
    options.onWarning?.(imageWarning(image, reason));
    return undefined;
  };
  const mismatch = imageMismatch(image.manifest, {
    pgliteVersion: image.pgliteVersion,
    pgMajor: PGLITE_PG_MAJOR,
    bundled: await migrationFingerprints(options.migrations),
  });
  if (mismatch) return warn(mismatch);

  // Not awaited: PGlite starts loading its WebAssembly while the server answers. An error status or
  // an unreachable server fails the download like a corrupt body would (a warning, a normal boot).
  const response = (requested?.response ?? fetch(image.url))
    .then((answer) => {
      if (!answer.ok || !answer.body) throw new Error(`HTTP ${answer.status} ${answer.statusText}`.trim());
      markBoot('image-response');
      return answer;
    })
    .catch((error: unknown) => {
      throw new Error(`downloading it failed (${error instanceof Error ? error.message : String(error)})`);
    });
  // Decompressed as it arrives (for PGlite's memory, boot-fs.ts, and IndexedDB); trusted only once the whole download checked out.
  const gunzip = new GunzipAlongside();
  const bytes = response.then((answer) => readImage(answer, image.manifest, options.onProgress, (chunk) => gunzip.push(chunk)));
  const tar = bytes.then(
    () => gunzip.end(),
    (error: unknown) => {
      gunzip.abort(error);
      throw error;
    },
  );
  return new PendingImage(bytes, tar, image.manifest.bytes);
}

/** The response's bytes, reported as they arrive, checked against the manifest; rejects with the reason they are not the image. */
async function readImage(
  response: Response,
  manifest: FirstBootImage['manifest'],
  onProgress: ProgressListener | undefined,
  onChunk: (chunk: Uint8Array) => void,
): Promise<Uint8Array> {
  const total = manifest.bytes;
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    await onProgress?.({ phase: 'download', index: 0, total, id: undefined });
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      onChunk(value);
      received += value.byteLength;
      // A body larger than announced is not the image: stop reading it.
      if (received > total) {
        await reader.cancel();
        throw new Error(`the response is larger than the image's ${total} bytes`);
      }
      await onProgress?.({ phase: 'download', index: received, total, id: undefined });
    }
  } catch (error) {
    throw new Error(`downloading it failed (${error instanceof Error ? error.message : String(error)})`);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const problem = await integrityProblem(bytes, manifest);
  if (problem) throw new Error(problem);
  markBoot('image-downloaded');
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
