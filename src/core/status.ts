import { compareMigrationOrder } from './file-name.js';
import { planMigrations, type MigrationPlan } from './plan.js';
import { prepareMigrations, type PreparedMigrations } from './prepare.js';
import { anotherToolsTable } from './adopters/tables.js';
import { withSession } from './session.js';
import { readApplied, trackingTablesExist } from './tracking.js';
import type { AppliedMigration, Database, MigrationSource, MigrationWarning } from './types.js';

/** The set each report was planned from, so `migrate({ status })` need not prepare it again. */
const preparedFor = new WeakMap<StatusReport, { sources: readonly MigrationSource[]; prepared: PreparedMigrations }>();

/** What `getStatus` prepared for `report`, when it was read with these same sources. */
export function preparedWith(report: StatusReport, sources: readonly MigrationSource[]): PreparedMigrations | undefined {
  const entry = preparedFor.get(report);
  return entry?.sources === sources ? entry.prepared : undefined;
}

export interface StatusOptions {
  migrations: readonly MigrationSource[];
  /** drizzle-orm's migrations table, as for `migrate`; `false` ignores it. Default `drizzle.__drizzle_migrations`. */
  drizzleTable?: string | false;
  /** As for `migrate`: `false` reads no other tool's table. Default `true`. */
  adopt?: boolean;
}

export interface StatusReport extends MigrationPlan {
  /**
   * Ids another tool (drizzle-orm, golang-migrate, dbmate, Prisma, diesel) applied on a database
   * pgboot has not migrated yet: reported as applied, and recorded as such (without running) by the next `migrate`.
   */
  adoptable: string[];
  /** For each adoptable id, the tool that applied it (e.g. "drizzle-orm's migrator", "golang-migrate"). */
  adoptableFrom: Record<string, string>;
  warnings: MigrationWarning[];
}

/**
 * Where every migration stands: applied, pending, drifted (applied, file changed since),
 * unknown (applied by a newer build) and out of order. On a database another tool migrated
 * (drizzle-orm, golang-migrate, dbmate, Prisma, diesel), what it applied counts as applied
 * (`adoptable`), as the next `migrate` will record it; what would stop that `migrate` (a dirty
 * or failed migration, unmatched rows) is a warning here. Reads only; creates nothing.
 *
 * @example
 * const status = await getStatus(db, { migrations });
 * if (status.pending.length > 0) showUpdateBanner();
 */
export async function getStatus(db: Database, options: StatusOptions): Promise<StatusReport> {
  const prepared = await prepareMigrations(options.migrations);
  const { migrations } = prepared;
  const warnings = [...prepared.warnings];
  const { applied, adoptable, adoptableFrom } = await withSession(db, async (session) => {
    const recorded = (await trackingTablesExist(session)) ? await readApplied(session) : [];
    if (recorded.length > 0 || options.adopt === false || !(await anotherToolsTable(session, options.drizzleTable))) {
      return { applied: recorded, adoptable: [], adoptableFrom: {} };
    }
    // As migrate does on its first run (adopt.ts, loaded only for a database with another tool's table), without writing.
    const { readToolHistories } = await import('./adopt.js');
    const histories = await readToolHistories(session, { migrations, sources: options.migrations, drizzleTable: options.drizzleTable, adopt: options.adopt });
    const adopted: AppliedMigration[] = [];
    const from: Record<string, string> = {};
    for (const history of histories) {
      for (const problem of [history.blocked, history.unmatched]) if (problem) warnings.push({ file: history.table, message: problem.message });
      if (history.blocked) continue; // migrate would adopt nothing from it
      for (const { migration, checksum, appliedAt } of history.adopted) {
        const { id, version, name } = migration;
        adopted.push({ id, version, name, checksum, appliedAt: appliedAt ? new Date(appliedAt) : new Date(), durationMs: 0, appBuild: null });
        from[id] = history.tool;
      }
    }
    adopted.sort(compareMigrationOrder);
    return { applied: adopted, adoptable: adopted.map((row) => row.id), adoptableFrom: from };
  });
  const report: StatusReport = { ...planMigrations(migrations, applied), adoptable, adoptableFrom, warnings };
  preparedFor.set(report, { sources: options.migrations, prepared });
  return report;
}
