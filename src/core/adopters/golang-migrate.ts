import { UnfinishedToolMigrationError, UnmatchedToolMigrationError } from '../errors.js';
import { columnsOf, findTable } from './find-table.js';
import { SCHEMA_MIGRATIONS_TABLE } from './tables.js';
import type { HistoryAdopter } from './types.js';

const TOOL = 'golang-migrate';

/**
 * golang-migrate keeps one row in `schema_migrations(version bigint, dirty boolean)`: the
 * current version. Every bundled migration whose version is at most that one counts as applied,
 * as golang-migrate itself reads it. A dirty row (a migration that failed part-way) blocks.
 * Told apart from dbmate's table of the same name by its `dirty` column.
 */
export const golangMigrateAdopter: HistoryAdopter = {
  tool: TOOL,
  async read(session, context) {
    const table = await findTable(session, SCHEMA_MIGRATIONS_TABLE);
    if (!table || !(await columnsOf(session, table)).has('dirty')) return undefined;
    const { rows } = await session.query<{ version: string; dirty: boolean }>(`SELECT version::text AS version, dirty FROM ${table}`);
    const row = rows[0];
    if (!row) return undefined; // golang-migrate empties the table when everything was migrated down
    const current = BigInt(row.version);
    const exact = context.migrations.find((m) => BigInt(m.version) === current);
    if (row.dirty) {
      const before = context.migrations.filter((m) => BigInt(m.version) < current).at(-1);
      const back = before
        ? `'migrate force ${BigInt(before.version)}' if it is not (the version before it)`
        : `'migrate drop' or a deleted row if it is not (nothing ran before it)`;
      return {
        tool: TOOL,
        table,
        adopted: [],
        blocked: new UnfinishedToolMigrationError(
          TOOL,
          table,
          row.version,
          `version ${row.version}${exact ? ` (${exact.file})` : ''} as dirty: it failed part-way`,
          `Repair the schema by hand, then record the truth with golang-migrate: 'migrate force ${row.version}' if the migration is now fully applied, or ${back}. The next run adopts the clean version.`,
          exact?.file,
        ),
      };
    }
    return {
      tool: TOOL,
      table,
      adopted: context.migrations
        .filter((m) => BigInt(m.version) <= current)
        .map((migration) => ({ migration, checksum: migration.checksum, appliedAt: undefined, details: { version: row.version } })),
      unmatched: exact ? undefined : new UnmatchedToolMigrationError(TOOL, table, [row.version]),
    };
  },
};
