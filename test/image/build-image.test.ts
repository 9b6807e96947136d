import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PGLITE_PG_MAJOR } from '../../src/core/data-dir-version.js';
import { imageDigest, imageMismatch, migrationFingerprints, type ImageManifest } from '../../src/core/image-manifest.js';
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
