/** Table of applied migrations: one row each. */
export const MIGRATIONS_TABLE = 'public._migrations';
/** Append-only history of every up, down, failure, snapshot, restore and reset. */
export const LOG_TABLE = 'public._migrations_log';

/**
 * Whether both tracking tables exist (`present`) and `_migrations` has its `down_sql` column, which
 * tables made by older versions lack. A database that answers `true` to both needs no table written.
 */
export const TRACKING_TABLES_STATE = `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AND to_regclass('${LOG_TABLE}') IS NOT NULL AS present,
            EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('${MIGRATIONS_TABLE}') AND attname = 'down_sql' AND NOT attisdropped) AS down_sql`;
