import type { MigrationResult } from './errors.js';
import { runBatch, type ProgressListener } from './run-batch.js';
import type { Database, MigrationSource, MigrationWarning } from './types.js';

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

/**
 * Reverts applied migrations, newest first, each in its own transaction that also deletes
 * its `_migrations` row. Every migration on the way is checked before anything runs: one
 * without `down`, or one this build does not include, stops the call with
 * `IrreversibleMigrationError` and leaves the database untouched.
 *
 * @example
 * await rollback(db, { migrations });                       // the newest one
 * await rollback(db, { migrations, steps: 3 });             // the newest three
 * await rollback(db, { migrations, to: '002_add_tags' });   // everything after 002_add_tags
 * await rollback(db, { migrations, to: 0 });                // everything
 */
export async function rollback(db: Database, options: RollbackOptions): Promise<RollbackResult> {
  // One runner for migrate and rollback: run-batch.ts reads top to bottom.
  return runBatch(db, { direction: 'down', options });
}
