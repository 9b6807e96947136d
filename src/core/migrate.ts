import type { MigrationResult } from './errors.js';
import { runBatch, type ProgressListener } from './run-batch.js';
import type { StatusReport } from './status.js';
import type { Database, MigrationSource, MigrationWarning } from './types.js';

export interface MigrateOptions {
  /** The bundled migrations: `virtual:pgboot/migrations`, or what `loadMigrations(dir)` returned. */
  migrations: readonly MigrationSource[];
  /** Apply pending migrations up to and including this id; by default all of them. */
  to?: string;
  /**
   * An applied migration whose file changed: `'error'` (default) throws `ChecksumMismatchError`,
   * `'warn'` reports and goes on. `'redo'`, for development only: the newest applied migration, if
   * its file changed, is run again (its down as applied, then the new up, in one transaction) and
   * reported; any other drift still throws. E.g. `onDrift: import.meta.env.DEV ? 'redo' : 'error'`.
   */
  onDrift?: 'error' | 'warn' | 'redo';
  /** The database has migrations this build lacks: `'error'` (default) throws `DatabaseAheadError`, `'ignore'` goes on. */
  onAhead?: 'error' | 'ignore';
  /** A pending migration sorting before the newest applied: `'apply'` (default) runs and reports it, `'error'` refuses. */
  outOfOrder?: 'apply' | 'error';
  /** Called as the run advances, e.g. to drive a splash screen during a long upgrade. */
  onProgress?: ProgressListener;
  /** Non-fatal findings (repeated versions, drift with `onDrift: 'warn'`, out-of-order runs). Defaults to `console.warn`. */
  onWarning?: (warning: MigrationWarning) => void;
  /** Recorded with every applied migration, e.g. the app's version or commit. */
  appBuild?: string;
  /**
   * drizzle-orm's migrations table (`schema.table`), for adopting a database its migrator kept.
   * Default `'drizzle.__drizzle_migrations'`; `false` skips drizzle's table.
   */
  drizzleTable?: string | false;
  /**
   * On the first run (`_migrations` empty), migrations another tool applied (drizzle-orm,
   * golang-migrate, dbmate, Prisma, diesel: found by their tables) are recorded, not re-run.
   * Default `true`; `false` reads no other tool's table.
   */
  adopt?: boolean;
  /**
   * What `getStatus(db, { migrations })` just reported for this database and these migrations
   * (the same array): migrate then plans from it instead of reading `_migrations` and planning
   * again. `bootDatabase` passes the status its `beforeMigrate` received. Read it with nothing
   * migrated since. A status with `adoptable` migrations is not used (the run adopts them).
   */
  status?: StatusReport | undefined;
}

export interface MigrateResult {
  /** One entry per migration applied by this call, in order. */
  results: MigrationResult[];
  /** Ids applied by this call. */
  applied: string[];
  /** Ids recorded as applied without running, because another tool (drizzle-orm, golang-migrate, ...) had applied them. */
  adopted: string[];
  /** Ids applied by this call although they sorted before an already applied one. */
  outOfOrder: string[];
  /** Ids still pending after this call (non-empty only with `to`). */
  pending: string[];
  /** Ids of the newest migrations whose up has no statements yet: not applied, they wait (`planMigrations`). */
  empty: string[];
  /** With `onDrift: 'redo'`: the id re-run because its file changed (also in `applied`). */
  redone: string[];
  warnings: MigrationWarning[];
  durationMs: number;
}

/**
 * Brings the database up to date with the bundled migrations.
 *
 * The plan is checked before anything runs (drift, database ahead, out of order). Each
 * migration then runs in its own transaction together with its `_migrations` row; when one
 * fails it is rolled back, nothing after it runs, the earlier ones stay, and the call rejects
 * with `MigrationError`. When the call settles, everything it committed has been flushed to
 * the database's storage (IndexedDB or disk), at a cost of a constant number of flushes.
 *
 * @example
 * import migrations from 'virtual:pgboot/migrations';
 * const result = await migrate(db, { migrations, onProgress: ({ index, total }) => bar(index / total) });
 * console.log(`applied ${result.applied.length} migration(s)`);
 */
export async function migrate(db: Database, options: MigrateOptions): Promise<MigrateResult> {
  // One runner for migrate and rollback: run-batch.ts reads top to bottom.
  return runBatch(db, { direction: 'up', options });
}
