import { compareMigrationOrder } from './file-name.js';
import type { AppliedMigration, Migration } from './types.js';

/** Where one migration stands against the database. */
export type MigrationState = 'applied' | 'pending' | 'drifted' | 'unknown' | 'empty';

export interface MigrationStatusEntry {
  id: string;
  version: string;
  name: string;
  state: MigrationState;
  /** Pending, yet sorting before the newest applied migration (e.g. merged from a parallel branch). */
  outOfOrder: boolean;
  /** Undefined for `unknown` migrations (the database has them, this build does not). */
  file: string | undefined;
  /** The bundled file's checksum; undefined for `unknown`. */
  checksum: string | undefined;
  /** The checksum recorded when it was applied; undefined for `pending`. */
  storedChecksum: string | undefined;
  appliedAt: Date | undefined;
  durationMs: number | undefined;
  appBuild: string | undefined;
  description: string | undefined;
  reversible: boolean;
}

export interface MigrationPlan {
  /** Every migration, bundled and unknown, in run order. */
  entries: MigrationStatusEntry[];
  applied: string[];
  pending: string[];
  drifted: string[];
  unknown: string[];
  outOfOrder: string[];
  /** Not applied and waiting: the newest bundled migrations whose up has no statements yet. */
  empty: string[];
}

/**
 * Compares the database's `_migrations` rows with the bundled set. Pure: no database.
 * Pending = bundled, not applied. Drifted = applied with another checksum. Unknown =
 * applied, not bundled (the database is ahead of this build). Out of order = pending but
 * sorting before the newest applied migration. Empty = not applied, its up has no statements
 * (only comments), and no migration with statements sorts after it: a file just made by
 * `pgboot create` and not written yet. It waits rather than being recorded, so that writing it
 * later is not drift. An empty migration followed by others is a placeholder (e.g. drizzle-kit's
 * comment-only baseline): pending, recorded like any other when it runs.
 */
export function planMigrations(migrations: readonly Migration[], applied: readonly AppliedMigration[]): MigrationPlan {
  const rows = new Map(applied.map((row) => [row.id, row]));
  const bundled = new Set(migrations.map((m) => m.id));
  const newestApplied = [...applied].sort(compareMigrationOrder).at(-1);
  let lastWithStatements = -1;
  migrations.forEach((m, index) => {
    if (!m.empty) lastWithStatements = index;
  });

  const entries: MigrationStatusEntry[] = migrations.map((migration, index) => {
    const row = rows.get(migration.id);
    const state: MigrationState = row
      ? row.checksum === migration.checksum
        ? 'applied'
        : 'drifted'
      : migration.empty && index > lastWithStatements
        ? 'empty'
        : 'pending';
    return {
      id: migration.id,
      version: migration.version,
      name: migration.name,
      state,
      outOfOrder: state === 'pending' && newestApplied !== undefined && compareMigrationOrder(migration, newestApplied) < 0,
      file: migration.file,
      checksum: migration.checksum,
      storedChecksum: row?.checksum,
      appliedAt: row?.appliedAt,
      durationMs: row?.durationMs,
      appBuild: row?.appBuild ?? undefined,
      description: migration.description,
      reversible: migration.down !== undefined,
    };
  });

  for (const row of applied) {
    if (bundled.has(row.id)) continue;
    entries.push({
      id: row.id,
      version: row.version,
      name: row.name,
      state: 'unknown',
      outOfOrder: false,
      file: undefined,
      checksum: undefined,
      storedChecksum: row.checksum,
      appliedAt: row.appliedAt,
      durationMs: row.durationMs,
      appBuild: row.appBuild ?? undefined,
      description: undefined,
      reversible: false,
    });
  }
  entries.sort(compareMigrationOrder);

  const ids = (predicate: (entry: MigrationStatusEntry) => boolean) => entries.filter(predicate).map((entry) => entry.id);
  return {
    entries,
    applied: ids((e) => e.state === 'applied'),
    pending: ids((e) => e.state === 'pending'),
    drifted: ids((e) => e.state === 'drifted'),
    unknown: ids((e) => e.state === 'unknown'),
    outOfOrder: ids((e) => e.outOfOrder),
    empty: ids((e) => e.state === 'empty'),
  };
}
