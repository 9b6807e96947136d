import { PgbootError } from './errors.js';
import { PGLITE_PG_MAJOR, parsePgVersion } from './pg-major.js';

export { PGLITE_PG_MAJOR, parsePgVersion };

/** Which PGlite releases ran which Postgres major (PGlite's release notes), to name the one that opens an old data directory. */
const PGLITE_BY_PG_MAJOR: Readonly<Record<string, string>> = { '15': '0.1.x', '16': '0.2.x', '17': '0.3.x or 0.4.x', '18': '0.5.x' };

/**
 * A data directory written by another Postgres major than the running PGlite's. PGlite would
 * abort on it (WebAssembly's `Aborted()`, no hint); pgboot stops before opening it and leaves
 * it untouched.
 */
export class IncompatibleDataDirError extends PgbootError {
  static override readonly errorName: string = 'IncompatibleDataDirError';
  /** `/pglite/<name>` in IndexedDB, or the folder on disk. */
  readonly dataDir: string;
  /** The major in the data directory's PG_VERSION, e.g. `'16'`. */
  readonly found: string;
  /** The running PGlite's major, e.g. `'17'`. */
  readonly expected: string;
  constructor(dataDir: string, found: string, expected: string = PGLITE_PG_MAJOR) {
    super(
      `The database '${dataDir}' was written by Postgres ${found} (its PG_VERSION), but this app's PGlite runs Postgres ${expected}: ` +
        `it cannot open it, and opening it anyway would abort. Nothing was changed. To keep the data: export the raw data directory ` +
        `(the dev panel offers it, or exportRawDataDir() in the browser; on disk, copy the folder), open it with the PGlite version ` +
        `that wrote it (Postgres ${found}: PGlite ${PGLITE_BY_PG_MAJOR[found] ?? 'of that major'}), dump it with pg_dump ` +
        `(@electric-sql/pglite-tools) and load the dump into a new database. To start over instead, delete it (resetDatabase / remove the folder).`,
    );
    this.dataDir = dataDir;
    this.found = found;
    this.expected = expected;
  }
}

/**
 * Throws `IncompatibleDataDirError` when a data directory's PG_VERSION text names another major
 * than `expected`. `undefined` (no PG_VERSION: a new database) passes.
 */
export function assertCompatibleDataDir(dataDir: string, pgVersionText: string | undefined, expected: string = PGLITE_PG_MAJOR): void {
  if (pgVersionText === undefined) return;
  const found = parsePgVersion(pgVersionText) ?? pgVersionText.trim().slice(0, 20);
  if (found !== expected) throw new IncompatibleDataDirError(dataDir, found || '(empty)', expected);
}
