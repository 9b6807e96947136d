import { UnmatchedDrizzleMigrationError } from '../errors.js';
import type { Migration, MigrationSource } from '../types.js';
import { sha256Hex } from '../checksum.js';
import { findTable } from './find-table.js';
import type { AdoptedMigration, HistoryAdopter } from './types.js';

const TOOL = "drizzle-orm's migrator";

import { DRIZZLE_MIGRATIONS_TABLE } from './tables.js';

export { DRIZZLE_MIGRATIONS_TABLE };

/** One row of drizzle's table; `name` and `applied_at` exist from drizzle-orm 1.x on. */
interface DrizzleRow {
  id: number;
  hash: string;
  created_at: number | string | null;
  name?: string | null;
  applied_at?: string | null;
}

interface Candidate {
  migration: Migration;
  /** SHA-256 of the file's text exactly as drizzle hashes it (no CRLF normalisation). */
  rawHash: string;
  createdAt: number | undefined;
}

type MatchedBy = 'name' | 'hash' | 'created_at';

/**
 * drizzle-orm's migrator (`migrate()` from `drizzle-orm/<driver>/migrator`): its table holds one
 * row per applied file. A row matches a bundled migration by `name` (drizzle-orm 1.x stores the
 * folder name), else by the SHA-256 `hash` of the file, else by `created_at` (the journal's
 * `when`), which finds a file edited since drizzle ran it; that one keeps drizzle's hash as its
 * checksum, so pgboot reports the drift.
 */
export const drizzleAdopter: HistoryAdopter = {
  tool: TOOL,
  async read(session, context) {
    const name = context.drizzleTable ?? DRIZZLE_MIGRATIONS_TABLE;
    if (name === false) return undefined;
    const table = await findTable(session, name);
    if (!table) return undefined;
    const { rows } = await session.query<{ row: DrizzleRow }>(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY t.id`);
    if (rows.length === 0) return undefined;

    const candidates = await candidatesOf(context.migrations, context.sources);
    const adopted: AdoptedMigration[] = [];
    const unmatched: DrizzleRow[] = [];
    const used = new Set<Candidate>();
    for (const { row } of rows) {
      const match = matchRow(row, candidates, used);
      if (!match) {
        unmatched.push(row);
        continue;
      }
      used.add(match.candidate);
      const { migration, rawHash } = match.candidate;
      const unchanged = row.hash === rawHash || row.hash === migration.checksum;
      adopted.push({
        migration,
        checksum: unchanged ? migration.checksum : row.hash,
        appliedAt: row.applied_at ?? undefined,
        details: { drizzleId: row.id, hash: row.hash, createdAt: millisOf(row.created_at) ?? null, matchedBy: match.by },
      });
    }
    const error =
      unmatched.length === 0
        ? undefined
        : new UnmatchedDrizzleMigrationError(
            name,
            unmatched.map((r) => ({ id: r.id, hash: r.hash, createdAt: millisOf(r.created_at) ?? null, name: r.name ?? null })),
          );
    return { tool: TOOL, table: name, adopted, unmatched: error };
  },
};

/** Name first (drizzle-orm 1.x stores the folder name), then the file's hash, then `created_at`. */
function matchRow(row: DrizzleRow, candidates: Candidate[], used: Set<Candidate>): { candidate: Candidate; by: MatchedBy } | undefined {
  const free = candidates.filter((c) => !used.has(c));
  const createdAt = millisOf(row.created_at);
  const byName = row.name ? free.find((c) => c.migration.id === row.name) : undefined;
  if (byName) return { candidate: byName, by: 'name' };
  // Identical files (e.g. two empty custom migrations) share a hash: prefer the one with drizzle's created_at.
  const byHash = free.filter((c) => c.rawHash === row.hash || c.migration.checksum === row.hash);
  const hashed = byHash.find((c) => c.createdAt !== undefined && c.createdAt === createdAt) ?? byHash[0];
  if (hashed) return { candidate: hashed, by: 'hash' };
  const byTime = createdAt === undefined ? undefined : free.find((c) => c.createdAt === createdAt);
  return byTime ? { candidate: byTime, by: 'created_at' } : undefined;
}

async function candidatesOf(migrations: readonly Migration[], sources: readonly MigrationSource[]): Promise<Candidate[]> {
  const sqlByFile = new Map<string, { sql: string; createdAt: number | undefined }>();
  for (const source of sources) {
    if ('sql' in source) sqlByFile.set(source.file, { sql: source.sql, createdAt: source.drizzleCreatedAt });
  }
  const candidates: Candidate[] = [];
  for (const migration of migrations) {
    const source = sqlByFile.get(migration.file);
    if (source) candidates.push({ migration, rawHash: await sha256Hex(source.sql), createdAt: source.createdAt });
  }
  return candidates;
}

/** drizzle stores `created_at` as bigint; JSON gives a number, older rows may hold null. */
function millisOf(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const millis = Number(value);
  return Number.isFinite(millis) ? millis : undefined;
}
