import { UnmatchedDrizzleMigrationError } from './errors.js';
import type { Session } from './session.js';
import { appendLog, MIGRATIONS_TABLE } from './tracking.js';
import type { AppliedMigration, Migration, MigrationSource, MigrationWarning } from './types.js';

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

/** What drizzle-orm's migrator applied, matched to bundled migrations; found without writing anything. */
export interface DrizzleMatches {
  /** drizzle's table as found (`schema.table`, quoted as needed); undefined when absent or empty. */
  table: string | undefined;
  matches: { row: DrizzleRow; candidate: Candidate; by: MatchedBy }[];
  /** Rows that match no bundled migration (applied by a build that has more, or by hand). */
  unmatched: DrizzleRow[];
}

/**
 * Reads drizzle-orm's migrations table, if there is one, and finds the bundled migration behind
 * each row: by `name` with drizzle-orm 1.x, else by the SHA-256 `hash` of the file, else by
 * `created_at` (the journal's `when`). Reads only.
 */
export async function findDrizzleMatches(
  session: Pick<Session, 'query'>,
  options: Pick<AdoptDrizzleOptions, 'migrations' | 'sources' | 'table'>,
): Promise<DrizzleMatches> {
  const none: DrizzleMatches = { table: undefined, matches: [], unmatched: [] };
  const tableName = options.table ?? DRIZZLE_MIGRATIONS_TABLE;
  if (tableName === false) return none;
  // regclass prints the name quoted as needed, so it is safe to put into the query text.
  const found = await session.query<{ regclass: string | null }>(`SELECT to_regclass($1)::text AS regclass`, [tableName]);
  const table = found.rows[0]?.regclass;
  if (!table) return none;

  const { rows } = await session.query<{ row: DrizzleRow }>(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY t.id`);
  if (rows.length === 0) return none;

  const candidates = await candidatesOf(options.migrations, options.sources);
  const matches: DrizzleMatches['matches'] = [];
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
  return { table: tableName, matches, unmatched };
}

/**
 * What a migration drizzle applied is recorded as: its `_migrations` row. A file edited since
 * drizzle ran it keeps drizzle's hash as its checksum, so pgboot's drift check reports it.
 */
export function adoptedRow(match: DrizzleMatches['matches'][number], appBuild: string | null): AppliedMigration {
  const { migration, rawHash } = match.candidate;
  const unchanged = match.row.hash === rawHash || match.row.hash === migration.checksum;
  return {
    id: migration.id,
    version: migration.version,
    name: migration.name,
    checksum: unchanged ? migration.checksum : match.row.hash,
    appliedAt: match.row.applied_at ? new Date(match.row.applied_at) : new Date(),
    durationMs: 0,
    appBuild,
  };
}

/** The error (or, with `onAhead: 'ignore'`, the warning) for drizzle rows that match nothing bundled. */
export function unmatchedDrizzleError(found: DrizzleMatches): UnmatchedDrizzleMigrationError | undefined {
  if (found.unmatched.length === 0 || found.table === undefined) return undefined;
  return new UnmatchedDrizzleMigrationError(
    found.table,
    found.unmatched.map((r) => ({ id: r.id, hash: r.hash, createdAt: millisOf(r.created_at) ?? null, name: r.name ?? null })),
  );
}

/**
 * Adopts a database that drizzle-orm's own migrator (`migrate()` from `drizzle-orm/<driver>/migrator`)
 * kept: every migration `findDrizzleMatches` finds is recorded in `_migrations` without running it,
 * with an `adopt` history entry. `migrate` calls it while `_migrations` is still empty; drizzle's
 * table is read, never changed. Rows matching nothing throw `UnmatchedDrizzleMigrationError`
 * before anything is written, unless `onAhead: 'ignore'`.
 *
 * @example
 * // inside migrate(): the first run on a database drizzle migrated
 * const { adopted } = await adoptDrizzleMigrations(session, { migrations, sources });
 * // adopted: ['0000_init', '0001_add_posts'] — only the migrations after them run
 */
export async function adoptDrizzleMigrations(session: Pick<Session, 'query'>, options: AdoptDrizzleOptions): Promise<DrizzleAdoption> {
  const found = await findDrizzleMatches(session, options);
  const warnings: MigrationWarning[] = [];
  const error = unmatchedDrizzleError(found);
  if (error) {
    if ((options.onAhead ?? 'error') === 'error') throw error;
    warnings.push({ file: found.table!, message: error.message });
  }

  for (const match of found.matches) {
    const row = adoptedRow(match, options.appBuild ?? null);
    await session.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (id, version, name, checksum, applied_at, duration_ms, app_build)
       VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), 0, $6)`,
      [row.id, row.version, row.name, row.checksum, match.row.applied_at ?? null, row.appBuild],
    );
    await appendLog(session, {
      action: 'adopt',
      migrationId: row.id,
      checksum: row.checksum,
      appBuild: options.appBuild,
      details: {
        from: found.table,
        drizzleId: match.row.id,
        hash: match.row.hash,
        createdAt: millisOf(match.row.created_at) ?? null,
        matchedBy: match.by,
      },
    });
  }
  return { adopted: found.matches.map((m) => m.candidate.migration.id), warnings };
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
