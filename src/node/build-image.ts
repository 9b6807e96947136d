import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Extensions, PGlite } from '@electric-sql/pglite';
import {
  dropTarEntries,
  imageDigest,
  migrate,
  migrationFingerprints,
  MIGRATIONS_TABLE,
  type ImageManifest,
  type MigrateOptions,
  type MigrationSource,
} from '../core/internal.js';
import { loadExtensions } from './load-extensions.js';

export interface BuildImageOptions {
  /** The migrations to apply, e.g. `await loadMigrations(dir)` (the same set the app bundles). */
  migrations: readonly MigrationSource[];
  /** Extensions beyond those the migrations create (those are found and loaded, as at boot). */
  extensions?: Extensions;
  /**
   * Folder to resolve `@electric-sql/pglite` from: the app's root, so the image is built by the
   * PGlite the app bundles (which may not be the copy pgboot depends on). Default: pgboot's own.
   */
  root?: string;
  /** Passed to `migrate` (e.g. `onWarning`). */
  migrate?: Omit<MigrateOptions, 'migrations'>;
}

export interface BuiltImage {
  /** The gzipped tar of the migrated data directory (`dumpDataDir('gzip')`). */
  bytes: Uint8Array;
  manifest: ImageManifest;
}

/**
 * Builds a first-boot image in Node: a new in-memory PGlite (the version the app bundles),
 * every migration applied, the unused `template0` database dropped, a CHECKPOINT (so the image
 * holds no WAL to replay), dumped as a tar without the WAL segments Postgres keeps for later,
 * gzipped. WAL segments are 1 MB instead of 16: the image, and what a first boot writes to
 * IndexedDB, is several times smaller.
 *
 * @example
 * const image = await buildImage({ migrations: await loadMigrations('migrations') });
 * await writeImage(image, 'dist/pgboot-image.tar.gz'); // + dist/pgboot-image.json
 */
export async function buildImage(options: BuildImageOptions): Promise<BuiltImage> {
  const { PGlite: PGliteClass, version } = await resolvePglite(options.root);
  const provided = { ...options.extensions };
  const extensions = { ...(await loadExtensions(options.migrations, { provided })), ...provided };
  const db = (await PGliteClass.create({ extensions, initDbStartParams: ['--wal-segsize=1'] })) as PGlite;
  try {
    await migrate(db, { ...options.migrate, migrations: options.migrations });
    const applied = await appliedIds(db);
    const bundled = await migrationFingerprints(options.migrations);
    const migrations = bundled.filter((m) => applied.has(m.id));
    const major = (await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v;
    // template0 is only ever a source for CREATE DATABASE ... TEMPLATE template0, which PGlite apps
    // do not run; dropping it makes the image a quarter smaller (30.3 -> 22.7 MB as tar, 4.46 -> 3.46 MB
    // gzipped, the demo's), and every first boot writes that much less to IndexedDB.
    await db.exec('ALTER DATABASE template0 IS_TEMPLATE false');
    await db.exec('DROP DATABASE template0');
    await db.exec('CHECKPOINT');
    const tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    const bytes = new Uint8Array(await gzipAsync(dropSpareWalSegments(tar, await currentWalSegment(db)), { level: 9 }));
    return {
      bytes,
      manifest: {
        format: 1,
        pgliteVersion: version,
        pgMajor: String(Math.floor(Number(major) / 10000)),
        head: migrations.at(-1)?.id,
        migrations,
        bytes: bytes.byteLength,
        sha256: await imageDigest(bytes),
        createdAt: new Date().toISOString(),
      },
    };
  } finally {
    await db.close();
  }
}

/**
 * Writes an image as two files: the gzipped tar at `path` and its manifest beside it
 * (`x.tar.gz` -> `x.json`), which `readImage` and `bootDatabase({ image })` read.
 */
export async function writeImage(image: BuiltImage, path: string): Promise<void> {
  await writeFile(path, image.bytes);
  await writeFile(manifestPathOf(path), JSON.stringify(image.manifest, null, 2) + '\n');
}

/**
 * Reads an image `writeImage` (or the Vite plugin) wrote: the tar at `path`, the manifest beside
 * it. `path` may also be a folder holding one `pgboot-image-<hash>.tgz`, e.g. the web build's
 * `dist/assets`, whose file name changes with every build.
 */
export async function readImage(path: string): Promise<BuiltImage> {
  if ((await stat(path)).isDirectory()) {
    const found = (await readdir(path)).filter((file) => /^pgboot-image-[0-9a-f]+\.tgz$/.test(file));
    if (found.length !== 1) throw new Error(`${path} holds ${found.length} pgboot-image-<hash>.tgz files; give the path of one.`);
    path = join(path, found[0]!);
  }
  const [bytes, manifest] = await Promise.all([readFile(path), readFile(manifestPathOf(path), 'utf8')]);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), manifest: JSON.parse(manifest) as ImageManifest };
}

/** `dist/pgboot-image.tar.gz` -> `dist/pgboot-image.json`. */
export function manifestPathOf(path: string): string {
  return path.replace(/(\.tar)?(\.gz|\.tgz)?$/, '') + '.json';
}

/** The PGlite class and version found from `root` (the app), or pgboot's own when `root` finds none. */
export async function resolvePglite(root?: string): Promise<{ PGlite: typeof PGlite; version: string }> {
  const { dir, pkg } = await findPglitePackage(root);
  const entry = join(dir, pkg.exports['.'].import.default);
  const module = (await import(pathToFileURL(entry).href)) as { PGlite: typeof PGlite };
  return { PGlite: module.PGlite, version: pkg.version };
}

/** The folder of PGlite's entry point, which holds its `pglite.wasm` and `pglite.data`, found as `resolvePglite` finds PGlite. */
export async function resolvePgliteDir(root?: string): Promise<string> {
  const { dir, pkg } = await findPglitePackage(root);
  return dirname(join(dir, pkg.exports['.'].import.default));
}

type PglitePackage = { name?: string; version: string; exports: { '.': { import: { default: string } } } };

/** PGlite's package folder and package.json: the app's copy (from `root`) when it has one, else pgboot's own. */
async function findPglitePackage(root?: string): Promise<{ dir: string; pkg: PglitePackage }> {
  // The app's copy when it has one, else pgboot's own (e.g. a root without node_modules of its own).
  const fromRoot = root === undefined ? undefined : tryResolve(createRequire(join(root, 'package.json')));
  // Its package.json is not among its exports: walk up from its entry point to find it.
  let dir = dirname(fromRoot ?? createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  let pkg: PglitePackage | undefined;
  for (; !pkg && dir !== dirname(dir); dir = pkg ? dir : dirname(dir)) {
    const found = await readFile(join(dir, 'package.json'), 'utf8').then(JSON.parse, () => undefined);
    if (found?.name === '@electric-sql/pglite') pkg = found;
  }
  if (!pkg) throw new Error(`Could not find @electric-sql/pglite's package.json from ${root ?? 'pgboot'}.`);
  return { dir, pkg };
}

function tryResolve(require: NodeJS.Require): string | undefined {
  try {
    return require.resolve('@electric-sql/pglite');
  } catch {
    return undefined;
  }
}

const gzipAsync = promisify(gzip);

/** The WAL segment the server writes to now: after a CHECKPOINT, the only one recovery reads. */
async function currentWalSegment(db: PGlite): Promise<string> {
  const { rows } = await db.query<{ segment: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment');
  return rows[0]!.segment;
}

/**
 * Drops the WAL segments after `current`: after a checkpoint, Postgres renames old segments into
 * spares for later (min_wal_size keeps 5 of them), full of stale WAL. Recovery stops at the end
 * of the current one, and Postgres creates a segment when it needs one, so the spares are only
 * bytes to download and write to IndexedDB: 5 MB of the demo's 22.7 MB tar, 1.2 of its 3.5 MB gzipped.
 */
function dropSpareWalSegments(tar: Uint8Array, current: string): Uint8Array {
  return dropTarEntries(tar, (path) => {
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(path)?.[1];
    return segment !== undefined && segment > current;
  });
}

async function appliedIds(db: PGlite): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${MIGRATIONS_TABLE}`);
  return new Set(rows.map((row) => row.id));
}
