import { dieselHistorySql } from './diesel-table.js';
import type { Session } from './session.js';
import { LOG_TABLE, MIGRATIONS_TABLE, TRACKING_TABLES_STATE } from './tracking-tables.js';
import type { AppliedMigration, Database } from './types.js';

export { LOG_TABLE, MIGRATIONS_TABLE };

/** Kinds of history entries. */
export type LogAction = 'up' | 'down' | 'failed' | 'snapshot' | 'restore' | 'reset' | 'adopt';

export interface LogEntry {
  seq: number;
  at: Date;
  action: LogAction;
  migrationId: string | null;
  checksum: string | null;
  durationMs: number | null;
  error: string | null;
  appBuild: string | null;
  details: Record<string, unknown> | null;
}

const CREATE_TABLES = `
CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  id          text PRIMARY KEY,
  version     text NOT NULL,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL,
  app_build   text,
  down_sql    text
);
CREATE TABLE IF NOT EXISTS ${LOG_TABLE} (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  action       text NOT NULL,
  migration_id text,
  checksum     text,
  duration_ms  integer,
  error        text,
  app_build    text,
  details      jsonb
);`;

/**
 * Creates the tracking tables unless they exist and reports whether it had to.
 * Idempotent: one PGlite instance is one connection, so nothing can race between the check
 * and the CREATE ... IF NOT EXISTS.
 */
export async function ensureTrackingTables(session: Session): Promise<boolean> {
  const { rows } = await session.query<{ present: boolean; down_sql: boolean }>(TRACKING_TABLES_STATE);
  if (!rows[0]?.present) {
    await session.exec(CREATE_TABLES);
    return true;
  }
  if (rows[0].down_sql) return false;
  // Tables made before `down_sql` existed (see redo-changed.ts): add it once.
  await session.exec(`ALTER TABLE ${MIGRATIONS_TABLE} ADD COLUMN IF NOT EXISTS down_sql text`);
  return true;
}

export async function trackingTablesExist(session: Pick<Session, 'query'>): Promise<boolean> {
  const { rows } = await session.query<{ present: boolean }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AND to_regclass('${LOG_TABLE}') IS NOT NULL AS present`,
  );
  return rows[0]?.present === true;
}

interface AppliedRow {
  id: string;
  version: string;
  name: string;
  checksum: string;
  applied_at: Date;
  duration_ms: number;
  app_build: string | null;
}

export async function readApplied(session: Pick<Session, 'query'>): Promise<AppliedMigration[]> {
  const { rows } = await session.query<AppliedRow>(`SELECT id, version, name, checksum, applied_at, duration_ms, app_build FROM ${MIGRATIONS_TABLE}`);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    name: row.name,
    checksum: row.checksum,
    appliedAt: row.applied_at,
    durationMs: row.duration_ms,
    appBuild: row.app_build,
  }));
}

/** What `_migrations` records of a migration; `downSql` is the down to keep going up (see redo-changed.ts). */
export interface RecordedMigration {
  id: string;
  version: string;
  name: string;
  checksum: string;
  downSql?: string | null | undefined;
  /** diesel layout: diesel's table is kept too (diesel-table.ts). */
  dieselVersion?: string | undefined;
}

/** One migration's bookkeeping: applied (`up`), reverted (`down`), or recorded from another tool's history (`adopt`). */
export interface Bookkeeping {
  action: 'up' | 'down' | 'adopt';
  migration: RecordedMigration;
  /**
   * What `duration_ms` holds, the same on every path (SQL or module, in a transaction or not,
   * migrate, rollback and redo): the wall-clock milliseconds the migration's own statements took,
   * from sending the first to the last one done (its up, its down, or for a redo both); not
   * pgboot's bookkeeping, commit or flush. A number the caller measured around the step, or
   * `'this-message'`: measured by Postgres, when the step's SQL precedes this bookkeeping in one
   * message (from the message's arrival, `statement_timestamp()`, to the bookkeeping). Ignored for
   * `adopt` (nothing ran: 0 in `_migrations`, none in the history).
   */
  durationMs: number | 'this-message';
  appBuild: string | undefined;
  /** `adopt`: when the other tool applied it, as Postgres reads a timestamp; now when undefined. */
  appliedAt?: string | undefined;
  /** `adopt`: kept in the history entry (`details.from` names the tool's table). */
  details?: Record<string, unknown> | undefined;
}

/**
 * The one writer of `_migrations` rows and their history entries: the row inserted (`up`,
 * `adopt`) or deleted (`down`), the entry appended, and diesel's row for a diesel-layout
 * migration, as one SQL text with the values inlined, so that it can travel in the same message
 * as the migration's own SQL (one round trip per migration instead of four). Runs in the
 * migration's transaction, so the row commits with the migration or not at all.
 *
 * @example
 * await session.exec(`${step.sql}\n;\n${bookkeepingSql({ action: 'up', migration, durationMs: 'this-message', appBuild })}`);
 */
export function bookkeepingSql(entry: Bookkeeping): string {
  const { action, migration } = entry;
  const duration =
    action === 'adopt'
      ? 'NULL'
      : entry.durationMs === 'this-message'
        ? `(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::integer`
        : String(Math.round(entry.durationMs));
  const build = entry.appBuild === undefined ? 'NULL' : literal(entry.appBuild);
  const id = literal(migration.id);
  const checksum = literal(migration.checksum);
  const details = entry.details === undefined ? 'NULL' : `${literal(JSON.stringify(entry.details))}::jsonb`;
  // Plain statements: measured cheaper here than one data-modifying CTE (0.25 ms a migration). Going
  // up, the entry copies the row's duration, so the two agree even when Postgres measures it.
  const log =
    action === 'up'
      ? `INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, app_build) SELECT 'up', id, checksum, duration_ms, app_build FROM ${MIGRATIONS_TABLE} WHERE id = ${id}`
      : `INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, app_build, details) VALUES ('${action}', ${id}, ${checksum}, ${duration}, ${build}, ${details})`;
  const statements: string[] = [];
  if (action === 'down') {
    statements.push(`DELETE FROM ${MIGRATIONS_TABLE} WHERE id = ${id}`);
  } else {
    const appliedAt = entry.appliedAt === undefined ? 'now()' : `coalesce(${literal(entry.appliedAt)}::timestamptz, now())`;
    const down = migration.downSql === undefined || migration.downSql === null ? 'NULL' : literal(migration.downSql);
    statements.push(
      `INSERT INTO ${MIGRATIONS_TABLE} (id, version, name, checksum, applied_at, duration_ms, app_build, down_sql)
VALUES (${id}, ${literal(migration.version)}, ${literal(migration.name)}, ${checksum}, ${appliedAt}, ${action === 'adopt' ? '0' : duration}, ${build}, ${down})`,
    );
  }
  statements.push(log);
  if (migration.dieselVersion !== undefined && action !== 'adopt') statements.push(dieselHistorySql(migration.dieselVersion, action));
  return statements.join(';\n');
}

/** A dollar-quoted literal whose tag the value does not contain, so no setting or character can break out of it. */
function literal(value: string): string {
  let tag = 'pgboot';
  while (value.includes(`$${tag}$`)) tag += '_';
  return `$${tag}$${value}$${tag}$`;
}

/** Appends one entry to the history (failures, snapshots, restores, resets). */
export async function appendLog(
  session: Pick<Session, 'query'>,
  entry: {
    action: LogAction;
    migrationId?: string | undefined;
    checksum?: string | undefined;
    durationMs?: number | undefined;
    error?: string | undefined;
    appBuild?: string | undefined;
    details?: Record<string, unknown> | undefined;
  },
): Promise<void> {
  await session.query(
    `INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, error, app_build, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.action,
      entry.migrationId ?? null,
      entry.checksum ?? null,
      entry.durationMs === undefined ? null : Math.round(entry.durationMs),
      entry.error ?? null,
      entry.appBuild ?? null,
      entry.details === undefined ? null : JSON.stringify(entry.details),
    ],
  );
}

interface LogRow {
  seq: string | number;
  at: Date;
  action: LogAction;
  migration_id: string | null;
  checksum: string | null;
  duration_ms: number | null;
  error: string | null;
  app_build: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Reads the history, newest first. Returns [] when the database was never migrated.
 *
 * @example
 * const entries = await readHistory(db, { limit: 50 });
 */
export async function readHistory(db: Database, options: { limit?: number } = {}): Promise<LogEntry[]> {
  const present = await db.query<{ present: boolean }>(`SELECT to_regclass('${LOG_TABLE}') IS NOT NULL AS present`);
  if (!present.rows[0]?.present) return [];
  const { rows } = await db.query<LogRow>(
    `SELECT seq, at, action, migration_id, checksum, duration_ms, error, app_build, details
       FROM ${LOG_TABLE} ORDER BY seq DESC LIMIT $1`,
    [options.limit ?? 1000],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    action: row.action,
    migrationId: row.migration_id,
    checksum: row.checksum,
    durationMs: row.duration_ms,
    error: row.error,
    appBuild: row.app_build,
    details: row.details,
  }));
}
