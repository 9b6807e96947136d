import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PGLITE_PG_MAJOR } from '../../src/core/data-dir-version.js';
import { imageDigest, imageMismatch, migrationFingerprints, type ImageManifest } from '../../src/core/image-manifest.js';
import { dropTarEntries } from '../../src/core/tar.js';
import { buildImage, type BuiltImage } from '../../src/node/build-image.js';
import { loadMigrations } from '../../src/node/load-migrations.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures');
const installedPglite = (
  JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '../package.json'), 'utf8')) as { version: string }
).version;

let image: BuiltImage;
beforeAll(async () => {
  image = await buildImage({ migrations: await loadMigrations(join(fixtures, 'v2')) });
});

describe('buildImage', () => {
  it('should describe what it built: PGlite version, Postgres major, migrations, size and digest', async () => {
    const bundled = await migrationFingerprints(await loadMigrations(join(fixtures, 'v2')));
    expect(image.manifest).toEqual({
      format: 1,
      pgliteVersion: installedPglite,
      pgMajor: PGLITE_PG_MAJOR,
      head: '20260101000003_add_item_rank',
      migrations: bundled,
      bytes: image.bytes.byteLength,
      sha256: await imageDigest(image.bytes),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(bundled.map((m) => m.id)).toEqual(['20260101000001_create_items', '20260101000002_seed_items', '20260101000003_add_item_rank']);
    // gzip magic bytes
    expect([...image.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('should hold a migrated database that PGlite opens without initdb', async () => {
    const db = await PGlite.create({ loadDataDir: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-gzip' }) });
    expect((await db.query('SELECT label, rank FROM items ORDER BY id')).rows).toEqual([
      { label: 'alpha', rank: 10 },
      { label: 'beta', rank: 20 },
    ]);
    expect((await db.query('SELECT id FROM _migrations ORDER BY id')).rows.map((r) => (r as { id: string }).id)).toEqual(
      image.manifest.migrations.map((m) => m.id),
    );
    // PGLITE_PG_MAJOR is what the installed PGlite runs: an upgrade to another major fails here first.
    const { rows } = await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    expect(String(Math.floor(Number(rows[0]!.v) / 10000))).toBe(PGLITE_PG_MAJOR);
    await db.close();
  });
});

describe('the image has no spare WAL segments', () => {
  it('should hold one WAL segment, and a database from it should write past that segment and reopen with everything', async () => {
    const walSegments = (names: string[]) => names.filter((path) => /pg_wal\/[0-9A-F]{24}$/.test(path));
    const listed: string[] = [];
    dropTarEntries(gunzipSync(image.bytes), (path) => listed.push(path) < 0);
    expect(walSegments(listed)).toHaveLength(1);

    const dataDir = await mkdtemp(join(tmpdir(), 'pgboot-image-wal-'));
    try {
      const db = await PGlite.create({ dataDir, loadDataDir: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-gzip' }) });
      // About 6 MB of WAL: Postgres must create the segments the image left out.
      await db.exec(`CREATE TABLE filler AS SELECT g AS id, repeat('x', 500) AS pad FROM generate_series(1, 10000) AS g`);
      await db.close();
      expect(walSegments((await readdir(join(dataDir, 'pg_wal'))).map((name) => `pg_wal/${name}`)).length).toBeGreaterThan(1);
      const reopened = await PGlite.create({ dataDir });
      expect((await reopened.query('SELECT count(*)::int AS n FROM filler')).rows).toEqual([{ n: 10000 }]);
      expect((await reopened.query('SELECT count(*)::int AS n FROM items')).rows).toEqual([{ n: 2 }]);
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('imageMismatch', () => {
  const manifest = (over: Partial<ImageManifest> = {}): ImageManifest => ({ ...image.manifest, ...over });
  const expected = async (dir = 'v2') => ({
    pgliteVersion: installedPglite,
    pgMajor: PGLITE_PG_MAJOR,
    bundled: await migrationFingerprints(await loadMigrations(join(fixtures, dir))),
  });

  it('should accept an image of the bundled migrations, or of their first ones', async () => {
    expect(imageMismatch(manifest(), await expected())).toBeUndefined();
    expect(imageMismatch(manifest({ migrations: image.manifest.migrations.slice(0, 2) }), await expected())).toBeUndefined();
  });

  it('should refuse another PGlite version or Postgres major, naming both', async () => {
    expect(imageMismatch(manifest({ pgliteVersion: '0.4.9' }), await expected())).toBe(
      `it was built by PGlite 0.4.9, but this app runs PGlite ${installedPglite}; a data directory loads only into the version that wrote it`,
    );
    expect(imageMismatch(manifest({ pgMajor: '16' }), await expected())).toBe(
      `it holds a Postgres 16 data directory, but this PGlite runs Postgres ${PGLITE_PG_MAJOR}`,
    );
  });

  it('should refuse migrations that are not a prefix of the bundled ones', async () => {
    // v1 bundles two migrations; the image holds three.
    expect(imageMismatch(manifest(), await expected('v1'))).toBe(
      'it holds 3 migrations, more than the 2 this build bundles (20260101000003_add_item_rank is not bundled)',
    );
    const [first, second, third] = image.manifest.migrations;
    expect(imageMismatch(manifest({ migrations: [first!, third!] }), await expected())).toBe(
      "its migration #2 is 20260101000003_add_item_rank, but this build's is 20260101000002_seed_items: it is not a prefix of the bundled migrations",
    );
    expect(imageMismatch(manifest({ migrations: [first!, { ...second!, checksum: 'f'.repeat(64) }] }), await expected())).toContain(
      "20260101000002_seed_items was applied in it with checksum ffffffffffff, but this build's file has",
    );
  });
});
