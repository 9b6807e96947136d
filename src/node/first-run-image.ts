import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertCompatibleDataDir,
  imageDigest,
  imageMismatch,
  migrationFingerprints,
  PGLITE_PG_MAJOR,
  type MigrationSource,
  type MigrationWarning,
} from '../core/internal.js';
import { readImage, resolvePglite, type BuiltImage } from './build-image.js';

/** How a Node boot starts: the data directory found on disk, and the image to load when there is none. */
export interface PreparedNodeDataDir {
  /** `existing`: a data directory was there; `image`: starting from the image; `new`: initdb. `undefined`: not on disk (e.g. `idb://`). */
  source: 'existing' | 'image' | 'new' | undefined;
  loadDataDir: Blob | undefined;
}

/** The folder PGlite uses for `dataDir` (`./data`, `file://./data`), or undefined for one not on disk. */
function folderOf(dataDir: string): string | undefined {
  if (dataDir.startsWith('file://')) return dataDir.slice('file://'.length);
  return /^[a-z0-9+-]+:\/\//i.test(dataDir) ? undefined : dataDir;
}

/**
 * Throws `IncompatibleDataDirError` when the folder holds a data directory of another Postgres
 * major than this PGlite's (PGlite would abort on it). Reads its PG_VERSION; opens nothing.
 */
export async function assertCompatibleFolder(dataDir: string): Promise<'existing' | 'new' | undefined> {
  const folder = folderOf(dataDir);
  if (folder === undefined) return dataDir.startsWith('memory://') ? 'new' : undefined;
  const text = await readFile(join(folder, 'PG_VERSION'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  assertCompatibleDataDir(folder, text);
  return text === undefined ? 'new' : 'existing';
}

/**
 * The version guard, then, on a first run (no data directory yet, or an empty folder), the image
 * to start from when it suits this PGlite and these migrations (see `imageMismatch`) and its bytes
 * are whole. Otherwise a warning and a normal first run.
 */
export async function prepareNodeDataDir(options: {
  dataDir: string;
  image: string | BuiltImage | undefined;
  migrations: readonly MigrationSource[];
  onWarning?: ((warning: MigrationWarning) => void) | undefined;
}): Promise<PreparedNodeDataDir> {
  const found = await assertCompatibleFolder(options.dataDir);
  if (found !== 'new' || options.image === undefined) return { source: found, loadDataDir: undefined };
  const folder = folderOf(options.dataDir);
  // A folder with files but no PG_VERSION is not PGlite's: leave it to PGlite, as without an image.
  if (folder !== undefined && (await readdir(folder).catch(() => [])).length > 0) return { source: 'new', loadDataDir: undefined };

  const where = typeof options.image === 'string' ? options.image : 'the image';
  const warn = (reason: string): PreparedNodeDataDir => {
    options.onWarning?.({
      file: where,
      message: `The first-run image ${where} was not used: ${reason}. The database is created as usual (initdb and every migration).`,
    });
    return { source: 'new', loadDataDir: undefined };
  };
  let image: BuiltImage;
  try {
    image = typeof options.image === 'string' ? await readImage(options.image) : options.image;
  } catch (error) {
    return warn(`it could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const mismatch = imageMismatch(image.manifest, {
    pgliteVersion: (await resolvePglite()).version,
    pgMajor: PGLITE_PG_MAJOR,
    bundled: await migrationFingerprints(options.migrations),
  });
  if (mismatch) return warn(mismatch);
  if (image.bytes.byteLength !== image.manifest.bytes || (await imageDigest(image.bytes)) !== image.manifest.sha256) {
    return warn(
      `its bytes are not the ones its manifest describes (${image.bytes.byteLength} of ${image.manifest.bytes} bytes, or another SHA-256): truncated or corrupt`,
    );
  }
  return { source: 'image', loadDataDir: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-gzip' }) };
}

/** Removes what a failed start from an image left in a folder that was empty before. */
export async function discardFailedImageStart(dataDir: string): Promise<void> {
  const folder = folderOf(dataDir);
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
}
