import type { Session } from './session.js';
import type { AppliedMigration, Database } from './types.js';

/** Table of applied migrations: one row each. */
export const MIGRATIONS_TABLE = 'public._migrations';
/** Append-only history of every up, down, failure, snapshot, restore and reset. */
export const LOG_TABLE = 'public._migrations_log';

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
  const { rows } = await session.query<{ present: boolean; down_sql: boolean }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AND to_regclass('${LOG_TABLE}') IS NOT NULL AS present,
            EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('${MIGRATIONS_TABLE}') AND attname = 'down_sql' AND NOT attisdropped) AS down_sql`,
  );
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

/** What `_migrations` records of a migration going up; `downSql` is the down to keep (see redo-changed.ts). */
export interface RecordedMigration {
  id: string;
  version: string;
  name: string;
  checksum: string;
  downSql?: string | null | undefined;
}

export async function recordApplied(session: Session, migration: RecordedMigration, durationMs: number, appBuild: string | undefined): Promise<void> {
  await session.query(
    `WITH applied AS (
       INSERT INTO ${MIGRATIONS_TABLE} (id, version, name, checksum, duration_ms, app_build, down_sql)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
     INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, app_build)
     SELECT 'up', id, $4, $5, $6 FROM applied`,
    [migration.id, migration.version, migration.name, migration.checksum, Math.round(durationMs), appBuild ?? null, migration.downSql ?? null],
  );
}

export async function recordReverted(
  session: Session,
  migration: { id: string; checksum: string },
  durationMs: number,
  appBuild: string | undefined,
): Promise<void> {
  await session.query(
    `WITH reverted AS (DELETE FROM ${MIGRATIONS_TABLE} WHERE id = $1 RETURNING id)
     INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, app_build)
     SELECT 'down', id, $2, $3, $4 FROM reverted`,
    [migration.id, migration.checksum, Math.round(durationMs), appBuild ?? null],
  );
}

/**
 * The bookkeeping of one migration (its `_migrations` row inserted going up, deleted going down,
 * and its history entry) as SQL text with the values inlined, so that it travels in the same
 * message as the migration's own SQL: one round trip per migration instead of four. The
 * duration is measured by Postgres, from the message's arrival (`statement_timestamp()`) to the
 * bookkeeping, i.e. the migration's statements.
 *
 * @example
 * await session.exec(`${step.sql}\n;\n${recordSql(migration, 'up', undefined)};\nCOMMIT;\nBEGIN`);
 */
export function recordSql(migration: RecordedMigration, direction: 'up' | 'down', appBuild: string | undefined): string {
  const duration = `(extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::integer`;
  const build = appBuild === undefined ? 'NULL' : literal(appBuild);
  const id = literal(migration.id);
  const checksum = literal(migration.checksum);
  // Two plain statements: measured cheaper here than one data-modifying CTE (0.25 ms a migration).
  const log = `INSERT INTO ${LOG_TABLE} (action, migration_id, checksum, duration_ms, app_build) VALUES ('${direction}', ${id}, ${checksum}, ${duration}, ${build})`;
  if (direction === 'up') {
    const down = migration.downSql === undefined || migration.downSql === null ? 'NULL' : literal(migration.downSql);
    return `INSERT INTO ${MIGRATIONS_TABLE} (id, version, name, checksum, duration_ms, app_build, down_sql)
VALUES (${id}, ${literal(migration.version)}, ${literal(migration.name)}, ${checksum}, ${duration}, ${build}, ${down});
${log}`;
  }
  return `DELETE FROM ${MIGRATIONS_TABLE} WHERE id = ${id};
${log}`;
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
