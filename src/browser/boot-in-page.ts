import type { Extensions, PGlite, PGliteInterfaceExtensions } from '@electric-sql/pglite';
import type { BootDatabaseOptions, BootDatabaseResult } from './boot-options.js';
import { markBoot } from './boot-marks.js';
import { openBootChannel } from './channel.js';
import { acquireDatabaseLock } from './lock.js';
import { bundledIds, isNewer } from '../core/internal.js';
import { openAndMigrate } from './open-and-migrate.js';
import { openDatabases } from './open-databases.js';
import { yieldingProgress } from './yield-to-browser.js';

const DEFAULT_LOCK_TIMEOUT = 10_000;

/**
 * `bootDatabase` in the page: this page opens PGlite itself, guarded by the Web Lock
 * `pgboot:<name>`. Also what the leader worker runs in worker mode (`serveDatabase`).
 */
export async function bootInPage<E extends Extensions = Extensions>(options: BootDatabaseOptions<E>): Promise<BootDatabaseResult<E>> {
  const started = performance.now();
  const { name } = options;
  if (!name) {
    // The error classes load only when one is thrown: a boot that succeeds never needs them.
    // biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
    const { PgbootError } = await import('../core/errors.js');
    throw new PgbootError(`bootDatabase needs a database name (e.g. { name: 'notes' }).`);
  }

  const ids = bundledIds(options.migrations);
  const known = new Set(ids);
  const head = ids.at(-1);
  let holding = false;
  // A tab that starts waiting as this one is granted the lock may be heard before this tab knows it
  // holds it (the grant and the message arrive as separate tasks): such a waiter is told once the
  // lock is held. Once this tab waits itself, other waiters are not waiting for it.
  let waiterHeard: { head: string | undefined } | undefined;
  let waiting = false;
  const channel = openBootChannel(name, (message) => {
    if (message.type === 'waiting') {
      if (holding) options.onBlocking?.({ head: message.head });
      else if (!waiting) waiterHeard = { head: message.head };
    }
    if (message.head !== undefined && isNewer(message.head, known, head)) options.onNewerVersion?.({ head: message.head });
  });

  let release: (() => void) | undefined;
  let db: (PGlite & PGliteInterfaceExtensions<E>) | undefined;
  try {
    release = await acquireDatabaseLock(name, {
      timeout: options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT,
      onWait: () => {
        waiting = true;
        waiterHeard = undefined;
        channel?.post({ type: 'waiting', head });
        options.onWaiting?.();
      },
    });
    holding = true;
    if (waiterHeard) options.onBlocking?.(waiterHeard);
    markBoot('locked');
    const locked = performance.now();

    const opened = await openAndMigrate<E>({ ...options, onProgress: yieldingProgress(options.onProgress) });
    const opening = opened.db;
    db = opening;
    const result = opened.result;
    const finished = performance.now();

    if (result.applied.length > 0) channel?.post({ type: 'migrated', head, applied: result.applied });
    let keepLock = false;
    closeReleases(opening, () => {
      holding = false;
      openDatabases.delete(name);
      channel?.close();
      if (!keepLock) release?.();
    });
    openDatabases.set(name, {
      db: opening,
      async closeKeepingLock() {
        keepLock = true;
        await opening.close();
        return () => release?.();
      },
    });
    return {
      db: opening,
      result,
      source: opened.source,
      timings: { lockMs: locked - started, openMs: opened.openMs, migrateMs: opened.migrateMs, totalMs: finished - started },
    };
  } catch (error) {
    holding = false;
    // Close before releasing the lock: a second instance must never overlap this one.
    if (db && !db.closed) await db.close().catch(() => undefined);
    channel?.close();
    release?.();
    throw error;
  }
}

/** Makes `db.close()` (and `await using`) run `cleanup` once the database is closed. */
function closeReleases(db: PGlite, cleanup: () => void): void {
  const close = db.close.bind(db);
  let done = false;
  db.close = async () => {
    try {
      if (!db.closed) await close();
    } finally {
      if (!done) {
        done = true;
        cleanup();
      }
    }
  };
}
