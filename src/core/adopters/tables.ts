/*
 * The tables other migration tools keep their history in, by name: what the runner's small
 * detection query looks for before it loads the adopters (adopt.ts) on demand.
 */
export { DIESEL_MIGRATIONS_TABLE } from '../diesel-table.js';

/** Where drizzle-orm's migrator keeps its history unless told otherwise (`migrationsSchema`, `migrationsTable`). */
export const DRIZZLE_MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';
/** golang-migrate's and dbmate's table (one name, two shapes: the adopters tell them apart by their columns). */
export const SCHEMA_MIGRATIONS_TABLE = 'schema_migrations';
/** Prisma Migrate's table. */
export const PRISMA_MIGRATIONS_TABLE = '_prisma_migrations';
