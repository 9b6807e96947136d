// The options and results of migrate and rollback: their own module, so that the runner
// (run-batch.ts) and the two entries (migrate.ts, rollback.ts) share them without importing each other.
import type { MigrationResult } from './errors.js';
import type { StatusReport } from './status.js';
import type { MigrationSource, MigrationWarning } from './types.js';

export interface Progress {
  /** `download`: fetching a first-boot image (`index`, `total` in bytes); `plan`: checked, about to run; `apply` / `revert`: about to run `id`; `persist`: flushing to storage; `done`. */
  phase: 'download' | 'plan' | 'apply' | 'revert' | 'persist' | 'done';
  /** 0-based index of the migration about to run (or the count run, for `persist` and `done`). */
  index: number;
  total: number;
  id: string | undefined;
}
/** May return a promise: the batch waits for it between migrations (e.g. to let the browser paint a progress bar). */
export type ProgressListener = (progress: Progress) => unknown;

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

export interface RollbackOptions {
  migrations: readonly MigrationSource[];
  /** Revert every applied migration newer than this id; `0` reverts all. */
  to?: string | 0;
  /** Revert this many of the newest applied migrations. Default (without `to`): 1. */
  steps?: number;
  onProgress?: ProgressListener;
  onWarning?: (warning: MigrationWarning) => void;
  appBuild?: string;
}

export interface RollbackResult {
  /** One entry per migration reverted, newest first. */
  results: MigrationResult[];
  reverted: string[];
  durationMs: number;
}
