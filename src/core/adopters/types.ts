import type { PgbootError } from '../errors.js';
import type { Session } from '../session.js';
import type { Migration, MigrationSource } from '../types.js';

/** What an adopter gets to match another tool's history against. */
export interface AdoptionContext {
  /** The prepared migrations, in run order. */
  migrations: readonly Migration[];
  /** What the loader handed over (SQL texts, drizzle's `created_at`), for tools that hash files. */
  sources: readonly MigrationSource[];
  /** drizzle-orm's table, `schema.table`; `false` skips it. Default `drizzle.__drizzle_migrations`. */
  drizzleTable?: string | false | undefined;
}

/** A bundled migration another tool applied, as pgboot records it. */
export interface AdoptedMigration {
  migration: Migration;
  /** The file's checksum, or the tool's own hash when the file changed since it ran (so pgboot reports drift). */
  checksum: string;
  /** When the tool applied it, as a timestamp text Postgres reads; undefined when the tool keeps none. */
  appliedAt: string | undefined;
  /** Kept in the `adopt` history entry, next to `from` (the tool's table). */
  details: Record<string, unknown>;
}

/** What one tool recorded, matched to the bundled migrations. Found without writing anything. */
export interface ToolHistory {
  /** The tool, for messages: "drizzle-orm's migrator", "golang-migrate", ... */
  tool: string;
  /** Its table as found, quoted as needed. */
  table: string;
  adopted: AdoptedMigration[];
  /** Rows matching no bundled migration: `migrate` throws it unless `onAhead: 'ignore'`. */
  unmatched?: PgbootError | undefined;
  /** A state pgboot must not go on from (golang-migrate's dirty flag, a failed Prisma migration): always thrown by `migrate`. */
  blocked?: PgbootError | undefined;
}

/**
 * One migration tool whose history pgboot can take over: it finds the tool's table, reads it,
 * and says which bundled migrations the tool applied. Reads only; returns undefined when the
 * table is absent or records nothing.
 */
export interface HistoryAdopter {
  readonly tool: string;
  read(session: Pick<Session, 'query'>, context: AdoptionContext): Promise<ToolHistory | undefined>;
}
