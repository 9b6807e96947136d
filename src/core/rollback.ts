import { runBatch } from './run-batch.js';
import type { RollbackOptions, RollbackResult } from './run-options.js';

export type { RollbackOptions, RollbackResult };
import type { Database } from './types.js';

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
