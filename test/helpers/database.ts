import { PGlite } from '@electric-sql/pglite';
import { beforeAll, beforeEach } from 'vitest';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

let shared: Promise<PGlite> | undefined;

/**
 * One in-memory PGlite per test file: an open costs seconds here, so tests share it and
 * call `emptyDatabase` between them.
 */
export function sharedDatabase(): Promise<PGlite> {
  shared ??= PGlite.create({ extensions: { pg_trgm } });
  return shared;
}

/**
 * The hooks most engine tests share: the file's shared database, handed to `use` once open, and
 * emptied before each test.
 *
 * @example
 * let db: PGlite;
 * emptiedBeforeEach((opened) => {
 *   db = opened;
 * });
 */
export function emptiedBeforeEach(use: (db: PGlite) => void): void {
  beforeAll(async () => use(await sharedDatabase()));
  beforeEach(async () => emptyDatabase(await sharedDatabase()));
}

/** Drops everything the tests create: the public schema (tables, types, functions, extensions in it). */
export async function emptyDatabase(db: PGlite): Promise<void> {
  await db.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE;`);
}

/** The public schema read from the catalogs, for comparing schemas before and after. */
export async function schemaSnapshot(db: PGlite): Promise<Record<string, unknown[]>> {
  const queries: Record<string, string> = {
    columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated, generation_expression
                FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    constraints: `SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) AS def
                    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' ORDER BY 1, 2`,
    indexes: `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
    enums: `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
              JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
    functions: `SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, md5(p.prosrc) AS body
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1, 2`,
    triggers: `SELECT tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`,
    views: `SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1`,
    extensions: `SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`,
    relations: `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' ORDER BY 1`,
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [key, sql] of Object.entries(queries)) snapshot[key] = (await db.query(sql)).rows;
  return snapshot;
}

/** The ids in `_migrations`, in order. */
export async function appliedIds(db: PGlite): Promise<string[]> {
  const present = await db.query<{ present: boolean }>(`SELECT to_regclass('public._migrations') IS NOT NULL AS present`);
  if (!present.rows[0]?.present) return [];
  return (await db.query<{ id: string }>('SELECT id FROM public._migrations ORDER BY version, name')).rows.map((r) => r.id);
}

/** Names of the tables in public other than pgboot's own. */
export async function userTables(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_migrations%' ORDER BY 1`,
  );
  return rows.map((r) => r.tablename);
}
