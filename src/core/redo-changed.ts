import { ChecksumMismatchError, type MigrationResult } from './errors.js';
import type { MigrationPlan } from './plan.js';
import { describeFailure, postgresDetails, runStepInTransaction, type StepFailure } from './run-step.js';
import type { Session } from './session.js';
import { appendLog, MIGRATIONS_TABLE, recordApplied, recordReverted } from './tracking.js';
import type { Migration, MigrationStep } from './types.js';

/*
 * `onDrift: 'redo'`, for development: the newest applied migration whose file changed is run
 * again, so that editing the migration one is writing needs no manual step. Its down as it was
 * applied (the SQL kept in `_migrations.down_sql`) undoes what the old text did, then the file's
 * new up runs; both, and the bookkeeping, in one transaction, so a failure leaves the database as
 * it was. Older drifted migrations are never re-run: later ones were built on them.
 */

/**
 * The down to keep with an applied migration, run if its file changes in development: a SQL
 * down's text; `''` for an empty up without a down (nothing ran, so nothing to undo); `null` when
 * it cannot be kept (modules, whose code cannot be stored, and steps outside a transaction).
 */
export function downToKeep(migration: Migration): string | null {
  if (!migration.transaction) return null;
  const down = migration.down;
  if (down === undefined) return migration.empty ? '' : null;
  if (down.kind !== 'sql' || down.ownTransactions || !migration.downTransaction) return null;
  return down.sql;
}

/** A migration to re-run, with the down to run first. */
export interface Redo {
  migration: Migration;
  /** The checksum it was applied with (logged with its `down` entry). */
  storedChecksum: string;
  down: MigrationStep;
  /** The down is the file's current one (a module, whose applied code is not kept), not the applied one. */
  currentDown: boolean;
}

/**
 * Decides which drifted migration `onDrift: 'redo'` re-runs: the newest applied one only. Throws
 * `ChecksumMismatchError` for any other drifted migration, or when the newest cannot be re-run
 * (no down kept, or it runs outside a transaction). Reads, writes nothing.
 */
export async function planRedo(session: Session, plan: MigrationPlan, migrations: readonly Migration[]): Promise<Redo | undefined> {
  if (plan.drifted.length === 0) return undefined;
  const drifted = plan.entries.filter((e) => e.state === 'drifted').map((e) => ({ id: e.id, file: e.file!, stored: e.storedChecksum!, current: e.checksum! }));
  const newest = plan.entries.filter((e) => e.state === 'applied' || e.state === 'drifted' || e.state === 'unknown').at(-1)!;
  const older = drifted.filter((d) => d.id !== newest.id);
  if (older.length > 0) {
    throw new ChecksumMismatchError(
      older,
      `Only the newest applied migration (${newest.id}) is re-run when its file changes; this one has later migrations built on it.`,
    );
  }
  const migration = migrations.find((m) => m.id === newest.id)!;
  const storedChecksum = newest.storedChecksum!;
  const refuse = (why: string) =>
    new ChecksumMismatchError(drifted, `It cannot be re-run in development: ${why}. Reset the database, or roll it back by hand.`);
  if (!migration.transaction || (migration.up.kind === 'sql' && migration.up.ownTransactions)) throw refuse('its up runs outside a transaction');

  const { rows } = await session.query<{ down_sql: string | null }>(`SELECT down_sql FROM ${MIGRATIONS_TABLE} WHERE id = $1`, [migration.id]);
  const kept = rows[0]?.down_sql ?? null;
  if (kept !== null) return { migration, storedChecksum, down: { kind: 'sql', sql: kept, line: 1 }, currentDown: false };
  if (migration.down?.kind === 'function' && migration.downTransaction) return { migration, storedChecksum, down: migration.down, currentDown: true };
  throw refuse(
    migration.down === undefined
      ? 'it has no down'
      : 'the down it was applied with is not kept (it was applied before pgboot kept downs, or its down runs outside a transaction)',
  );
}

export interface RedoOutcome {
  result: MigrationResult;
  failure: (StepFailure & { migration: Migration; direction: 'up' | 'down' }) | undefined;
}

/**
 * Runs the kept down, then the new up, then replaces the `_migrations` row (history: a `down`
 * and an `up` entry), all in one transaction. On failure it is rolled back, the failure logged.
 * Expects the session inside a transaction; leaves it in one.
 */
export async function runRedo(session: Session, redo: Redo, appBuild: string | undefined): Promise<RedoOutcome> {
  const { migration } = redo;
  const started = performance.now();
  let direction: 'up' | 'down' = 'down';
  try {
    await runStepInTransaction(session, redo.down);
    direction = 'up';
    await runStepInTransaction(session, migration.up);
    const durationMs = performance.now() - started;
    await recordReverted(session, { id: migration.id, checksum: redo.storedChecksum }, durationMs, appBuild);
    await recordApplied(session, { ...migration, downSql: downToKeep(migration) }, durationMs, appBuild);
    await session.commit();
    await session.begin();
    return { result: { id: migration.id, direction: 'up', status: 'applied', durationMs }, failure: undefined };
  } catch (error) {
    await session.rollback();
    const step = direction === 'down' ? redo.down : migration.up;
    // Replaying the up alone (to find a statement Postgres gave no position for) would run it on the unreverted schema: don't.
    const failure: StepFailure =
      step.kind === 'function' || postgresDetails(error)?.position !== undefined
        ? await describeFailure(session, step, error)
        : { error, statement: undefined, line: undefined, postgres: postgresDetails(error) };
    // The kept down is not the file's text: a line number would point at the wrong place.
    if (direction === 'down') failure.line = undefined;
    await session.begin();
    const durationMs = performance.now() - started;
    await appendLog(session, {
      action: 'failed',
      migrationId: migration.id,
      checksum: migration.checksum,
      durationMs,
      error: `re-running it after its file changed: ${direction} failed: ${failure.postgres?.message ?? String(failure.error)}`,
      appBuild,
    });
    await session.commit();
    await session.begin();
    return { result: { id: migration.id, direction, status: 'failed', durationMs }, failure: { ...failure, migration, direction } };
  }
}
