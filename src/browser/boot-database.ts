import type { Extensions, PGlite, PGliteInterfaceExtensions, PGliteOptions } from '@electric-sql/pglite';
import type { FirstBootImage } from '../core/image-manifest.js';
import type { MigrateOptions, MigrateResult } from '../core/migrate.js';
import type { StatusReport } from '../core/status.js';
import { bootThroughWorker } from './boot-through-worker.js';
import type { WorkerDatabase } from './worker-database.js';
import type { BuildInfo } from './worker-protocol.js';

export interface BootDatabaseOptions<E extends Extensions = Extensions>
  extends Pick<
    MigrateOptions,
    'migrations' | 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'onProgress' | 'onWarning' | 'appBuild' | 'drizzleTable' | 'adopt'
  > {
  /** The database name: it lives in IndexedDB as `/pglite/<name>`, opened as `idb://<name>`. */
  name: string;
  /** Open another data directory instead of `idb://<name>` (e.g. `'memory://'`); `name` still names the lock. */
  dataDir?: string;
  /** PGlite extensions; pass the same ones on every open, or a database that uses one fails to open. */
  extensions?: E;
  /** Further PGlite options (anything but `dataDir` and `extensions`). */
  pglite?: Omit<PGliteOptions, 'dataDir' | 'extensions'>;
  /**
   * How long to wait, in ms, while another tab has the database open before rejecting with
   * `DatabaseLockedError`. `0`: fail at once. Default 10 000.
   */
  lockTimeout?: number;
  /** This tab is waiting for another tab that has the database open. */
  onWaiting?: () => void;
  /**
   * Another tab wants the database this tab has open. Close it (`db.close()`) to let that
   * tab in, e.g. after asking the user; otherwise that tab waits up to its `lockTimeout`.
   */
  onBlocking?: (info: { head: string | undefined }) => void;
  /**
   * Another tab runs a newer build: it migrated the database past this build, or it waits
   * for this tab with migrations this build lacks. Ask the user to reload.
   */
  onNewerVersion?: (info: { head: string }) => void;
  /**
   * Runs after the database is open and before anything is migrated, only when something is
   * pending (e.g. to take a snapshot). Costs one extra round trip to compute `status`.
   */
  beforeMigrate?: (context: { db: PGlite & PGliteInterfaceExtensions<E>; status: StatusReport }) => Promise<void> | void;
  /**
   * `'before-migrate'`: when migrations are pending and the database already has some applied,
   * keep a snapshot of it first (`takeSnapshot`, the newest 5 kept), to restore from the dev panel.
   * Default `'never'`: measured (bench/snapshot.bench.mjs) on a 10 000-note database, the dump makes
   * an upgrade boot about 3x slower (+2.4 s); with nothing pending it adds one status read (~40 ms).
   * Suggested: `snapshot: import.meta.env.DEV ? 'before-migrate' : 'never'`.
   */
  snapshot?: 'before-migrate' | 'never';
  /**
   * A first-boot image (`import image from 'virtual:pgboot/image'`): a new database starts from it
   * instead of initdb and the migrations it holds (see first-boot-image.ts for when it is used).
   */
  image?: FirstBootImage | undefined;
}

export interface BootDatabaseResult<E extends Extensions = Extensions> {
  /** The open database. `db.close()` also releases the cross-tab lock. */
  db: PGlite & PGliteInterfaceExtensions<E>;
  /** What `migrate` did on this boot (`result.applied` is empty on a warm boot). */
  result: MigrateResult;
  /**
   * `existing`: the database was in IndexedDB; `image`: created from the first-boot image; `new`:
   * created by initdb. `undefined` with a `dataDir` option (not inspected).
   */
  source: 'existing' | 'image' | 'new' | undefined;
  /** Milliseconds spent waiting for the lock, opening PGlite (with an image's download), migrating, and in all. */
  timings: { lockMs: number; openMs: number; migrateMs: number; totalMs: number };
}

/** Worker mode: the page's side. The database lives in a worker shared by every tab (`serveDatabase` in the worker script). */
export interface WorkerBootOptions<E extends Extensions = Extensions>
  extends Pick<MigrateOptions, 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'onProgress' | 'appBuild' | 'drizzleTable' | 'adopt'> {
  /** The database name: `idb://<name>` unless `dataDir` says otherwise; also names the election and the channel. */
  name: string;
  /**
   * This tab's worker, running `serveDatabase` from `pgboot/worker`:
   * `new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' })`.
   */
  worker: Worker;
  /** Where the leader keeps the database, e.g. `'opfs-ahp://notes'` (OPFS, worker only). Default `idb://<name>`. */
  dataDir?: string;
  /** How long the leader waits for a tab that has the database open in page mode (`DatabaseLockedError`). Default 10 000 ms. */
  lockTimeout?: number;
  /**
   * Another tab runs a newer build: it migrates the database past this one. From then on this
   * tab's queries reject with `NewerVersionError`; ask the user to reload.
   */
  onNewerVersion?: (info: { head: string }) => void;
  /** The database was reset or restored from another tab. Default: `location.reload()`. */
  onReload?: (reason: 'reset' | 'restore') => void;
  /** PGlite extensions with a page-side part (e.g. `live`); the worker loads its own with `serveDatabase`. */
  extensions?: E;
}

export interface WorkerBootResult<E extends Extensions = Extensions> {
  /** The shared database, a `PGliteWorker`: query it from any tab at any time. `db.close()` stops this tab's worker. */
  db: WorkerDatabase & PGliteInterfaceExtensions<E>;
  /**
   * What the leader's boot did, if this tab waited for it (`result.applied` lists what ran); a tab
   * that joins a database already booted gets an empty result, as a warm boot does.
   */
  result: MigrateResult;
  /** Where the leader found the database when it booted it (see `BootDatabaseResult.source`). */
  source: 'existing' | 'image' | 'new' | undefined;
  /** This tab's build, as its worker bundles it: the newest migration and every id, in run order. */
  build: BuildInfo;
  /** lockMs: waiting for the leader's outcome and the connection; openMs, migrateMs: the leader's; totalMs: this tab's boot. */
  timings: { lockMs: number; openMs: number; migrateMs: number; totalMs: number };
}

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
 * import migrations from 'virtual:pgboot/migrations';
 * import { bootDatabase } from 'pgboot/browser';
 *
 * const { db, result } = await bootDatabase({
 *   name: 'notes',
 *   migrations,
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
