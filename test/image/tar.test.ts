import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTar, type TarEntry } from '../../src/core/tar.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe('writeTar', () => {
  it('should write an archive tar lists and extracts, long paths and folders included', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pgboot-tar-'));
    roots.push(root);
    const long = `${'deep/'.repeat(25)}file.txt`; // 134 bytes: needs ustar's prefix field
    const text = (s: string) => new TextEncoder().encode(s);
    const entries: TarEntry[] = [
      { path: 'base', type: 'directory', mode: 0o700, mtime: 1_700_000_000_000 },
      { path: 'base/1', type: 'file', data: text('one'), mode: 0o600, mtime: 1_700_000_000_000 },
      { path: 'PG_VERSION', type: 'file', data: text('18\n'), mode: 0o600, mtime: 1_700_000_000_000 },
      { path: 'empty', type: 'file', mode: 0o600, mtime: 1_700_000_000_000 },
      { path: long, type: 'file', data: new Uint8Array(1000).fill(7), mode: 0o644, mtime: 1_700_000_000_000 },
    ];
    await writeFile(join(root, 'a.tar'), writeTar(entries));
    expect(execFileSync('tar', ['-tf', 'a.tar'], { cwd: root, encoding: 'utf8' }).trim().split('\n')).toEqual(['base/', 'base/1', 'PG_VERSION', 'empty', long]);
    execFileSync('tar', ['-xf', 'a.tar'], { cwd: root });
    expect(await readFile(join(root, 'PG_VERSION'), 'utf8')).toBe('18\n');
    expect((await readFile(join(root, long))).equals(Buffer.alloc(1000, 7))).toBe(true);
    expect((await stat(join(root, 'empty'))).size).toBe(0);
  });

  it('should archive a data directory that PGlite then loads (what exportRawDataDir gives)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pgboot-tar-pg-'));
    roots.push(root);
    const dataDir = join(root, 'db');
    const db = await PGlite.create({ dataDir });
    await db.exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('in the raw data directory');`);
    await db.close();

    const entries: TarEntry[] = [];
    for (const path of (await readdir(dataDir, { recursive: true })).sort()) {
      const info = await stat(join(dataDir, path));
      entries.push(
        info.isDirectory()
          ? { path, type: 'directory', mode: info.mode, mtime: info.mtimeMs }
          : { path, type: 'file', data: await readFile(join(dataDir, path)), mode: info.mode, mtime: info.mtimeMs },
      );
    }
    const copy = await PGlite.create({ loadDataDir: new Blob([writeTar(entries) as Uint8Array<ArrayBuffer>], { type: 'application/x-tar' }) });
    expect((await copy.query('SELECT v FROM kept')).rows).toEqual([{ v: 'in the raw data directory' }]);
    await copy.close();
  });
});
