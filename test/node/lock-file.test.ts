import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError } from '../../src/core/errors.js';
import { acquireDataDirLock, lockPathOf, type LockOwner } from '../../src/node/lock-file.js';

async function tempDataDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'pgboot-lock-')), 'db');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('acquireDataDirLock', () => {
  it('should write pid, hostname and start times atomically beside the data directory', async () => {
    const dataDir = await tempDataDir();
    const lock = await acquireDataDirLock(dataDir);
    expect(lock.path).toBe(`${dataDir}.lock`);
    expect(lockPathOf(dataDir)).toBe(lock.path);
    const owner = JSON.parse(await readFile(lock.path, 'utf8')) as LockOwner;
    expect(owner).toEqual({
      pid: process.pid,
      hostname: hostname(),
      processStartedAt: expect.any(Number),
      lockedAt: expect.any(Number),
      token: expect.any(String),
    });
    expect(Math.abs(owner.processStartedAt - (Date.now() - process.uptime() * 1000))).toBeLessThan(2000);
    // No draft files left behind.
    expect(await readdir(join(dataDir, '..'))).toEqual(['db.lock']);
    await lock.release();
    expect(await readdir(join(dataDir, '..'))).toEqual([]);
  });

  it('should refuse a second holder, even in the same process, until released', async () => {
    const dataDir = await tempDataDir();
    const lock = await acquireDataDirLock(dataDir);
    const second = acquireDataDirLock(dataDir);
    await expect(second).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(second).rejects.toThrow(`The database '${dataDir}' is open in process ${process.pid} since`);
    await lock.release();
    const third = await acquireDataDirLock(dataDir);
    await third.release();
  });

  it('should let exactly one of many simultaneous attempts win', async () => {
    const dataDir = await tempDataDir();
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireDataDirLock(dataDir)));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason)).toEqual(
      Array.from({ length: 7 }, () => expect.any(DatabaseLockedError)),
    );
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireDataDirLock>>>).value.release();
  });

  it('should take over a lock whose process is gone', async () => {
    const dataDir = await tempDataDir();
    const stale: LockOwner = { pid: deadPid(), hostname: hostname(), processStartedAt: Date.now() - 5000, lockedAt: Date.now() - 5000, token: 'stale' };
    await writeFile(lockPathOf(dataDir), JSON.stringify(stale));
    const lock = await acquireDataDirLock(dataDir);
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, token: lock.owner.token });
    await lock.release();
  });

  it('should take over a lock whose pid now belongs to a later process', async () => {
    const dataDir = await tempDataDir();
    // Our own pid, but "started" an hour before this process did: a pid reused after a crash.
    const reused: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      processStartedAt: Date.now() - 3_600_000,
      lockedAt: Date.now() - 3_600_000,
      token: 'reused',
    };
    await writeFile(lockPathOf(dataDir), JSON.stringify(reused));
    const lock = await acquireDataDirLock(dataDir);
    expect(lock.owner.token).not.toBe('reused');
    await lock.release();
  });

  it('should respect a lock held on another host, and say so', async () => {
    const dataDir = await tempDataDir();
    const remote: LockOwner = { pid: 4242, hostname: 'elsewhere.example', processStartedAt: 0, lockedAt: Date.now(), token: 'remote' };
    await writeFile(lockPathOf(dataDir), JSON.stringify(remote));
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(/open in process 4242 on host elsewhere\.example .*delete the lock file/);
  });

  it('should wait up to the timeout for the holder to let go', async () => {
    const dataDir = await tempDataDir();
    const first = await acquireDataDirLock(dataDir);
    setTimeout(() => void first.release(), 300);
    const second = await acquireDataDirLock(dataDir, { timeout: 10_000, retryInterval: 20 });
    expect(second.owner.token).not.toBe(first.owner.token);
    await second.release();
    await expect(acquireDataDirLock(dataDir, { timeout: 50 }).then((l) => l.release())).resolves.toBeUndefined();
  });

  it('should never release a lock it no longer owns', async () => {
    const dataDir = await tempDataDir();
    const lock = await acquireDataDirLock(dataDir);
    const other: LockOwner = { ...lock.owner, token: 'someone-else' };
    await writeFile(lock.path, JSON.stringify(other));
    await lock.release();
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toMatchObject({ token: 'someone-else' });
  });
});
