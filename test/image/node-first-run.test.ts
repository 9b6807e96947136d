import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncompatibleDataDirError, PGLITE_PG_MAJOR, type MigrationWarning } from '../../src/core/index.js';
import { bootDatabase, buildImage, loadMigrations, manifestPathOf, openDatabase, readImage, writeImage } from '../../src/node/index.js';
import { createTestDatabase } from '../../src/testing/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/fixtures');
const V1 = join(fixtures, 'v1');
const V2 = join(fixtures, 'v2');
const RANK = '20260101000003_add_item_rank';

let root: string;
let v1Image: string;
let v2Image: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pgboot-image-'));
  v1Image = join(root, 'v1.tgz');
  v2Image = join(root, 'v2.tgz');
  await writeImage(await buildImage({ migrations: await loadMigrations(V1) }), v1Image);
  await writeImage(await buildImage({ migrations: await loadMigrations(V2) }), v2Image);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const rowsOf = async (db: { query: (sql: string) => Promise<{ rows: unknown[] }> }, sql: string) => (await db.query(sql)).rows;
let count = 0;
const newDataDir = () => join(root, `db-${++count}`);

/** Boots `dir`'s migrations on a new data directory with `image`; collects warnings. */
async function firstRun(dir: string, image: string | undefined) {
  const warnings: MigrationWarning[] = [];
  const dataDir = newDataDir();
  const boot = await bootDatabase({ dataDir, dir, image, onWarning: (w) => warnings.push(w) });
  return { ...boot, warnings, dataDir };
}

describe('bootDatabase (pgboot/node) with a first-run image', { timeout: 180_000 }, () => {
  it('should start a new data directory from the image: nothing to apply, the data there, and it persists', async () => {
    const { db, result, source, warnings, dataDir } = await firstRun(V2, v2Image);
    expect({ source, applied: result.applied, warnings }).toEqual({ source: 'image', applied: [], warnings: [] });
    expect(await rowsOf(db, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
      { label: 'alpha', rank: 10 },
      { label: 'beta', rank: 20 },
    ]);
    await db.close();
    const again = await bootDatabase({ dataDir, dir: V2, image: v2Image });
    expect({ source: again.source, applied: again.result.applied }).toEqual({ source: 'existing', applied: [] });
    expect(await rowsOf(again.db, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 2 }]);
    await again.db.close();
  });

  it("should find the image in a folder (the web build's assets, whose file name has a hash)", async () => {
    const assets = join(root, 'assets');
    await mkdir(assets);
    await writeImage(await readImage(v2Image), join(assets, 'pgboot-image-0123456789.tgz'));
    await writeFile(join(assets, 'index-abc.js'), '');
    const { db, source, result } = await firstRun(V2, assets);
    expect({ source, applied: result.applied }).toEqual({ source: 'image', applied: [] });
    await db.close();
  });

  it('should use an image one migration behind, then run the rest', async () => {
    const { db, result, source, warnings } = await firstRun(V2, v1Image);
    expect({ source, applied: result.applied, warnings }).toEqual({ source: 'image', applied: [RANK], warnings: [] });
    expect(await rowsOf(db, 'SELECT rank FROM items ORDER BY id')).toEqual([{ rank: 10 }, { rank: 20 }]);
    await db.close();
  });

  it('should ignore, with a warning, an image ahead of the bundled migrations', async () => {
    const { db, result, source, warnings } = await firstRun(V1, v2Image);
    expect({ source, applied: result.applied.length }).toEqual({ source: 'new', applied: 2 });
    expect(warnings.map((w) => w.message)).toEqual([
      `The first-run image ${v2Image} was not used: it holds 3 migrations, more than the 2 this build bundles (${RANK} is not bundled). The database is created as usual (initdb and every migration).`,
    ]);
    await db.close();
  });

  it('should ignore, with a warning, a manifest for another PGlite version', async () => {
    const other = join(root, 'other-version.tgz');
    await writeFile(other, await readFile(v2Image));
    const manifest = JSON.parse(await readFile(manifestPathOf(v2Image), 'utf8'));
    await writeFile(manifestPathOf(other), JSON.stringify({ ...manifest, pgliteVersion: '0.4.3' }));
    const { db, result, source, warnings } = await firstRun(V2, other);
    expect({ source, applied: result.applied.length }).toEqual({ source: 'new', applied: 3 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/was not used: it was built by PGlite 0\.4\.3, but this app runs PGlite 0\.5\.\d+; /);
    await db.close();
  });

  it('should boot normally, with a warning, from a truncated or corrupt image, and from a missing one', async () => {
    const bytes = await readFile(v2Image);
    const manifest = await readFile(manifestPathOf(v2Image), 'utf8');
    const truncated = join(root, 'truncated.tgz');
    await writeFile(truncated, bytes.subarray(0, bytes.length >> 1));
    await writeFile(manifestPathOf(truncated), manifest);
    const corrupt = join(root, 'corrupt.tgz');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length >> 1] = flipped[flipped.length >> 1]! ^ 0xff;
    await writeFile(corrupt, flipped);
    await writeFile(manifestPathOf(corrupt), manifest);

    for (const [image, reason] of [
      [truncated, /its bytes are not the ones its manifest describes \(\d+ of \d+ bytes/],
      [corrupt, /its bytes are not the ones its manifest describes/],
      [join(root, 'missing.tgz'), /it could not be read \(ENOENT/],
    ] as const) {
      const { db, result, source, warnings } = await firstRun(V2, image);
      expect({ image, source, applied: result.applied.length }).toEqual({ image, source: 'new', applied: 3 });
      expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(reason)]);
      expect(await rowsOf(db, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 2 }]);
      await db.close();
    }
  });
});

describe('the PGlite version guard (pgboot/node)', { timeout: 180_000 }, () => {
  it('should refuse a data directory of another Postgres major before PGlite opens it, and leave it untouched', async () => {
    const dataDir = newDataDir();
    const { db } = await bootDatabase({ dataDir, dir: V1, image: v1Image });
    await db.close();
    // As a PGlite 0.3/0.4 (Postgres 17) would have left it.
    await writeFile(join(dataDir, 'PG_VERSION'), '17\n');
    const before = await listing(dataDir);

    const error = await bootDatabase({ dataDir, dir: V2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompatibleDataDirError);
    expect(error).toMatchObject({ name: 'IncompatibleDataDirError', dataDir, found: '17', expected: PGLITE_PG_MAJOR });
    expect((error as Error).message).toContain(`was written by Postgres 17 (its PG_VERSION), but this app's PGlite runs Postgres ${PGLITE_PG_MAJOR}`);
    expect((error as Error).message).toContain('PGlite 0.3.x or 0.4.x');
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(IncompatibleDataDirError);
    expect(await listing(dataDir)).toEqual(before);

    // Put back, it opens again: the lock was released and nothing was lost.
    await writeFile(join(dataDir, 'PG_VERSION'), `${PGLITE_PG_MAJOR}\n`);
    const again = await bootDatabase({ dataDir, dir: V2 });
    expect({ source: again.source, applied: again.result.applied }).toEqual({ source: 'existing', applied: [RANK] });
    await again.db.close();
  });
});

describe('createTestDatabase with an image', { timeout: 180_000 }, () => {
  it('should build its template from the image and run only what the image lacks', async () => {
    const db = await createTestDatabase({ dir: V2, image: v1Image });
    expect(await rowsOf(db, 'SELECT label, rank FROM items ORDER BY id')).toEqual([
      { label: 'alpha', rank: 10 },
      { label: 'beta', rank: 20 },
    ]);
    expect(await rowsOf(db, 'SELECT id FROM _migrations ORDER BY id')).toHaveLength(3);
    await db.close();
  });
});

/** Every file under `dir` with its size and modification time. */
async function listing(dir: string): Promise<string[]> {
  const files = await readdir(dir, { recursive: true });
  return Promise.all(
    files.sort().map(async (file) => {
      const info = await stat(join(dir, file));
      return `${file} ${info.size} ${info.mtimeMs}`;
    }),
  );
}
