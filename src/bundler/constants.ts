/** The module the app imports to get its bundled migrations. */
export const VIRTUAL_MIGRATIONS_ID = 'virtual:pgboot/migrations';

/** Vite's convention: a resolved virtual id starts with '\0' so no other plugin tries to load it from disk. */
export const RESOLVED_MIGRATIONS_ID = '\0' + VIRTUAL_MIGRATIONS_ID;

/** The PGlite extension modules the migrations need (also re-exported by the migrations module as `extensions`). */
export const VIRTUAL_EXTENSIONS_ID = 'virtual:pgboot/extensions';
export const RESOLVED_EXTENSIONS_ID = '\0' + VIRTUAL_EXTENSIONS_ID;

/** Matches the ids the app imports, and the resolved ones (for bundlers' hook filters). */
export const VIRTUAL_ID_FILTER = /^virtual:pgboot\/(?:migrations|extensions)$/;
export const RESOLVED_ID_FILTER = /^\0virtual:pgboot\/(?:migrations|extensions)$/;
export const ANY_VIRTUAL_ID_FILTER = /^\0?virtual:pgboot\/(?:migrations|extensions)$/;
