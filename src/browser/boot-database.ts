import { PGlite, type Extensions, type PGliteInterfaceExtensions, type PGliteOptions } from '@electric-sql/pglite';
import { PgbootError } from '../core/errors.js';
import { bundledExtensions } from '../core/extensions.js';
import { migrate, type MigrateOptions, type MigrateResult } from '../core/migrate.js';
import { getStatus, type StatusReport } from '../core/status.js';
import type { FirstBootImage } from '../core/image-manifest.js';
import { openBootChannel } from './channel.js';
import { createPrepared, prepareDataDir } from './first-boot-image.js';
import { acquireDatabaseLock } from './lock.js';
import { bundledIds, isNewer } from './migration-ids.js';
import { yieldingProgress } from './yield-to-browser.js';
import { openDatabases } from './open-databases.js';
import { snapshotBeforeMigrate } from './snapshots.js';

export interface BootDatabaseOptions<E extends Extensions = Extensions>
  extends Pick<MigrateOptions, 'migrations' | 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'onProgress' | 'onWarning' | 'appBuild' | 'drizzleTable'> {
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

const DEFAULT_LOCK_TIMEOUT = 10_000;

/**
 * Opens the app's IndexedDB-backed PGlite and brings it up to date before the app queries it.
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
export async function bootDatabase<E extends Extensions = Extensions>(options: BootDatabaseOptions<E>): Promise<BootDatabaseResult<E>> {
  const started = performance.now();
  const { name } = options;
  if (!name) throw new PgbootError(`bootDatabase needs a database name (e.g. { name: 'notes' }).`);

  const ids = bundledIds(options.migrations);
  const known = new Set(ids);
  const head = ids.at(-1);
  let holding = false;
  const channel = openBootChannel(name, (message) => {
    if (message.type === 'waiting' && holding) options.onBlocking?.({ head: message.head });
    if (message.head !== undefined && isNewer(message.head, known, head)) options.onNewerVersion?.({ head: message.head });
  });

  let release: (() => void) | undefined;
  let db: (PGlite & PGliteInterfaceExtensions<E>) | undefined;
  try {
    release = await acquireDatabaseLock(name, {
      timeout: options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT,
      onWait: () => {
        channel?.post({ type: 'waiting', head });
        options.onWaiting?.();
      },
    });
    holding = true;
    const locked = performance.now();

    // Version guard and first-boot image, before PGlite opens the IndexedDB data directory (first-boot-image.ts).
    const prepared = options.dataDir === undefined ? await prepareDataDir({ ...options, onProgress: yieldingProgress(options.onProgress) }) : { source: undefined, loadDataDir: undefined };
    const { db: opening, source } = await createPrepared(
      prepared,
      async (loadDataDir) =>
        (await PGlite.create({
          ...options.pglite,
          dataDir: options.dataDir ?? `idb://${name}`,
          // The extension modules the Vite plugin bundled with the migrations, plus any given here.
          extensions: { ...bundledExtensions(options.migrations), ...options.extensions },
          ...(loadDataDir ? { loadDataDir } : {}),
        } as PGliteOptions<E>)) as PGlite & PGliteInterfaceExtensions<E>,
      options,
    );
    db = opening;
    const opened = performance.now();

    if (options.beforeMigrate || options.snapshot === 'before-migrate') {
      const status = await getStatus(opening, { migrations: options.migrations });
      if (status.pending.length > 0 && options.snapshot === 'before-migrate') {
        await snapshotBeforeMigrate({ name })({ db: opening, status });
      }
      if (status.pending.length > 0) await options.beforeMigrate?.({ db: opening, status });
    }
    const result = await migrate(opening, {
      migrations: options.migrations,
      to: options.to,
      onDrift: options.onDrift,
      onAhead: options.onAhead,
      outOfOrder: options.outOfOrder,
      onProgress: yieldingProgress(options.onProgress),
      onWarning: options.onWarning,
      appBuild: options.appBuild,
      drizzleTable: options.drizzleTable,
    });
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
      source,
      timings: { lockMs: locked - started, openMs: opened - locked, migrateMs: finished - opened, totalMs: finished - started },
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
