import type { PGliteInterface } from '@electric-sql/pglite';

const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

// One line per schema object a migration can create, in a stable text form (no oids), so that
// two fingerprints compare equal exactly when the schemas do. pgboot's own tables are left out,
// and so is diesel's `__diesel_schema_migrations`, which pgboot keeps for the diesel layout.
const FINGERPRINT = `
SELECT item FROM (
  SELECT 'schema ' || n.nspname AS item FROM pg_namespace n WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'extension ' || extname FROM pg_extension
  UNION ALL
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'f' THEN 'foreign table'
                        ELSE 'relation' END
         || ' ' || n.nspname || '.' || c.relname
         || CASE WHEN c.relkind IN ('i', 'I') THEN ': ' || pg_get_indexdef(c.oid)
                 WHEN c.relkind IN ('v', 'm') THEN ': ' || pg_get_viewdef(c.oid) ELSE '' END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_SCHEMA} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'f')
  UNION ALL
  SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
         || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE ${USER_SCHEMA} AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  UNION ALL
  SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || co.conname || ': ' || pg_get_constraintdef(co.oid)
    FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE ${USER_SCHEMA}
  UNION ALL
  SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname || ': ' || pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${USER_SCHEMA} AND NOT t.tgisinternal
  UNION ALL
  SELECT 'type ' || n.nspname || '.' || t.typname
         || coalesce(' (' || (SELECT string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')', '')
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${USER_SCHEMA} AND t.typtype IN ('e', 'd', 'r', 'm')
  UNION ALL
  SELECT 'policy ' || n.nspname || '.' || c.relname || '.' || pol.polname
    FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
) objects
WHERE item !~ '^[a-z ]+ public\\.(_migrations|__diesel_schema_migrations)'
ORDER BY item`;

/**
 * The database's schema as a sorted list of lines (tables, columns, constraints, indexes,
 * views, functions, triggers, types, extensions, schemas), leaving out pgboot's tracking tables
 * (and diesel's, which pgboot keeps in step for the diesel layout).
 *
 * @example
 * const before = await schemaFingerprint(db);
 * // ... run a migration up and down ...
 * const changes = diffFingerprints(before, await schemaFingerprint(db)); // [] when restored
 */
export async function schemaFingerprint(db: Pick<PGliteInterface, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ item: string }>(FINGERPRINT);
  return rows.map((row) => row.item);
}

/** Lines only in `after` (`+ ...`) and only in `before` (`- ...`). */
export function diffFingerprints(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const is = new Set(after);
  return [...after.filter((item) => !was.has(item)).map((item) => `+ ${item}`), ...before.filter((item) => !is.has(item)).map((item) => `- ${item}`)];
}
