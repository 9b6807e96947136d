import type { Extensions } from '@electric-sql/pglite';
import type { BootDatabaseOptions, BootDatabaseResult, WorkerBootOptions, WorkerBootResult } from './boot-options.js';
import { bootThroughWorker } from './boot-through-worker.js';

/**
 * Worker mode: resolves once the leader worker (one tab's, chosen by PGlite's election) has
 * opened and migrated the database, with a `db` every tab can query at the same time. Migrations
 * run once, in the leader; every tab gets the outcome, a failure as the same typed error.
 *
 * @example
 * const { db, result } = await bootDatabase({
 *   name: 'notes',
 *   worker: new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' }),
 *   onNewerVersion: () => banner.show('A newer version is open in another tab: reload'),
 * });
 */
export function bootDatabase<E extends Extensions = Extensions>(options: WorkerBootOptions<E>): Promise<WorkerBootResult<E>>;
/**
 * Page mode: opens the app's IndexedDB-backed PGlite in this page and brings it up to date before the app queries it.
 *
 * - Only one tab has a database open at a time (a Web Lock, held until `db.close()` or the
 *   page goes away); another tab waits up to `lockTimeout`, then rejects with `DatabaseLockedError`.
 * - Pending migrations run in one batch: each in its own transaction, the whole batch at the
 *   cost of a constant number of IndexedDB flushes. When the promise resolves, all of it is in
 *   IndexedDB. With nothing pending, boot adds one round trip to opening the database.
 * - Rejects with the engine's typed errors (`MigrationError` naming the file, `DatabaseAheadError`
 *   when a newer build already migrated the database, ...), after closing the database and
 *   releasing the lock; the migrations committed before a failure stay.
 *
 * @example
 * import migrations, { extensions } from 'virtual:pgboot/migrations';
 * import { bootDatabase } from 'pgboot/browser';
 *
 * const { db, result } = await bootDatabase({
 *   name: 'notes',
 *   migrations,
 *   extensions,
 *   onProgress: ({ index, total }) => splash.update(index, total),
 *   onNewerVersion: () => banner.show('A newer version is open in another tab: reload'),
 * });
 */
export function bootDatabase<E extends Extensions = Extensions>(options: BootDatabaseOptions<E>): Promise<BootDatabaseResult<E>>;
export async function bootDatabase<E extends Extensions = Extensions>(
  options: BootDatabaseOptions<E> | WorkerBootOptions<E>,
): Promise<BootDatabaseResult<E> | WorkerBootResult<E>> {
  // Worker mode starts at once, before any await: the worker may already be running, and its first
  // messages (PGlite's 'here', or an error loading its script) reach only listeners attached by then.
  if ('worker' in options) return bootThroughWorker(options);
  // Page mode's code (PGlite itself) is loaded on demand, so a page in worker mode never downloads it.
  const { bootInPage } = await import('./boot-in-page.js');
  return bootInPage(options);
}
