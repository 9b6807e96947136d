/** The module the app imports to get its bundled migrations. */
export const VIRTUAL_MIGRATIONS_ID = 'virtual:pgboot/migrations';

/** Vite's convention: a resolved virtual id starts with '\0' so no other plugin tries to load it from disk. */
export const RESOLVED_MIGRATIONS_ID = '\0' + VIRTUAL_MIGRATIONS_ID;

/** The PGlite extension modules the migrations need (also re-exported by the migrations module as `extensions`). */
export const VIRTUAL_EXTENSIONS_ID = 'virtual:pgboot/extensions';
export const RESOLVED_EXTENSIONS_ID = '\0' + VIRTUAL_EXTENSIONS_ID;

/** The first-boot image of a production build (`pgboot({ image: true })`, Vite only): `{ url, manifest, pgliteVersion, pglite }`, or `undefined` in dev. */
export const VIRTUAL_IMAGE_ID = 'virtual:pgboot/image';
export const RESOLVED_IMAGE_ID = '\0' + VIRTUAL_IMAGE_ID;

/** Matches the ids the app imports, and the resolved ones (for bundlers' hook filters). */
export const VIRTUAL_ID_FILTER = /^virtual:pgboot\/(?:migrations|extensions|image)$/;
export const RESOLVED_ID_FILTER = /^\0virtual:pgboot\/(?:migrations|extensions|image)$/;
export const ANY_VIRTUAL_ID_FILTER = /^\0?virtual:pgboot\/(?:migrations|extensions|image)$/;

/**
 * The code of `virtual:pgboot/image` in dev (and wherever no image is built): `undefined`, so a
 * first boot runs initdb and every migration as before. Images are built for production only:
 * migrations change often in dev, and building one costs several seconds.
 */
export const NO_IMAGE_MODULE = 'export default undefined;\n';
