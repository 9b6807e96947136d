import { IrreversibleMigrationError, MigrationError, UnknownMigrationTargetError, type MigrationResult } from './errors.js';
import { executeBatch, type ProgressListener } from './execute-batch.js';
import { compareMigrationOrder } from './file-name.js';
import { prepareMigrations } from './prepare.js';
import { withSession } from './session.js';
import { readApplied, trackingTablesExist } from './tracking.js';
import type { AppliedMigration, Database, Migration, MigrationSource, MigrationWarning } from './types.js';

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
  const started = performance.now();
  const warn = options.onWarning ?? ((warning: MigrationWarning) => console.warn(`[pgboot] ${warning.message}`));
  const { migrations } = await prepareMigrations(options.migrations);
  const byId = new Map(migrations.map((m) => [m.id, m]));

  const outcome = await withSession(db, async (session) => {
    const applied = (await trackingTablesExist(session)) ? await readApplied(session) : [];
    const targets = chooseTargets(applied, options).map((row) => toReversible(row, byId.get(row.id)));
    for (const [row, migration] of targets) {
      if (row.checksum !== migration.checksum) {
        warn({ file: migration.file, message: `${migration.file}: changed since it was applied; rolling back with the current file's down.` });
      }
    }
    const toRevert = targets.map(([, migration]) => migration);
    options.onProgress?.({ phase: 'plan', index: 0, total: toRevert.length, id: undefined });
    return { toRevert, batch: await executeBatch(session, toRevert, 'down', { onProgress: options.onProgress, appBuild: options.appBuild }) };
  });

  if (outcome.toRevert.length > 0) {
    options.onProgress?.({ phase: 'persist', index: outcome.batch.results.length, total: outcome.toRevert.length, id: undefined });
    await db.syncToFs();
  }
  const { failure, results } = outcome.batch;
  if (failure) {
    throw new MigrationError({
      id: failure.migration.id,
      file: failure.migration.file,
      direction: 'down',
      line: failure.line,
      statement: failure.statement,
      postgres: failure.postgres,
      results,
      cause: failure.error,
    });
  }
  options.onProgress?.({ phase: 'done', index: results.length, total: outcome.toRevert.length, id: undefined });
  return { results, reverted: results.map((r) => r.id), durationMs: performance.now() - started };
}

/** The applied rows to revert, newest first. */
function chooseTargets(applied: AppliedMigration[], options: RollbackOptions): AppliedMigration[] {
  const newestFirst = [...applied].sort(compareMigrationOrder).reverse();
  if (options.to !== undefined && options.steps !== undefined) {
    throw new UnknownMigrationTargetError(String(options.to), "pass either 'to' or 'steps', not both");
  }
  if (options.to === 0 || options.to === '0') return newestFirst;
  if (options.to !== undefined) {
    const target = options.to;
    const index = newestFirst.findIndex((row) => row.id === target);
    if (index === -1)
      throw new UnknownMigrationTargetError(target, 'it is not an applied migration (use an id from getStatus().applied, or 0 for all)', {
        api: 'use an id from getStatus().applied, or 0 for all',
        cli: "use an id that 'pgboot status' lists as applied, or --to 0 for all",
      });
    return newestFirst.slice(0, index);
  }
  const steps = options.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw new UnknownMigrationTargetError(String(steps), 'steps must be a whole number of at least 1');
  return newestFirst.slice(0, steps);
}

function toReversible(row: AppliedMigration, migration: Migration | undefined): [AppliedMigration, Migration] {
  if (!migration) throw new IrreversibleMigrationError(row.id, row.id, 'is applied, but this build does not include it, so its down is unknown');
  if (!migration.down) throw new IrreversibleMigrationError(migration.id, migration.file);
  return [row, migration];
}
