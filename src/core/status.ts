import { planMigrations, type MigrationPlan } from './plan.js';
import { prepareMigrations } from './prepare.js';
import { withSession } from './session.js';
import { readApplied, trackingTablesExist } from './tracking.js';
import type { Database, MigrationSource, MigrationWarning } from './types.js';

export interface StatusReport extends MigrationPlan {
  warnings: MigrationWarning[];
}

/**
 * Where every migration stands: applied, pending, drifted (applied, file changed since),
 * unknown (applied by a newer build) and out of order. Reads only; creates nothing.
 *
 * @example
 * const status = await getStatus(db, { migrations });
 * if (status.pending.length > 0) showUpdateBanner();
 */
export async function getStatus(db: Database, options: { migrations: readonly MigrationSource[] }): Promise<StatusReport> {
  const { migrations, warnings } = await prepareMigrations(options.migrations);
  const applied = await withSession(db, async (session) => ((await trackingTablesExist(session)) ? readApplied(session) : []));
  return { ...planMigrations(migrations, applied), warnings };
}
