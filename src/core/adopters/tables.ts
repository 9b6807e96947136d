/*
 * The tables other migration tools keep their history in, by name: what the runner's small
 * detection query looks for before it loads the adopters (adopt.ts) on demand.
 */
import { DIESEL_MIGRATIONS_TABLE } from '../diesel-table.js';
import type { Session } from '../session.js';

export { DIESEL_MIGRATIONS_TABLE };

/** Where drizzle-orm's migrator keeps its history unless told otherwise (`migrationsSchema`, `migrationsTable`). */
export const DRIZZLE_MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';
/** golang-migrate's and dbmate's table (one name, two shapes: the adopters tell them apart by their columns). */
export const SCHEMA_MIGRATIONS_TABLE = 'schema_migrations';
/** Prisma Migrate's table. */
export const PRISMA_MIGRATIONS_TABLE = '_prisma_migrations';

/**
 * Whether another migration tool's table is here (drizzle-orm, golang-migrate, dbmate, Prisma,
 * diesel): one small query, so that the adopters (adopt.ts) load only for a database that has one.
 */
export async function anotherToolsTable(session: Pick<Session, 'query'>, drizzleTable: string | false | undefined): Promise<boolean> {
  const drizzle = drizzleTable === false ? null : (drizzleTable ?? DRIZZLE_MIGRATIONS_TABLE);
  const tables = [SCHEMA_MIGRATIONS_TABLE, PRISMA_MIGRATIONS_TABLE, DIESEL_MIGRATIONS_TABLE].map((name) => `to_regclass('${name}')`).join(', ');
  const { rows } = await session.query<{ found: boolean }>(`SELECT coalesce(to_regclass($1::text), ${tables}) IS NOT NULL AS found`, [drizzle]);
  return rows[0]?.found === true;
}
