import { UnfinishedToolMigrationError, UnmatchedToolMigrationError } from '../errors.js';
import type { Migration } from '../types.js';
import { sha256Hex } from '../checksum.js';
import { findTable } from './find-table.js';
import { PRISMA_MIGRATIONS_TABLE } from './tables.js';
import type { AdoptedMigration, AdoptionContext, HistoryAdopter, ToolHistory } from './types.js';

const TOOL = 'Prisma Migrate';

interface PrismaRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  logs: string | null;
  started_at: string;
}

/**
 * Prisma Migrate keeps a row per attempt in `_prisma_migrations`: `migration_name` (the folder
 * name, pgboot's id), `checksum` (SHA-256 of migration.sql), `finished_at`, `rolled_back_at`,
 * `logs`. A migration counts as applied when one of its rows finished and was not rolled back
 * (a rolled-back attempt followed by a finished one is Prisma's normal recovery). A migration
 * whose attempts all failed or were rolled back blocks: the schema may hold part of it.
 */
export const prismaAdopter: HistoryAdopter = {
  tool: TOOL,
  async read(session, context) {
    const table = await findTable(session, PRISMA_MIGRATIONS_TABLE);
    if (!table) return undefined;
    const { rows } = await session.query<{ row: PrismaRow }>(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY t.started_at, t.migration_name`);
    if (rows.length === 0) return undefined;
    const attempts = new Map<string, PrismaRow[]>();
    for (const { row } of rows) attempts.set(row.migration_name, [...(attempts.get(row.migration_name) ?? []), row]);

    const byId = new Map(context.migrations.map((m) => [m.id, m]));
    const adopted: AdoptedMigration[] = [];
    const unmatched: string[] = [];
    for (const [name, tries] of attempts) {
      const done = tries.filter((r) => r.finished_at !== null && r.rolled_back_at === null).at(-1);
      if (!done) return { tool: TOOL, table, adopted: [], blocked: unfinished(table, name, tries, byId.get(name)) };
      const migration = byId.get(name);
      if (!migration) {
        unmatched.push(name);
        continue;
      }
      adopted.push({
        migration,
        checksum: (await unchanged(migration, done.checksum, context)) ? migration.checksum : done.checksum,
        appliedAt: done.finished_at ?? undefined,
        details: { prismaId: done.id, migrationName: name, checksum: done.checksum },
      });
    }
    const history: ToolHistory = { tool: TOOL, table, adopted };
    if (unmatched.length > 0) history.unmatched = new UnmatchedToolMigrationError(TOOL, table, unmatched);
    return history;
  },
};

/** Prisma hashes migration.sql as read; pgboot's checksum turns CRLF into LF first. Either matching means unchanged. */
async function unchanged(migration: Migration, checksum: string, context: AdoptionContext): Promise<boolean> {
  if (checksum === migration.checksum) return true;
  const source = context.sources.find((s) => s.file === migration.file);
  return source !== undefined && 'sql' in source && (await sha256Hex(source.sql)) === checksum;
}

function unfinished(table: string, name: string, tries: PrismaRow[], migration: Migration | undefined): UnfinishedToolMigrationError {
  const last = tries.at(-1)!;
  if (last.rolled_back_at !== null) {
    return new UnfinishedToolMigrationError(
      TOOL,
      table,
      name,
      `'${name}' as rolled back (${last.rolled_back_at}) and not applied since`,
      `Prisma would apply it again at its next 'prisma migrate deploy': run that before switching, so its record is complete; ` +
        `or, if the migration's changes are gone from the schema, delete its rows from ${table}, and pgboot runs it.`,
      migration?.file,
    );
  }
  const log = last.logs?.split('\n').find((line) => line.trim() !== '');
  return new UnfinishedToolMigrationError(
    TOOL,
    table,
    name,
    `'${name}' as failed (started ${last.started_at}, never finished${log ? `: ${log.trim()}` : ''})`,
    `Resolve it with Prisma first: undo what it changed and run 'prisma migrate resolve --rolled-back ${name}' then 'prisma migrate deploy', ` +
      `or finish it by hand and run 'prisma migrate resolve --applied ${name}'.`,
    migration?.file,
  );
}
