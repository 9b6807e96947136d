import { UnmatchedToolMigrationError } from '../errors.js';
import { findTable } from './find-table.js';
import type { AdoptedMigration, HistoryAdopter } from './types.js';

const TOOL = 'diesel';

import { DIESEL_MIGRATIONS_TABLE } from '../diesel-table.js';

export { DIESEL_MIGRATIONS_TABLE };

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
