import { runBatch } from './run-batch.js';
import type { MigrateOptions, MigrateResult } from './run-options.js';

export type { MigrateOptions, MigrateResult };
import type { Database } from './types.js';

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
