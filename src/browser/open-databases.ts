import type { PGlite, PGliteInterface } from '@electric-sql/pglite';
import { acquireDatabaseLock } from './lock.js';

/** A database this page opened with `bootDatabase` and has not closed. */
export interface OpenDatabase {
  db: PGlite;
  /** Closes the database but keeps holding its Web Lock; resolves to the function that releases it. */
  closeKeepingLock(): Promise<() => void>;
}

/** Databases this page opened with `bootDatabase`, by name, so `resetDatabase` and `restoreSnapshot` can close them. */
export const openDatabases = new Map<string, OpenDatabase>();

/**
 * Closes this page's instance of database `name` (and `other`, if given and open) and holds the
 * database's Web Lock, which it resolves to the release of. A `bootDatabase` instance hands its
 * lock over without letting go of it, so a tab waiting to open the same database cannot slip in
 * between the close and the work done under the lock (reset, restore). Otherwise waits for the
 * lock, up to `timeout` ms (then `DatabaseLockedError`).
 */
export async function closeAndLock(name: string, timeout: number, other?: PGliteInterface): Promise<() => void> {
  const open = openDatabases.get(name);
  if (other && other !== open?.db && !other.closed) await other.close();
  if (open) return open.closeKeepingLock();
  return acquireDatabaseLock(name, { timeout });
}
