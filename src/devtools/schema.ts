import type { Database } from '../core/internal.js';

export interface SchemaColumn {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface SchemaTable {
  schema: string;
  name: string;
  /** `BASE TABLE`, `VIEW`, ... as information_schema says. */
  kind: string;
  /** Postgres's estimate (pg_class.reltuples); -1 before the table was first analyzed. */
  estimatedRows: number;
  columns: SchemaColumn[];
}

/**
 * Tables and views with their columns, from information_schema (system schemas left out).
 *
 * @example
 * for (const t of await readSchema(db)) console.log(t.schema, t.name, t.columns.length);
 */
export async function readSchema(db: Database): Promise<SchemaTable[]> {
  const { rows } = await db.query<{
    table_schema: string;
    table_name: string;
    table_type: string;
    column_name: string | null;
    data_type: string | null;
    is_nullable: string | null;
    column_default: string | null;
    estimated_rows: number | null;
  }>(
    `SELECT t.table_schema, t.table_name, t.table_type, c.column_name,
            CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name
                 WHEN c.data_type = 'ARRAY' THEN substr(c.udt_name, 2) || '[]'
                 ELSE c.data_type END AS data_type,
            c.is_nullable, c.column_default, pc.reltuples::float8 AS estimated_rows
       FROM information_schema.tables t
       LEFT JOIN information_schema.columns c USING (table_schema, table_name)
       LEFT JOIN pg_catalog.pg_class pc
              ON pc.oid = (quote_ident(t.table_schema) || '.' || quote_ident(t.table_name))::regclass
      WHERE t.table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY t.table_schema = 'public' DESC, t.table_schema, t.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, SchemaTable>();
  for (const row of rows) {
    const key = `${row.table_schema}.${row.table_name}`;
    let table = tables.get(key);
    if (!table) {
      table = { schema: row.table_schema, name: row.table_name, kind: row.table_type, estimatedRows: row.estimated_rows ?? -1, columns: [] };
      tables.set(key, table);
    }
    if (row.column_name !== null) {
      table.columns.push({ name: row.column_name, type: row.data_type ?? '', nullable: row.is_nullable === 'YES', default: row.column_default });
    }
  }
  return [...tables.values()];
}

/** `"my schema"."Notes"`: an identifier quoted for SQL, doubling embedded quotes. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
