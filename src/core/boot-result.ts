import type { MigrateResult } from './migrate.js';

/** Milliseconds spent waiting for the lock, opening PGlite (with a first-boot image), migrating, and in all. */
export interface BootTimings {
  lockMs: number;
  openMs: number;
  migrateMs: number;
  totalMs: number;
}

/**
 * What `bootDatabase` resolves to, in the browser (page and worker mode) and in Node alike: the
 * open database, typed with its extensions by each entry point, and what the boot did.
 */
export interface BootResult<DB> {
  /** The open database. `db.close()` also releases its lock (Web Lock, or lock file). */
  db: DB;
  /** What `migrate` did on this boot (`result.applied` is empty on a warm boot). */
  result: MigrateResult;
  /**
   * `existing`: the database was there (IndexedDB, or the folder); `image`: created from the
   * first-boot image; `new`: created by initdb. `undefined` when not inspected (a `dataDir`
   * option in the browser).
   */
  source: 'existing' | 'image' | 'new' | undefined;
  timings: BootTimings;
}
