import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../node/open-database.js';
import type { MigrationSource } from '../../core/internal.js';
import { loadExtensions as loadMigrationExtensions } from '../../node/load-extensions.js';
import { loadExtensions } from '../extensions.js';
import { DEFAULT_DB, DEFAULT_DIR } from '../help.js';
import type { CliIo } from '../io.js';
import { parseCount } from '../parse-args.js';

/** Options shared by the commands that work on the database on disk. */
export const DATABASE_OPTIONS = {
  dir: { type: 'string', default: DEFAULT_DIR },
  db: { type: 'string', default: DEFAULT_DB },
  extension: { type: 'string', multiple: true, default: [] as string[] },
  'lock-timeout': { type: 'string', default: '0' },
} as const;

/**
 * Opens the data directory (creating it if needed), locked for this process until `close()`,
 * with the `--extension` ones plus those the migrations create (found and imported by pgboot/node).
 */
export async function openCliDatabase(
  command: string,
  io: CliIo,
  db: string,
  extensionNames: readonly string[],
  migrations: readonly MigrationSource[] = [],
  lockTimeout = '0',
): Promise<PGlite> {
  const timeout = parseCount(command, 'lock-timeout', lockTimeout, 0);
  const given = await loadExtensions(command, extensionNames);
  const extensions = { ...(await loadMigrationExtensions(migrations, { provided: given })), ...given };
  return openDatabase({ dataDir: resolve(io.cwd, db), extensions, lockTimeout: timeout });
}
