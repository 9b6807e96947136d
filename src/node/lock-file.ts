import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseLockedError } from '../core/internal.js';

/** What a lock file holds: who opened the data directory, and when. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** When the owning process started (ms since epoch), to tell a live owner from a reused pid. */
  processStartedAt: number;
  /** When the lock was taken (ms since epoch). */
  lockedAt: number;
  /** Unique per acquisition, so a release never removes someone else's lock. */
  token: string;
}

export interface DataDirLock {
  /** The lock file, `<dataDir>.lock`. */
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
}

export interface AcquireLockOptions {
  /** How long to wait for another process to let go, in ms. Default 0: fail at once. */
  timeout?: number;
  /** How often to look again while waiting, in ms. Default 100. */
  retryInterval?: number;
}

/** Where the lock of a data directory lives: beside it, so snapshots of the folder never carry it. */
export function lockPathOf(dataDir: string): string {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}.lock`);
}

/**
 * Takes the lock of a PGlite data directory, so that a second process (or a second open in
 * this one) gets `DatabaseLockedError` instead of corrupting the database. The lock file,
 * `<dataDir>.lock`, records pid, hostname and start times. A lock whose process is gone
 * (crashed, killed) is recognised as stale and taken over.
 *
 * Acquisition is atomic: the owner record is written to a private file first and then
 * hard-linked to the lock path, which fails if the path exists, so no one ever reads a
 * half-written lock.
 *
 * @example
 * const lock = await acquireDataDirLock('./data/app-db', { timeout: 5_000 });
 * try { ... } finally { await lock.release(); }
 */
export async function acquireDataDirLock(dataDir: string, options: AcquireLockOptions = {}): Promise<DataDirLock> {
  const path = lockPathOf(dataDir);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    processStartedAt: Math.round(Date.now() - process.uptime() * 1000),
    lockedAt: Date.now(),
    token: randomUUID(),
  };
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + (options.timeout ?? 0);

  for (;;) {
    const holder = await tryLink(path, owner);
    if (!holder) break;
    if (holder === 'gone') continue; // released between our attempt and our read: try again
    if (holder !== 'unreadable' && !isAlive(holder)) {
      await removeStale(path, holder);
      continue;
    }
    if (Date.now() >= deadline) throw new DatabaseLockedError(resolve(dataDir), describeHolder(holder, path));
    await sleep(Math.min(options.retryInterval ?? 100, Math.max(1, deadline - Date.now())));
  }

  // A process that exits without closing the database leaves no lock behind.
  const onExit = () => removeIfOwnedSync(path, owner.token);
  process.once('exit', onExit);
  let released = false;
  return {
    path,
    owner,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      removeIfOwnedSync(path, owner.token);
    },
  };
}

/** Links a complete owner record to `path`; returns the current holder when the path is taken. */
async function tryLink(path: string, owner: LockOwner): Promise<LockOwner | 'unreadable' | 'gone' | undefined> {
  const draft = `${path}.${owner.token}.tmp`;
  await writeFile(draft, JSON.stringify(owner));
  try {
    await link(draft, path);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      return parseOwner(await readFile(path, 'utf8')) ?? 'unreadable';
    } catch (readError) {
      if ((readError as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      throw readError;
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return parseOwner(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string' || typeof value.token !== 'string') return undefined;
    return value as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that wrote a lock still runs. A lock from another host cannot be
 * checked and counts as alive. On Linux a reused pid is told apart by its start time.
 */
export function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const startedAt = linuxProcessStart(owner.pid);
  // Start times derive from clock ticks and the boot time: allow a few seconds of rounding.
  return startedAt === undefined || typeof owner.processStartedAt !== 'number' || Math.abs(startedAt - owner.processStartedAt) < 5_000;
}

/** A process's start time on Linux (from /proc), or undefined where that cannot be read. */
function linuxProcessStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counts from after the ')' closing the command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootTime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || bootTime === undefined) return undefined;
    return Number(bootTime) * 1000 + (ticks / 100) * 1000; // USER_HZ is 100 on every Linux port Node runs on
  } catch {
    return undefined;
  }
}

/**
 * Removes a stale lock. Two processes may find the same stale lock at once: a short-lived
 * guard directory lets one of them at a time re-read and remove it, so neither can remove
 * the fresh lock the other has just taken.
 */
async function removeStale(path: string, stale: LockOwner): Promise<void> {
  const guard = `${path}.recover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A recoverer that died inside its few milliseconds of work leaves the guard: clear it after a while.
    const age = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await rmdir(guard).catch(() => undefined);
    await sleep(20);
    return;
  }
  try {
    const current = await readOwner(path);
    if (current?.token === stale.token) await unlink(path).catch(() => undefined);
  } finally {
    await rmdir(guard).catch(() => undefined);
  }
}

function removeIfOwnedSync(path: string, token: string): void {
  try {
    if (parseOwner(readFileSync(path, 'utf8'))?.token === token) unlinkSync(path);
  } catch {
    // Already gone: nothing to release.
  }
}

function describeHolder(holder: LockOwner | 'unreadable', path: string): string {
  if (holder === 'unreadable') return `another process (its lock file ${path} is being written or is damaged; delete it if no process uses the database)`;
  const since = new Date(holder.lockedAt).toISOString();
  const where = holder.hostname === hostname() ? `process ${holder.pid}` : `process ${holder.pid} on host ${holder.hostname}`;
  return `${where} since ${since} (lock file ${path}${holder.hostname === hostname() ? '' : '; if that host no longer uses it, delete the lock file'})`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
