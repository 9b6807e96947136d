// Which Postgres major a data directory is, apart from the error a mismatch throws
// (data-dir-version.ts), so that a boot checks it without loading the error classes.

/**
 * The Postgres major of the PGlite versions pgboot supports (its peer range, `>=0.5.0 <0.6.0`).
 * A test (test/image/build-image.test.ts) checks it against the installed PGlite's
 * `server_version_num`, so an upgrade that changes the major fails there first.
 */
export const PGLITE_PG_MAJOR = '18';

/** The major in a PG_VERSION file's text (`'17\n'` -> `'17'`), or undefined when it holds none. */
export function parsePgVersion(text: string): string | undefined {
  const match = /^\s*(\d+)(?:\.\d+)?\s*$/.exec(text);
  return match?.[1];
}
