import type { Extensions, PGlite, PGliteInterfaceExtensions, PGliteOptions } from '@electric-sql/pglite';
import type { BootResult, BootTimings, FirstBootImage, MigrateOptions, MigrateResult, StatusReport } from '../core/internal.js';
import type { WorkerDatabase } from './worker-database.js';
import type { BuildInfo } from './worker-protocol.js';

// What `bootDatabase` takes and gives, in page mode and in worker mode: apart from boot-database.ts
// so that the two boot paths it loads can use them without importing it back.

export interface BootDatabaseOptions<E extends Extensions = Extensions>
  extends Pick<
    MigrateOptions,
    'migrations' | 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'onProgress' | 'onWarning' | 'appBuild' | 'drizzleTable' | 'adopt'
  > {
  /** The database name: it lives in IndexedDB as `/pglite/<name>`, opened as `idb://<name>`. */
  name: string;
  /** Open another data directory instead of `idb://<name>` (e.g. `'memory://'`); `name` still names the lock. */
  dataDir?: string;
  /**
   * PGlite extensions; pass the same ones on every open, or a database that uses one fails to open.
   * Those the migrations create come from the bundler plugin: `import migrations, { extensions } from 'virtual:pgboot/migrations'`.
   */
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

/** Page mode's result: the open PGlite, typed with its extensions (the same shape as `pgboot/node`'s). */
export interface BootDatabaseResult<E extends Extensions = Extensions> extends BootResult<PGlite & PGliteInterfaceExtensions<E>> {}

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
  timings: BootTimings;
}

/**
 * What `openAndMigrate` (open-and-migrate.ts) and the run path it loads (migrate-opened.ts) take:
 * the boot's options without those about other tabs (the lock, the boot channel), which `bootInPage` handles.
 */
export type OpenAndMigrateOptions<E extends Extensions = Extensions> = Omit<
  BootDatabaseOptions<E>,
  'lockTimeout' | 'onWaiting' | 'onBlocking' | 'onNewerVersion'
>;
