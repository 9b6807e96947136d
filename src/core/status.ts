import { adoptedRow, findDrizzleMatches, unmatchedDrizzleError } from './adopt-drizzle.js';
import { planMigrations, type MigrationPlan } from './plan.js';
import { prepareMigrations } from './prepare.js';
import { withSession } from './session.js';
import { readApplied, trackingTablesExist } from './tracking.js';
import type { AppliedMigration, Database, MigrationSource, MigrationWarning } from './types.js';

export interface StatusOptions {
  migrations: readonly MigrationSource[];
  /** drizzle-orm's migrations table, as for `migrate`; `false` ignores it. Default `drizzle.__drizzle_migrations`. */
  drizzleTable?: string | false;
}

export interface StatusReport extends MigrationPlan {
  /**
   * Ids drizzle-orm's migrator applied on a database pgboot has not migrated yet: reported as
   * applied, and recorded as such (without running) by the next `migrate`.
   */
  adoptable: string[];
  warnings: MigrationWarning[];
}

/**
 * Where every migration stands: applied, pending, drifted (applied, file changed since),
 * unknown (applied by a newer build) and out of order. On a database drizzle-orm's migrator
 * kept, what it applied counts as applied (`adoptable`), as the next `migrate` will record it.
 * Reads only; creates nothing.
 *
 * @example
 * const status = await getStatus(db, { migrations });
 * if (status.pending.length > 0) showUpdateBanner();
 */
export async function getStatus(db: Database, options: StatusOptions): Promise<StatusReport> {
  const { migrations, warnings } = await prepareMigrations(options.migrations);
  const { applied, adoptable } = await withSession(db, async (session) => {
    const recorded = (await trackingTablesExist(session)) ? await readApplied(session) : [];
    if (recorded.length > 0) return { applied: recorded, adoptable: [] };
    // As migrate does on its first run (adopt-drizzle.ts), without writing.
    const found = await findDrizzleMatches(session, { migrations, sources: options.migrations, table: options.drizzleTable });
    const unmatched = unmatchedDrizzleError(found);
    if (unmatched) warnings.push({ file: found.table!, message: unmatched.message });
    const adopted: AppliedMigration[] = found.matches.map((match) => adoptedRow(match, null));
    return { applied: adopted, adoptable: adopted.map((row) => row.id) };
  });
  return { ...planMigrations(migrations, applied), adoptable, warnings };
}
