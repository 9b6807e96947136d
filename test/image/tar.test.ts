import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTarEntries, writeTar, type TarEntry } from '../../src/core/tar.js';

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

describe('dropTarEntries', () => {
  it('should leave out the entries chosen and keep the others byte for byte', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pgboot-tar-drop-'));
    roots.push(root);
    const text = (s: string) => new TextEncoder().encode(s);
    const long = `${'deep/'.repeat(25)}kept.txt`;
    const entries: TarEntry[] = [
      { path: 'pg_wal', type: 'directory', mode: 0o700, mtime: 1_700_000_000_000 },
      { path: 'pg_wal/000000010000000000000001', type: 'file', data: new Uint8Array(1500).fill(1), mode: 0o600, mtime: 1_700_000_000_000 },
      { path: 'pg_wal/000000010000000000000002', type: 'file', data: new Uint8Array(700).fill(2), mode: 0o600, mtime: 1_700_000_000_000 },
      { path: long, type: 'file', data: text('kept'), mode: 0o600, mtime: 1_700_000_000_000 },
      { path: `${'deep/'.repeat(25)}dropped.txt`, type: 'file', data: text('dropped'), mode: 0o600, mtime: 1_700_000_000_000 },
    ];
    const trimmed = dropTarEntries(writeTar(entries), (path) => path.endsWith('2') || path.endsWith('dropped.txt'));
    expect(trimmed).toEqual(writeTar([entries[0]!, entries[1]!, entries[3]!]));
    await writeFile(join(root, 't.tar'), trimmed);
    expect(execFileSync('tar', ['-tf', 't.tar'], { cwd: root, encoding: 'utf8' }).trim().split('\n')).toEqual([
      'pg_wal/',
      'pg_wal/000000010000000000000001',
      long,
    ]);
  });

  it('should refuse an archive that ends inside an entry', () => {
    const tar = writeTar([{ path: 'a', type: 'file', data: new Uint8Array(2000), mode: 0o600, mtime: 0 }]);
    expect(() => dropTarEntries(tar.subarray(0, 1024), () => false)).toThrow(/readTar: the archive ends inside the entry at byte 0/);
  });
});
