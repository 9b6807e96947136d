import {
  ChecksumMismatchError,
  DatabaseAheadError,
  MigrationError,
  OutOfOrderMigrationError,
  UnknownMigrationTargetError,
  type MigrationResult,
} from './errors.js';
import { adoptToolHistories } from './adopt.js';
import { compareMigrationOrder } from './file-name.js';
import { planMigrations, type MigrationPlan } from './plan.js';
import { prepareMigrations } from './prepare.js';
import { planRedo, runRedo } from './redo-changed.js';
import { executeBatch, type ProgressListener } from './execute-batch.js';
import { withSession } from './session.js';
import { ensureTrackingTables, readApplied } from './tracking.js';
import type { Database, Migration, MigrationSource, MigrationWarning } from './types.js';

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
  const started = performance.now();
  const warn = options.onWarning ?? ((warning: MigrationWarning) => console.warn(`[pgboot] ${warning.message}`));
  const { migrations, warnings } = await prepareMigrations(options.migrations);

  const outcome = await withSession(db, async (session) => {
    const created = await ensureTrackingTables(session);
    let applied = await readApplied(session);
    // First run on a database another tool migrated: record what it applied (adopt.ts).
    const adoption =
      applied.length === 0
        ? await adoptToolHistories(session, {
            migrations,
            sources: options.migrations,
            drizzleTable: options.drizzleTable,
            adopt: options.adopt,
            onAhead: options.onAhead,
            appBuild: options.appBuild,
          })
        : { adopted: [], warnings: [] };
    if (adoption.adopted.length > 0) applied = await readApplied(session);
    if (created || adoption.adopted.length > 0) {
      // Commit the tables (and adopted rows) on their own, so a failing first migration can still be logged.
      await session.commit();
      await session.begin();
    }
    const plan = planMigrations(migrations, applied);
    warnings.push(...adoption.warnings, ...checkPlan(plan, migrations, options), ...emptyWarnings(plan, migrations));
    const redo = options.onDrift === 'redo' ? await planRedo(session, plan, migrations) : undefined;
    const toRun = selectToRun(migrations, plan, options.to);
    options.onProgress?.({ phase: 'plan', index: 0, total: toRun.length, id: undefined });
    const redone = redo ? await runRedo(session, redo, options.appBuild) : undefined;
    if (redo && !redone?.failure) warnings.push(redoWarning(redo));
    const batch = redone?.failure
      ? { results: [redone.result], failure: redone.failure }
      : await executeBatch(session, toRun, 'up', { onProgress: options.onProgress, appBuild: options.appBuild });
    if (redone && !redone.failure) batch.results.unshift(redone.result);
    return { plan, toRun, batch, adopted: adoption.adopted, wrote: created || adoption.adopted.length > 0 || batch.results.length > 0 };
  });

  warnings.forEach(warn);
  if (outcome.wrote) {
    options.onProgress?.({ phase: 'persist', index: outcome.batch.results.length, total: outcome.toRun.length, id: undefined });
    await db.syncToFs();
  }

  const { failure, results } = outcome.batch;
  if (failure) {
    throw new MigrationError({
      id: failure.migration.id,
      file: failure.migration.file,
      direction: (failure as { direction?: 'up' | 'down' }).direction ?? 'up',
      line: failure.line,
      statement: failure.statement,
      postgres: failure.postgres,
      results,
      cause: failure.error,
    });
  }

  const applied = results.map((r) => r.id);
  options.onProgress?.({ phase: 'done', index: results.length, total: outcome.toRun.length, id: undefined });
  return {
    results,
    applied,
    adopted: outcome.adopted,
    outOfOrder: applied.filter((id) => outcome.plan.outOfOrder.includes(id)),
    pending: outcome.plan.pending.filter((id) => !applied.includes(id)),
    empty: outcome.plan.empty,
    redone: outcome.plan.drifted.filter((id) => applied.includes(id)),
    warnings,
    durationMs: performance.now() - started,
  };
}

/** Applies the run policies to a plan; throws when the plan must not run, returns warnings otherwise. */
function checkPlan(plan: MigrationPlan, migrations: Migration[], options: MigrateOptions): MigrationWarning[] {
  const warnings: MigrationWarning[] = [];
  const byId = new Map(migrations.map((m) => [m.id, m]));

  if (plan.drifted.length > 0 && options.onDrift !== 'redo') {
    const drifted = plan.entries
      .filter((e) => e.state === 'drifted')
      .map((e) => ({ id: e.id, file: e.file!, stored: e.storedChecksum!, current: e.checksum! }));
    if ((options.onDrift ?? 'error') === 'error') throw new ChecksumMismatchError(drifted);
    for (const d of drifted) {
      warnings.push({
        file: d.file,
        message: `${d.file}: changed since it was applied (checksum ${d.stored.slice(0, 12)} -> ${d.current.slice(0, 12)}); the change is not applied.`,
      });
    }
  }

  if (plan.unknown.length > 0 && (options.onAhead ?? 'error') === 'error') throw new DatabaseAheadError(plan.unknown);

  if (plan.outOfOrder.length > 0) {
    const newestApplied = plan.entries.filter((e) => e.state !== 'pending').at(-1)!.id;
    const outOfOrder = plan.outOfOrder.map((id) => byId.get(id)!);
    if (options.outOfOrder === 'error') throw new OutOfOrderMigrationError(outOfOrder, newestApplied);
    for (const m of outOfOrder) {
      warnings.push({ file: m.file, message: `${m.file}: applied out of order (it sorts before '${newestApplied}', which was already applied).` });
    }
  }
  return warnings;
}

function emptyWarnings(plan: MigrationPlan, migrations: Migration[]): MigrationWarning[] {
  return plan.empty.map((id) => {
    const file = migrations.find((m) => m.id === id)!.file;
    return { file, message: `${file}: has no statements yet (only comments), so it is not applied; it will be once its up has some.` };
  });
}

function redoWarning({ migration, currentDown }: { migration: Migration; currentDown: boolean }): MigrationWarning {
  const down = currentDown ? 'its current down (the applied code of a module is not kept)' : 'its down as it was applied';
  return { file: migration.file, message: `${migration.file}: changed since it was applied; re-ran it (onDrift: 'redo'): ${down}, then the new up.` };
}

function selectToRun(migrations: Migration[], plan: MigrationPlan, to: string | undefined): Migration[] {
  const pending = new Set(plan.pending);
  const toRun = migrations.filter((m) => pending.has(m.id));
  if (to === undefined) return toRun;
  const target = migrations.find((m) => m.id === to);
  if (!target) throw new UnknownMigrationTargetError(to, 'no bundled migration has that id');
  return toRun.filter((m) => compareMigrationOrder(m, target) <= 0);
}
