import type { PGlite } from '@electric-sql/pglite';

/** Databases this page opened with `bootDatabase` and has not closed, by name, so `resetDatabase` can close them. */
export const openDatabases = new Map<string, PGlite>();
