import { checksumOf, sha256Hex } from './checksum.js';
import { compareMigrationOrder, parseMigrationFileName, parseMigrationId } from './file-name.js';
import { imageVersionDiffers } from './image-version.js';
import type { MigrationSource } from './types.js';

/**
 * What a first-boot image holds: written at build time next to the image (a gzipped tar of a
 * migrated PGlite data directory), read before the image is fetched or loaded.
 */
export interface ImageManifest {
  /** This manifest's shape; bumped when it changes. */
  format: 1;
  /** The PGlite version that built the image: only that version can load it. */
  pgliteVersion: string;
  /** The Postgres major of that PGlite (its PG_VERSION). */
  pgMajor: string;
  /** The newest migration applied in the image (undefined: none). */
  head: string | undefined;
  /** Every migration applied in the image, in run order, with the checksum it was applied with. */
  migrations: { id: string; checksum: string }[];
  /** Size of the gzipped tar in bytes. */
  bytes: number;
  /** SHA-256 (hex) of the gzipped tar: a truncated or altered download is never loaded. */
  sha256: string;
  /** When it was built (ISO 8601). */
  createdAt: string;
}

/** Where a browser app finds its image: what `virtual:pgboot/image` exports in a production build. */
export interface FirstBootImage {
  /** URL of the gzipped tar (a hashed asset of the build). */
  url: string;
  manifest: ImageManifest;
  /**
   * The PGlite version the app bundles (the Vite plugin reads it from the app's node_modules);
   * the image is used only when the manifest's is the same.
   */
  pgliteVersion: string;
  /**
   * URLs of PGlite's own WebAssembly and file bundle in this build (the same hashed assets
   * PGlite would fetch): pgboot fetches them as the boot starts and compiles the WebAssembly while
   * it downloads, instead of PGlite compiling it once both have arrived. Optional: without it,
   * PGlite loads them itself.
   */
  pglite?: PgliteFiles | undefined;
}

/** Where PGlite's files are in a build (see `FirstBootImage.pglite`). */
export interface PgliteFiles {
  /** `pglite.wasm`. */
  wasm: string;
  /** `pglite.data`: the file bundle PGlite unpacks into its memory (share/, lib/). */
  data: string;
}

/** A migration's id and checksum, as the image manifest and the run order know them. */
export interface MigrationFingerprint {
  id: string;
  checksum: string;
}

/**
 * Ids and checksums of a set of migration sources, in run order, without importing any module
 * (a module's checksum is its loader's; a SQL text without one is hashed here).
 *
 * @example
 * await migrationFingerprints(migrations); // [{ id: '001_init', checksum: '9f2c...' }, ...]
 */
export async function migrationFingerprints(sources: readonly MigrationSource[]): Promise<MigrationFingerprint[]> {
  const named = await Promise.all(
    sources.map(async (source) => {
      const parts =
        source.id === undefined
          ? parseMigrationFileName(source.file)
          : { id: source.id, ...(parseMigrationId(source.id) ?? { version: '0', name: source.id }) };
      const checksum = source.checksum ?? ('sql' in source ? await checksumOf(source.sql) : '');
      return { ...parts, checksum };
    }),
  );
  return named.sort(compareMigrationOrder).map(({ id, checksum }) => ({ id, checksum }));
}

/**
 * Why an image cannot serve a first boot of this app, or undefined when it can: it must come from
 * the same PGlite version and Postgres major, and its migrations must be the first ones of the
 * bundled set, with the same checksums (the rest then run as usual).
 *
 * @example
 * const reason = imageMismatch(image.manifest, { pgliteVersion: image.pgliteVersion, pgMajor: '17', bundled });
 * if (reason) console.warn(`first-boot image not used: ${reason}`);
 */
export function imageMismatch(
  manifest: ImageManifest,
  expected: { pgliteVersion: string | undefined; pgMajor: string; bundled: readonly MigrationFingerprint[] },
): string | undefined {
  switch (imageVersionDiffers(manifest, expected)) {
    case 'format':
      return `its manifest has an unknown format (${JSON.stringify(manifest?.format)}); rebuild it with this pgboot`;
    case 'pgliteVersion':
      return `it was built by PGlite ${manifest.pgliteVersion}, but this app runs PGlite ${expected.pgliteVersion}; a data directory loads only into the version that wrote it`;
    case 'pgMajor':
      return `it holds a Postgres ${manifest.pgMajor} data directory, but this PGlite runs Postgres ${expected.pgMajor}`;
  }
  for (const [index, applied] of manifest.migrations.entries()) {
    const bundled = expected.bundled[index];
    if (!bundled)
      return `it holds ${manifest.migrations.length} migrations, more than the ${expected.bundled.length} this build bundles (${applied.id} is not bundled)`;
    if (bundled.id !== applied.id)
      return `its migration #${index + 1} is ${applied.id}, but this build's is ${bundled.id}: it is not a prefix of the bundled migrations`;
    if (bundled.checksum !== applied.checksum)
      return `${applied.id} was applied in it with checksum ${applied.checksum.slice(0, 12)}, but this build's file has ${bundled.checksum.slice(0, 12)}`;
  }
  return undefined;
}

/** SHA-256 (hex) of an image's bytes, as its manifest records it. Web Crypto: browsers (secure contexts), workers and Node. */
export function imageDigest(bytes: Uint8Array): Promise<string> {
  return sha256Hex(bytes);
}
