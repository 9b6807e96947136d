import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../node/open-database.js';
import { loadExtensions } from '../extensions.js';
import { DEFAULT_DB, DEFAULT_DIR } from '../help.js';
import type { CliIo } from '../io.js';

/** Options shared by the commands that work on the database on disk. */
export const DATABASE_OPTIONS = {
  dir: { type: 'string', default: DEFAULT_DIR },
  db: { type: 'string', default: DEFAULT_DB },
  extension: { type: 'string', multiple: true, default: [] as string[] },
} as const;

/** Opens the data directory (creating it if needed), locked for this process until `close()`. */
export async function openCliDatabase(command: string, io: CliIo, db: string, extensionNames: readonly string[]): Promise<PGlite> {
  const extensions = await loadExtensions(command, extensionNames);
  return openDatabase({ dataDir: resolve(io.cwd, db), extensions });
}
