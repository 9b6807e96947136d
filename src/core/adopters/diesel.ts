import { UnmatchedToolMigrationError } from '../errors.js';
import { findTable } from './find-table.js';
import type { AdoptedMigration, HistoryAdopter } from './types.js';

const TOOL = 'diesel';

/** diesel's table, which pgboot also keeps for migrations of the diesel layout (`dieselHistorySql`). */
export const DIESEL_MIGRATIONS_TABLE = '__diesel_schema_migrations';

/**
 * diesel keeps one row per applied migration in `__diesel_schema_migrations(version varchar(50),
 * run_on timestamp)`: the folder's version without dashes, which is pgboot's version for the
 * diesel layout (`2021-09-20-140000_create_users` -> `20210920140000`).
 */
export const dieselAdopter: HistoryAdopter = {
  tool: TOOL,
  async read(session, context) {
    const table = await findTable(session, DIESEL_MIGRATIONS_TABLE);
    if (!table) return undefined;
    const { rows } = await session.query<{ version: string; run_on: string }>(
      // ISO 8601 through JSON, which every JavaScript engine parses; read in the session's time zone, as diesel wrote it.
      `SELECT version, to_jsonb(run_on::timestamptz) #>> '{}' AS run_on FROM ${table} ORDER BY version`,
    );
    if (rows.length === 0) return undefined;
    const adopted: AdoptedMigration[] = [];
    const unmatched: string[] = [];
    for (const { version, run_on } of rows) {
      const migration = context.migrations.find((m) => m.version === version);
      if (migration) adopted.push({ migration, checksum: migration.checksum, appliedAt: run_on, details: { version, runOn: run_on } });
      else unmatched.push(version);
    }
    return { tool: TOOL, table, adopted, unmatched: unmatched.length > 0 ? new UnmatchedToolMigrationError(TOOL, table, unmatched) : undefined };
  },
};

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
