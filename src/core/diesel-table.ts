/*
 * diesel's own tracking table, which pgboot keeps in step for migrations of the diesel layout
 * (the runner writes it with its bookkeeping). Apart from the adopter (adopters/diesel.ts), so
 * the runner needs no adoption code to keep it.
 */

/** diesel's table, which pgboot also keeps for migrations of the diesel layout (`dieselHistorySql`). */
export const DIESEL_MIGRATIONS_TABLE = '__diesel_schema_migrations';

/**
 * The statement that keeps diesel's table in step with a migration of the diesel layout, as
 * diesel writes it: its version inserted going up, deleted going down. Runs in the migration's
 * transaction, with pgboot's own bookkeeping.
 */
export function dieselHistorySql(version: string, direction: 'up' | 'down'): string {
  const quoted = `'${version.replace(/'/g, "''")}'`;
  return direction === 'up'
    ? `INSERT INTO ${DIESEL_MIGRATIONS_TABLE} (version) VALUES (${quoted}) ON CONFLICT (version) DO NOTHING`
    : `DELETE FROM ${DIESEL_MIGRATIONS_TABLE} WHERE version = ${quoted}`;
}

/** diesel's own definition of its table, created before pgboot runs a diesel-layout migration. */
export const CREATE_DIESEL_TABLE = `CREATE TABLE IF NOT EXISTS ${DIESEL_MIGRATIONS_TABLE} (
  version VARCHAR(50) PRIMARY KEY NOT NULL,
  run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)`;
