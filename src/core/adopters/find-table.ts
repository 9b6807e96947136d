import type { Session } from '../session.js';

/** The table's name as Postgres prints it (quoted as needed, so safe to put in a query), or undefined when absent. */
export async function findTable(session: Pick<Session, 'query'>, name: string): Promise<string | undefined> {
  const found = await session.query<{ regclass: string | null }>(`SELECT to_regclass($1)::text AS regclass`, [name]);
  return found.rows[0]?.regclass ?? undefined;
}

/** The table's column names. */
export async function columnsOf(session: Pick<Session, 'query'>, table: string): Promise<Set<string>> {
  const { rows } = await session.query<{ attname: string }>(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  return new Set(rows.map((row) => row.attname));
}
