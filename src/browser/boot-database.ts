import type { Extensions } from '@electric-sql/pglite';
import type { BootDatabaseOptions, BootDatabaseResult, WorkerBootOptions, WorkerBootResult } from './boot-options.js';
import { holdWorkerEvents } from './held-worker-events.js';

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
  // Each mode's code is loaded on demand: a page downloads one of them. Worker mode holds the
  // worker's events meanwhile: its first messages (PGlite's 'here', or an error loading its script)
  // reach only listeners attached by then (held-worker-events.ts).
  if ('worker' in options) {
    const replay = holdWorkerEvents(options.worker);
    try {
      const { bootThroughWorker } = await import('./boot-through-worker.js');
      return await bootThroughWorker(options, replay);
    } finally {
      replay(); // stops holding, should the boot have failed before its listeners were on
    }
  }
  const { bootInPage } = await import('./boot-in-page.js');
  return bootInPage(options);
}
