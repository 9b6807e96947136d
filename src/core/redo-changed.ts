import { ChecksumMismatchError } from './errors.js';
import type { MigrationPlan } from './plan.js';
import type { Migration, MigrationStep } from './types.js';

/*
 * `onDrift: 'redo'`, for development: the newest applied migration whose file changed is run
 * again, so that editing the migration one is writing needs no manual step. Its down as it was
 * applied (the SQL kept in `_migrations.down_sql`) undoes what the old text did, then the file's
 * new up runs; both, and the bookkeeping, in one transaction, so a failure leaves the database as
 * it was (the runner, run-batch.ts, runs it as one step). Older drifted migrations are never re-run: later ones were built on them.
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

/** The migration `onDrift: 'redo'` would re-run, before its kept down is read. */
export interface RedoCandidate {
  migration: Migration;
  storedChecksum: string;
  drifted: { id: string; file: string; stored: string; current: string }[];
}

/**
 * Decides which drifted migration `onDrift: 'redo'` re-runs: the newest applied one only. Throws
 * `ChecksumMismatchError` for any other drifted migration, or when the newest runs outside a
 * transaction. Pure: the runner then reads the down kept with it (`_migrations.down_sql`).
 */
export function findRedo(plan: MigrationPlan, migrations: readonly Migration[]): RedoCandidate | undefined {
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
  const candidate = { migration, storedChecksum: newest.storedChecksum!, drifted };
  if (!migration.transaction || (migration.up.kind === 'sql' && migration.up.ownTransactions)) throw refuseRedo(candidate, 'its up runs outside a transaction');
  return candidate;
}

/** The redo of `candidate`, given the down kept with its row (`null`: none kept). Throws when there is no down to run. */
export function redoWith(candidate: RedoCandidate, keptDown: string | null): Redo {
  const { migration, storedChecksum } = candidate;
  if (keptDown !== null) return { migration, storedChecksum, down: { kind: 'sql', sql: keptDown, line: 1 }, currentDown: false };
  if (migration.down?.kind === 'function' && migration.downTransaction) return { migration, storedChecksum, down: migration.down, currentDown: true };
  throw refuseRedo(
    candidate,
    migration.down === undefined
      ? 'it has no down'
      : 'the down it was applied with is not kept (it was applied before pgboot kept downs, or its down runs outside a transaction)',
  );
}

function refuseRedo(candidate: RedoCandidate, why: string): ChecksumMismatchError {
  return new ChecksumMismatchError(candidate.drifted, `It cannot be re-run in development: ${why}. Reset the database, or roll it back by hand.`);
}
