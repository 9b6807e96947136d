import type { Extensions, PGlite, PGliteInterfaceExtensions } from '@electric-sql/pglite';
import { getStatus, migrate, type MigrateResult, type ProgressListener, type StatusReport } from '../core/internal.js';
import type { OpenAndMigrateOptions } from './boot-options.js';

/**
 * The run path of a boot: the `beforeMigrate` and snapshot hooks, then `migrate`. Loaded on demand
 * (open-and-migrate.ts), when the fast check (core/up-to-date.ts) found something to do or could
 * not tell, or at once for a new database; a returning user's boot never downloads it.
 */
export async function migrateOpened<E extends Extensions = Extensions>(
  db: PGlite & PGliteInterfaceExtensions<E>,
  options: OpenAndMigrateOptions<E>,
): Promise<MigrateResult> {
  // Read only when a hook needs it; migrate then plans from it instead of reading again.
  let status: StatusReport | undefined;
  if (options.beforeMigrate || options.snapshot === 'before-migrate') {
    status = await getStatus(db, { migrations: options.migrations, drizzleTable: options.drizzleTable, adopt: options.adopt });
    if (status.pending.length > 0 && options.snapshot === 'before-migrate') {
      const { snapshotBeforeMigrate } = await import('./snapshots.js');
      await snapshotBeforeMigrate({ name: options.name })({ db, status });
    }
    if (status.pending.length > 0) await options.beforeMigrate?.({ db, status });
  }
  return migrate(db, {
    migrations: options.migrations,
    to: options.to,
    onDrift: options.onDrift,
    onAhead: options.onAhead,
    outOfOrder: options.outOfOrder,
    onProgress: flushesForOpfs(db, options.dataDir, options.onProgress),
    onWarning: options.onWarning,
    appBuild: options.appBuild,
    drizzleTable: options.drizzleTable,
    adopt: options.adopt,
    status,
  });
}

/** Migrations between two flushes on OPFS (see below). */
const OPFS_FLUSH_EVERY = 10;

/**
 * On OPFS (`opfs-ahp://`), PGlite keeps a pool of spare file handles (100 by default) that it
 * refills only when it flushes; a batch that creates many tables between two flushes runs out
 * (measured: a 200-table history failed at migration 24 with ERRORDATA_STACK_SIZE exceeded). A
 * flush there is cheap, so flush every few migrations. IndexedDB keeps its one flush per batch.
 */
function flushesForOpfs(db: PGlite, dataDir: string | undefined, onProgress: ProgressListener | undefined): ProgressListener | undefined {
  if (!dataDir?.startsWith('opfs-ahp://')) return onProgress;
  return async (progress) => {
    if (progress.phase === 'apply' && progress.index > 0 && progress.index % OPFS_FLUSH_EVERY === 0) await db.syncToFs();
    await onProgress?.(progress);
  };
}
