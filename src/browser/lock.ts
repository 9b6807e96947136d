/** Name of the Web Lock that guards one database across the tabs of an origin. */
export function lockName(database: string): string {
  return `pgboot:${database}`;
}

export interface LockOptions {
  /** How long to wait for another tab to close the database, in ms. `0` fails at once; `Infinity` waits forever. */
  timeout: number;
  /** Called once if the lock is taken and this call starts waiting for it. */
  onWait?: () => void;
}

/**
 * Takes the exclusive Web Lock for `database` and resolves to a function that releases it.
 * The lock is held until released, or until the page goes away (the browser drops it then),
 * so a crashed or closed tab never leaves the database locked.
 * Rejects with `DatabaseLockedError` when another tab still holds it after `timeout`.
 *
 * @example
 * const release = await acquireDatabaseLock('notes', { timeout: 10_000 });
 * try { ... } finally { release(); }
 */
export async function acquireDatabaseLock(database: string, options: LockOptions): Promise<() => void> {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    // biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
    const { PgbootError } = await import('../core/errors.js');
    throw new PgbootError(
      `Cannot guard the database '${database}': the Web Locks API (navigator.locks) is missing. ` +
        `It needs a secure context: serve the app over https or from localhost.`,
    );
  }
  // Most boots find the lock free: take it without queueing, and only announce a wait when there is one.
  const immediate = await hold(locks, database, { ifAvailable: true });
  if (immediate) return immediate;
  if (options.timeout <= 0) throw await lockedError(database);
  options.onWait?.();

  const controller = new AbortController();
  const timer = Number.isFinite(options.timeout) ? setTimeout(() => controller.abort(), options.timeout) : undefined;
  try {
    const release = await hold(locks, database, { signal: controller.signal });
    return release!;
  } catch (error) {
    if (controller.signal.aborted) throw await lockedError(database);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The error for a lock another tab kept; the error classes load only when one is thrown (a boot that succeeds never needs them). */
async function lockedError(database: string): Promise<Error> {
  // biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
  const { DatabaseLockedError } = await import('../core/errors.js');
  return new DatabaseLockedError(database, 'another tab or window of this app');
}

/** Requests the lock; resolves to a release function once held, or undefined if `ifAvailable` found it taken. */
function hold(locks: LockManager, database: string, options: LockOptions_): Promise<(() => void) | undefined> {
  return new Promise((resolveHeld, rejectHeld) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    locks
      .request(lockName(database), { mode: 'exclusive', ...options }, async (lock) => {
        if (!lock) return resolveHeld(undefined);
        resolveHeld(release);
        await released; // the lock is held as long as this callback's promise is pending
      })
      .catch(rejectHeld);
  });
}

type LockOptions_ = { ifAvailable: true } | { signal: AbortSignal };
