import { UnmatchedToolMigrationError } from '../errors.js';
import { columnsOf, findTable } from './find-table.js';
import { SCHEMA_MIGRATIONS_TABLE } from './tables.js';
import type { AdoptedMigration, HistoryAdopter } from './types.js';

const TOOL = 'dbmate';

/**
 * dbmate keeps one row per applied migration in `schema_migrations(version varchar)`: the digits
 * its file name starts with, which is pgboot's version. (golang-migrate's table of the same name
 * has a `dirty` column and is read by its own adopter.)
 */
export const dbmateAdopter: HistoryAdopter = {
  tool: TOOL,
  async read(session, context) {
    const table = await findTable(session, SCHEMA_MIGRATIONS_TABLE);
    if (!table) return undefined;
    const columns = await columnsOf(session, table);
    if (columns.has('dirty') || !columns.has('version')) return undefined;
    const { rows } = await session.query<{ version: string }>(`SELECT version::text AS version FROM ${table} ORDER BY version`);
    if (rows.length === 0) return undefined;
    const adopted: AdoptedMigration[] = [];
    const unmatched: string[] = [];
    for (const { version } of rows) {
      // dbmate compares versions as text, so only the same digits match.
      const migration = context.migrations.find((m) => m.version === version);
      if (migration) adopted.push({ migration, checksum: migration.checksum, appliedAt: undefined, details: { version } });
      else unmatched.push(version);
    }
    return { tool: TOOL, table, adopted, unmatched: unmatched.length > 0 ? new UnmatchedToolMigrationError(TOOL, table, unmatched) : undefined };
  },
};
