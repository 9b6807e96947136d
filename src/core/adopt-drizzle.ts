import { UnmatchedDrizzleMigrationError } from './errors.js';
import type { Session } from './session.js';
import { appendLog, MIGRATIONS_TABLE } from './tracking.js';
import type { Migration, MigrationSource, MigrationWarning } from './types.js';

/** Where drizzle-orm's migrator keeps its history unless told otherwise (`migrationsSchema`, `migrationsTable`). */
export const DRIZZLE_MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

export interface AdoptDrizzleOptions {
  /** The prepared migrations, in run order. */
  migrations: readonly Migration[];
  /** What the loader handed over (carries the SQL text and drizzle's `created_at` for each file). */
  sources: readonly MigrationSource[];
  /** drizzle's table, `schema.table`; `false` turns adoption off. Default `drizzle.__drizzle_migrations`. */
  table?: string | false | undefined;
  /** Rows of drizzle's table that match no bundled migration: `'error'` (default) throws, `'ignore'` warns. */
  onAhead?: 'error' | 'ignore' | undefined;
  appBuild?: string | undefined;
}

export interface DrizzleAdoption {
  /** Ids of the bundled migrations recorded as applied because drizzle had applied them. */
  adopted: string[];
  warnings: MigrationWarning[];
}

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
 * Adopts a database that drizzle-orm's own migrator (`migrate()` from `drizzle-orm/<driver>/migrator`)
 * kept: for every row of `drizzle.__drizzle_migrations` it finds the bundled migration drizzle ran
 * (by `name` with drizzle-orm 1.x, else by the SHA-256 `hash` of the file, else by `created_at`, the
 * journal's `when`) and records it in `_migrations` without running it, with an `adopt` history entry.
 * `migrate` calls it while `_migrations` is still empty; drizzle's table is read, never changed.
 *
 * A migration matched by name or `created_at` whose text changed since drizzle ran it is recorded
 * with drizzle's hash, so the plan reports it as drifted. Rows matching nothing throw
 * `UnmatchedDrizzleMigrationError` before anything is written, unless `onAhead: 'ignore'`.
 *
 * @example
 * // inside migrate(): the first run on a database drizzle migrated
 * const { adopted } = await adoptDrizzleMigrations(session, { migrations, sources });
 * // adopted: ['0000_init', '0001_add_posts'] — only the migrations after them run
 */
export async function adoptDrizzleMigrations(session: Pick<Session, 'query'>, options: AdoptDrizzleOptions): Promise<DrizzleAdoption> {
  const none: DrizzleAdoption = { adopted: [], warnings: [] };
  const tableName = options.table ?? DRIZZLE_MIGRATIONS_TABLE;
  if (tableName === false) return none;
  // regclass prints the name quoted as needed, so it is safe to put into the query text.
  const found = await session.query<{ regclass: string | null }>(`SELECT to_regclass($1)::text AS regclass`, [tableName]);
  const table = found.rows[0]?.regclass;
  if (!table) return none;

  const { rows } = await session.query<{ row: DrizzleRow }>(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY t.id`);
  if (rows.length === 0) return none;

  const candidates = await candidatesOf(options.migrations, options.sources);
  const matches: { row: DrizzleRow; candidate: Candidate; by: MatchedBy }[] = [];
  const unmatched: DrizzleRow[] = [];
  const used = new Set<Candidate>();
  for (const { row } of rows) {
    const match = matchRow(row, candidates, used);
    if (!match) {
      unmatched.push(row);
      continue;
    }
    used.add(match.candidate);
    matches.push({ row, ...match });
  }

  const warnings: MigrationWarning[] = [];
  if (unmatched.length > 0) {
    const error = new UnmatchedDrizzleMigrationError(
      tableName,
      unmatched.map((r) => ({ id: r.id, hash: r.hash, createdAt: millisOf(r.created_at) ?? null, name: r.name ?? null })),
    );
    if ((options.onAhead ?? 'error') === 'error') throw error;
    warnings.push({ file: tableName, message: error.message });
  }

  for (const { row, candidate, by } of matches) {
    const { migration } = candidate;
    const unchanged = row.hash === candidate.rawHash || row.hash === migration.checksum;
    // An edited file keeps drizzle's hash as its recorded checksum: pgboot's drift check then reports it.
    const checksum = unchanged ? migration.checksum : row.hash;
    await session.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (id, version, name, checksum, applied_at, duration_ms, app_build)
       VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), 0, $6)`,
      [migration.id, migration.version, migration.name, checksum, row.applied_at ?? null, options.appBuild ?? null],
    );
    await appendLog(session, {
      action: 'adopt',
      migrationId: migration.id,
      checksum,
      appBuild: options.appBuild,
      details: { from: tableName, drizzleId: row.id, hash: row.hash, createdAt: millisOf(row.created_at) ?? null, matchedBy: by },
    });
  }
  return { adopted: matches.map((m) => m.candidate.migration.id), warnings };
}

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

/** drizzle's hash: SHA-256 of the file's text as read, with no line-ending normalisation. */
async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
