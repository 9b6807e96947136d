import { CREATE_DIESEL_TABLE, dieselHistorySql } from './adopters/diesel.js';
import type { MigrationResult } from './errors.js';
import { describeFailure, runStepInTransaction, runStepWithoutTransaction, type StepFailure } from './run-step.js';
import type { Session } from './session.js';
import { appendLog, recordApplied, recordReverted, recordSql } from './tracking.js';
import { downToKeep } from './redo-changed.js';
import type { Migration, MigrationStep } from './types.js';

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

export interface BatchOutcome {
  results: MigrationResult[];
  failure: (StepFailure & { migration: Migration }) | undefined;
}

/**
 * Runs migrations one after another in a session, each in its own transaction with its
 * `_migrations` row (inserted going up, deleted going down) and its history entry. Stops at
 * the first failure: that migration is rolled back, and the failure is logged in a
 * transaction of its own. Expects the session to be inside a transaction; leaves it in one.
 */
export async function executeBatch(
  session: Session,
  migrations: readonly Migration[],
  direction: 'up' | 'down',
  options: { onProgress?: ProgressListener | undefined; appBuild?: string | undefined },
): Promise<BatchOutcome> {
  const results: MigrationResult[] = [];
  // diesel-layout migrations keep diesel's table too, so it must exist first (diesel creates it the same way).
  if (migrations.some((m) => m.dieselVersion !== undefined)) await session.exec(CREATE_DIESEL_TABLE);
  for (const [index, migration] of migrations.entries()) {
    await options.onProgress?.({ phase: direction === 'up' ? 'apply' : 'revert', index, total: migrations.length, id: migration.id });
    const step = direction === 'up' ? migration.up : migration.down!;
    const transactional = direction === 'up' ? migration.transaction : migration.downTransaction;
    const started = performance.now();

    const failure = !transactional
      ? await runOutsideTransaction(session, step, () => record(session, migration, direction, performance.now() - started, options.appBuild))
      : step.kind === 'sql' && !step.ownTransactions
        ? await runSqlWithBookkeeping(session, step, bookkeepingSql(withKeptDown(migration, direction), direction, options.appBuild))
        : await runInOwnTransaction(session, step, () => record(session, migration, direction, performance.now() - started, options.appBuild));
    const durationMs = performance.now() - started;

    if (failure) {
      results.push({
        id: migration.id,
        direction,
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
        error: describeForLog(failure, direction),
        appBuild: options.appBuild,
      });
      await session.commit();
      await session.begin();
      return { results, failure: { ...failure, migration } };
    }
    results.push({ id: migration.id, direction, status: direction === 'up' ? 'applied' : 'reverted', durationMs });
  }
  return { results, failure: undefined };
}

/** Going up, the row keeps the migration's down (redo-changed.ts). */
function withKeptDown(migration: Migration, direction: 'up' | 'down') {
  return direction === 'up' ? { ...migration, downSql: downToKeep(migration) } : migration;
}

async function record(session: Session, migration: Migration, direction: 'up' | 'down', durationMs: number, appBuild: string | undefined) {
  if (direction === 'up') await recordApplied(session, withKeptDown(migration, direction), durationMs, appBuild);
  else await recordReverted(session, migration, durationMs, appBuild);
  if (migration.dieselVersion !== undefined) await session.exec(dieselHistorySql(migration.dieselVersion, direction));
}

/** pgboot's row and history entry, plus diesel's row for a diesel-layout migration. */
function bookkeepingSql(migration: Migration, direction: 'up' | 'down', appBuild: string | undefined): string {
  const own = recordSql(migration, direction, appBuild);
  return migration.dieselVersion === undefined ? own : `${own};\n${dieselHistorySql(migration.dieselVersion, direction)}`;
}

/**
 * A plain SQL step, its bookkeeping, the COMMIT and the next BEGIN, sent as one text: one round
 * trip per migration (the engine's cost over a bare loop of `exec` calls). Postgres stops at the
 * first failing statement, so on failure neither the bookkeeping nor the COMMIT ran, and the
 * transaction is rolled back as in `runInOwnTransaction`. Error positions stay right: the
 * step's SQL comes first in the text.
 */
async function runSqlWithBookkeeping(session: Session, step: Extract<MigrationStep, { kind: 'sql' }>, bookkeeping: string): Promise<StepFailure | undefined> {
  try {
    await session.exec(`${step.sql}\n;\n${bookkeeping};\nCOMMIT;\nBEGIN`);
  } catch (error) {
    await session.rollback();
    const failure = await describeFailure(session, step, error);
    await session.begin();
    return failure;
  }
  return undefined;
}

/** The step and its bookkeeping commit together or not at all. Leaves a new transaction open. */
async function runInOwnTransaction(session: Session, step: MigrationStep, bookkeeping: () => Promise<void>): Promise<StepFailure | undefined> {
  try {
    await runStepInTransaction(session, step);
    await bookkeeping();
    await session.commit();
  } catch (error) {
    await session.rollback();
    const failure = await describeFailure(session, step, error);
    await session.begin();
    return failure;
  }
  await session.begin();
  return undefined;
}

/** `transaction:false`: statements commit one by one; the bookkeeping follows in a transaction. */
async function runOutsideTransaction(session: Session, step: MigrationStep, bookkeeping: () => Promise<void>): Promise<StepFailure | undefined> {
  await session.commit();
  const failure = await runStepWithoutTransaction(session, step);
  await session.begin();
  if (failure) return failure;
  try {
    await bookkeeping();
    await session.commit();
  } catch (error) {
    await session.rollback();
    await session.begin();
    return { error, statement: undefined, line: undefined, postgres: undefined };
  }
  await session.begin();
  return undefined;
}

function describeForLog(failure: StepFailure, direction: 'up' | 'down'): string {
  const reason = failure.postgres
    ? `${failure.postgres.message}${failure.postgres.code ? ` (SQLSTATE ${failure.postgres.code})` : ''}`
    : failure.error instanceof Error
      ? `${failure.error.name}: ${failure.error.message}`
      : String(failure.error);
  const where = failure.line === undefined ? '' : ` at line ${failure.line}`;
  const partial =
    failure.committedStatements !== undefined
      ? `\nran with transaction:false: its first ${failure.committedStatements} statement(s) (lines ${failure.firstLine}-${failure.committedThroughLine}) stay applied`
      : failure.committedThroughLine === undefined
        ? ''
        : `\nits own COMMIT had made lines up to ${failure.committedThroughLine} permanent; they stay`;
  return `${direction} failed${where}: ${reason}${failure.statement ? `\nstatement: ${failure.statement}` : ''}${partial}`;
}
