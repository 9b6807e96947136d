/*
 * How a batch of migrations runs, top to bottom: `migrate` (migrate.ts), `rollback` (rollback.ts)
 * and the redo of a changed newest migration (`onDrift: 'redo'`) all come through `runBatch`.
 *
 * 1. Prepare: validate the bundled set (prepare.ts). No database yet.
 * 2. Read: in one session (session.ts: one `db.transaction()`, so nothing is flushed until step 5),
 *    create the tracking tables (going up) and read the applied rows. On a database pgboot never
 *    migrated that has another tool's table, adopt that tool's history (adopt.ts, loaded only then).
 * 3. Plan and policies: pure functions (plan.ts, and below): what runs in which order, warnings, or
 *    a typed error before anything runs.
 * 4. Execute: each migration in its own transaction together with its bookkeeping (the one writer,
 *    `bookkeepingSql` in tracking.ts); `session.next()` ends one transaction and begins the next.
 *    The first failure is rolled back, logged, and stops the batch; earlier migrations stay.
 * 5. Flush: one `db.syncToFs()` for the whole batch (PGlite does not flush after `db.transaction()`).
 * 6. Result, or `MigrationError`.
 */
import { anotherToolsTable } from './adopters/tables.js';
import { CREATE_DIESEL_TABLE } from './diesel-table.js';
import {
  ChecksumMismatchError,
  DatabaseAheadError,
  IrreversibleMigrationError,
  MigrationError,
  OutOfOrderMigrationError,
  UnknownMigrationTargetError,
  failureReason,
  type MigrationResult,
} from './errors.js';
import { compareMigrationOrder } from './file-name.js';
import { planMigrations, type MigrationPlan } from './plan.js';
import { prepareMigrations } from './prepare.js';
import { downToKeep, findRedo, redoWith, type Redo } from './redo-changed.js';
import type { MigrateOptions, MigrateResult, ProgressListener, RollbackOptions, RollbackResult } from './run-options.js';

export type { Progress, ProgressListener } from './run-options.js';
import { describeFailure, postgresDetails, runStepInTransaction, runStepWithoutTransaction, type StepFailure } from './run-step.js';
import { withSession, type Session } from './session.js';
import { preparedWith } from './status.js';
import { appendLog, bookkeepingSql, ensureTrackingTables, MIGRATIONS_TABLE, readApplied, trackingTablesExist, type Bookkeeping } from './tracking.js';
import type { AppliedMigration, Database, Migration, MigrationStep, MigrationWarning } from './types.js';

/** One migration's work in a batch: what runs, in one transaction or outside any, and what is recorded. */
interface BatchStep {
  migration: Migration;
  /** The direction reported when it succeeds (a redo reports `up`). */
  direction: 'up' | 'down';
  /** Run in order: the step; for a redo, the kept down, then the new up. */
  parts: { direction: 'up' | 'down'; step: MigrationStep }[];
  /** `false`: `transaction:false`, statement by statement, each committing on its own; the bookkeeping follows. */
  transactional: boolean;
  /** What the bookkeeping writes once the parts ran (the duration is added then). */
  records: Omit<Bookkeeping, 'durationMs' | 'appBuild'>[];
  redo: Redo | undefined;
}

/** A failed step: where and why (run-step.ts), the migration, and which part failed. */
interface BatchFailure extends StepFailure {
  migration: Migration;
  direction: 'up' | 'down';
}

export type BatchRequest = { direction: 'up'; options: MigrateOptions } | { direction: 'down'; options: RollbackOptions };

/** Runs a batch; see the top of this file. */
export async function runBatch(db: Database, request: { direction: 'up'; options: MigrateOptions }): Promise<MigrateResult>;
export async function runBatch(db: Database, request: { direction: 'down'; options: RollbackOptions }): Promise<RollbackResult>;
export async function runBatch(db: Database, request: BatchRequest): Promise<MigrateResult | RollbackResult> {
  const started = performance.now();
  const { options } = request;
  const appBuild = options.appBuild;
  const known = request.direction === 'up' ? request.options.status : undefined;

  // 1. Prepare (a status handed over by bootDatabase brings the set it prepared).
  const prepared = (known && preparedWith(known, options.migrations)) || (await prepareMigrations(options.migrations));
  const migrations = prepared.migrations;
  const warnings = request.direction === 'up' ? [...prepared.warnings] : [];

  const outcome = await withSession(db, async (session) => {
    // 2. Read, and 3. plan.
    let plan: MigrationPlan | undefined;
    let adopted: string[] = [];
    let steps: BatchStep[];
    let wroteTables = false;
    if (request.direction === 'up') {
      const up = request.options;
      const created = await ensureTrackingTables(session);
      // A status read just before (bootDatabase's) is this plan, unless it found another tool's history to adopt.
      const trusted = known && known.adoptable.length === 0 ? known : undefined;
      let applied = trusted ? [] : await readApplied(session);
      if (!trusted && applied.length === 0 && up.adopt !== false && (await anotherToolsTable(session, up.drizzleTable))) {
        // First run on a database another tool migrated: record what it applied.
        const { adoptToolHistories } = await import('./adopt.js');
        const adoption = await adoptToolHistories(session, {
          migrations,
          sources: up.migrations,
          drizzleTable: up.drizzleTable,
          adopt: up.adopt,
          onAhead: up.onAhead,
          appBuild,
        });
        adopted = adoption.adopted;
        warnings.push(...adoption.warnings);
        if (adopted.length > 0) applied = await readApplied(session);
      }
      wroteTables = created || adopted.length > 0;
      // Commit the tables (and adopted rows) on their own, so a failing first migration can still be logged.
      if (wroteTables) await session.next('commit');
      plan = trusted ?? planMigrations(migrations, applied);
      warnings.push(...checkPlan(plan, migrations, up), ...emptyWarnings(plan, migrations));
      const candidate = up.onDrift === 'redo' ? findRedo(plan, migrations) : undefined;
      const redo = candidate && redoWith(candidate, await readKeptDown(session, candidate.migration.id));
      steps = [...(redo ? [redoStep(redo)] : []), ...selectToRun(migrations, plan, up.to).map(applyStep)];
    } else {
      const applied = (await trackingTablesExist(session)) ? await readApplied(session) : [];
      const byId = new Map(migrations.map((m) => [m.id, m]));
      const targets = chooseTargets(applied, request.options).map((row) => toReversible(row, byId.get(row.id)));
      for (const [row, migration] of targets) {
        if (row.checksum !== migration.checksum) {
          warnings.push({ file: migration.file, message: `${migration.file}: changed since it was applied; rolling back with the current file's down.` });
        }
      }
      steps = targets.map(([, migration]) => revertStep(migration));
    }
    options.onProgress?.({ phase: 'plan', index: 0, total: steps.length, id: undefined });

    // 4. Execute.
    const executed = await execute(session, steps, { onProgress: options.onProgress, appBuild });
    const redo = steps[0]?.redo;
    if (redo && executed.results[0]?.status === 'applied') warnings.push(redoWarning(redo));
    return { plan, adopted, steps, ...executed, wrote: wroteTables || executed.results.length > 0 };
  });

  warnings.forEach(options.onWarning ?? ((warning: MigrationWarning) => console.warn(`[pgboot] ${warning.message}`)));

  // 5. Flush: whatever the batch committed, once.
  const { results, failure, steps } = outcome;
  if (outcome.wrote) {
    options.onProgress?.({ phase: 'persist', index: results.length, total: steps.length, id: undefined });
    await db.syncToFs();
  }

  // 6. Result, or MigrationError.
  if (failure) {
    throw new MigrationError({
      id: failure.migration.id,
      file: failure.migration.file,
      direction: failure.direction,
      line: failure.line,
      statement: failure.statement,
      postgres: failure.postgres,
      results,
      cause: failure.error,
    });
  }
  options.onProgress?.({ phase: 'done', index: results.length, total: steps.length, id: undefined });
  const ids = results.map((r) => r.id);
  const durationMs = performance.now() - started;
  if (request.direction === 'down') return { results, reverted: ids, durationMs };
  const plan = outcome.plan!;
  return {
    results,
    applied: ids,
    adopted: outcome.adopted,
    outOfOrder: ids.filter((id) => plan.outOfOrder.includes(id)),
    pending: plan.pending.filter((id) => !ids.includes(id)),
    empty: plan.empty,
    redone: plan.drifted.filter((id) => ids.includes(id)),
    warnings,
    durationMs,
  };
}

/**
 * Runs the steps one after another, each in its own transaction with its bookkeeping. Stops at
 * the first failure: that step is rolled back and the failure logged in a transaction of its own.
 */
async function execute(
  session: Session,
  steps: readonly BatchStep[],
  options: { onProgress: ProgressListener | undefined; appBuild: string | undefined },
): Promise<{ results: MigrationResult[]; failure: BatchFailure | undefined }> {
  const results: MigrationResult[] = [];
  // diesel-layout migrations keep diesel's table too, so it must exist first (diesel creates it the same way).
  if (steps.some((s) => s.migration.dieselVersion !== undefined)) await session.exec(CREATE_DIESEL_TABLE);
  for (const [index, step] of steps.entries()) {
    const { migration } = step;
    await options.onProgress?.({ phase: step.direction === 'up' ? 'apply' : 'revert', index, total: steps.length, id: migration.id });
    const started = performance.now();
    const failure = step.transactional ? await runInTransaction(session, step, options.appBuild) : await runOutsideTransaction(session, step, options.appBuild);
    // The call's own measure, commit included (`duration_ms` in the tables excludes it: see `Bookkeeping`).
    const durationMs = performance.now() - started;
    if (!failure) {
      results.push({ id: migration.id, direction: step.direction, status: step.direction === 'up' ? 'applied' : 'reverted', durationMs });
      continue;
    }
    results.push({
      id: migration.id,
      direction: failure.direction,
      status: 'failed',
      durationMs,
      ...(failure.committedThroughLine === undefined ? {} : { committedThroughLine: failure.committedThroughLine }),
      ...(failure.committedStatements === undefined ? {} : { committedStatements: failure.committedStatements, committedFromLine: failure.firstLine! }),
    });
    await appendLog(session, {
      action: 'failed',
      migrationId: migration.id,
      checksum: migration.checksum,
      durationMs,
      error: failureLogText(step, failure),
      appBuild: options.appBuild,
    });
    await session.next('commit');
    return { results, failure };
  }
  return { results, failure: undefined };
}

/**
 * The step's parts and its bookkeeping commit together or not at all. A plain SQL step travels
 * with its bookkeeping as one text, one round trip (Postgres stops at the first failing
 * statement, so on failure the bookkeeping did not run; error positions stay right, the step's
 * SQL coming first).
 */
async function runInTransaction(session: Session, step: BatchStep, appBuild: string | undefined): Promise<BatchFailure | undefined> {
  const started = performance.now();
  let running = step.parts[0]!;
  try {
    const only = step.parts.length === 1 ? running.step : undefined;
    if (only?.kind === 'sql' && !only.ownTransactions) {
      await session.exec(`${only.sql}\n;\n${bookkeeping(step, 'this-message', appBuild)}`);
    } else {
      for (const part of step.parts) {
        running = part;
        await runStepInTransaction(session, part.step);
      }
      await session.exec(bookkeeping(step, performance.now() - started, appBuild));
    }
  } catch (error) {
    await session.next('rollback');
    return { ...(await explainFailure(session, step, running, error)), migration: step.migration, direction: running.direction };
  }
  await session.next('commit');
  return undefined;
}

/** `transaction:false`: statements commit one by one outside any transaction; the bookkeeping follows in one. */
async function runOutsideTransaction(session: Session, step: BatchStep, appBuild: string | undefined): Promise<BatchFailure | undefined> {
  const part = step.parts[0]!;
  let durationMs = 0;
  const failure = await session.outside(async () => {
    const started = performance.now();
    const outcome = await runStepWithoutTransaction(session, part.step);
    durationMs = performance.now() - started;
    return outcome;
  });
  if (failure) return { ...failure, migration: step.migration, direction: part.direction };
  try {
    await session.exec(bookkeeping(step, durationMs, appBuild));
  } catch (error) {
    await session.next('rollback');
    return { error, statement: undefined, line: undefined, postgres: undefined, migration: step.migration, direction: part.direction };
  }
  await session.next('commit');
  return undefined;
}

function bookkeeping(step: BatchStep, durationMs: Bookkeeping['durationMs'], appBuild: string | undefined): string {
  return step.records.map((record) => bookkeepingSql({ ...record, durationMs, appBuild })).join(';\n');
}

/** Where and why a part failed, after its transaction was rolled back (run-step.ts finds the statement). */
async function explainFailure(session: Session, step: BatchStep, part: BatchStep['parts'][number], error: unknown): Promise<StepFailure> {
  if (!step.redo) return describeFailure(session, part.step, error);
  // A redo: replaying the up alone (to find a statement Postgres gave no position for) would run it
  // on the unreverted schema: don't. The kept down is not the file's text: a line would mislead.
  const failure =
    part.step.kind === 'function' || postgresDetails(error)?.position !== undefined
      ? await describeFailure(session, part.step, error)
      : { error, statement: undefined, line: undefined, postgres: postgresDetails(error) };
  return part.direction === 'down' ? { ...failure, line: undefined } : failure;
}

/** The `failed` history entry's text; the reason is worded as in `MigrationError` (`failureReason`). */
function failureLogText(step: BatchStep, failure: BatchFailure): string {
  const where = failure.line === undefined ? '' : ` at line ${failure.line}`;
  const partial =
    failure.committedStatements !== undefined
      ? `\nran with transaction:false: its first ${failure.committedStatements} statement(s) (lines ${failure.firstLine}-${failure.committedThroughLine}) stay applied`
      : failure.committedThroughLine === undefined
        ? ''
        : `\nits own COMMIT had made lines up to ${failure.committedThroughLine} permanent; they stay`;
  const redo = step.redo ? 're-running it after its file changed: ' : '';
  return `${redo}${failure.direction} failed${where}: ${failureReason(failure.postgres, failure.error)}${failure.statement ? `\nstatement: ${failure.statement}` : ''}${partial}`;
}

// Steps: how each kind of work is run and recorded.

function applyStep(migration: Migration): BatchStep {
  return {
    migration,
    direction: 'up',
    parts: [{ direction: 'up', step: migration.up }],
    transactional: migration.transaction,
    // Going up, the row keeps the migration's down (redo-changed.ts).
    records: [{ action: 'up', migration: { ...migration, downSql: downToKeep(migration) } }],
    redo: undefined,
  };
}

function revertStep(migration: Migration): BatchStep {
  return {
    migration,
    direction: 'down',
    parts: [{ direction: 'down', step: migration.down! }],
    transactional: migration.downTransaction,
    records: [{ action: 'down', migration }],
    redo: undefined,
  };
}

/** The kept down, then the new up, then the row replaced (history: a `down` and an `up` entry), in one transaction. */
function redoStep(redo: Redo): BatchStep {
  const { migration } = redo;
  return {
    migration,
    direction: 'up',
    parts: [
      { direction: 'down', step: redo.down },
      { direction: 'up', step: migration.up },
    ],
    transactional: true,
    records: [
      { action: 'down', migration: { ...migration, checksum: redo.storedChecksum } },
      { action: 'up', migration: { ...migration, downSql: downToKeep(migration) } },
    ],
    redo,
  };
}

// Reads the plan needs beyond the applied rows.

/** The down kept with an applied migration's row (redo-changed.ts). */
async function readKeptDown(session: Session, id: string): Promise<string | null> {
  const { rows } = await session.query<{ down_sql: string | null }>(`SELECT down_sql FROM ${MIGRATIONS_TABLE} WHERE id = $1`, [id]);
  return rows[0]?.down_sql ?? null;
}

// Policies: pure functions of the plan and the options.

/** Applies `migrate`'s policies to a plan; throws when the plan must not run, returns warnings otherwise. */
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

function redoWarning({ migration, currentDown }: Redo): MigrationWarning {
  const down = currentDown ? 'its current down (the applied code of a module is not kept)' : 'its down as it was applied';
  return { file: migration.file, message: `${migration.file}: changed since it was applied; re-ran it (onDrift: 'redo'): ${down}, then the new up.` };
}

/** The pending migrations to apply, in order, up to `to`. */
function selectToRun(migrations: Migration[], plan: MigrationPlan, to: string | undefined): Migration[] {
  const pending = new Set(plan.pending);
  const toRun = migrations.filter((m) => pending.has(m.id));
  if (to === undefined) return toRun;
  const target = migrations.find((m) => m.id === to);
  if (!target) throw new UnknownMigrationTargetError(to, 'no bundled migration has that id');
  return toRun.filter((m) => compareMigrationOrder(m, target) <= 0);
}

/** `rollback`'s targets: the applied rows to revert, newest first. */
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

/** Every migration a rollback passes must be in this build and have a down, or nothing runs. */
function toReversible(row: AppliedMigration, migration: Migration | undefined): [AppliedMigration, Migration] {
  if (!migration) throw new IrreversibleMigrationError(row.id, row.id, 'is applied, but this build does not include it, so its down is unknown');
  if (!migration.down) throw new IrreversibleMigrationError(migration.id, migration.file);
  return [row, migration];
}
