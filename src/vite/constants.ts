/** The module the app imports to get its bundled migrations. */
export const VIRTUAL_MIGRATIONS_ID = 'virtual:pgboot/migrations';

/** Vite's convention: a resolved virtual id starts with '\0' so no other plugin tries to load it from disk. */
export const RESOLVED_MIGRATIONS_ID = '\0' + VIRTUAL_MIGRATIONS_ID;
