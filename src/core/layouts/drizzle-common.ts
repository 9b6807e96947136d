import { checksumOf } from '../checksum.js';
import { compareMigrationOrder } from '../file-name.js';
import { nativeLayout } from './native.js';
import type { MigrationEntry, MigrationFolder } from './types.js';

/** drizzle-kit's classic journal, which lists the migrations of a `<NNNN>_<tag>.sql` folder. */
export const DRIZZLE_JOURNAL = 'meta/_journal.json';

/** drizzle-kit 1.x writes one folder per migration: `<YYYYMMDDHHmmss>_<name>/migration.sql`. */
export const DRIZZLE_FOLDER_MIGRATION = /^((\d{14})_[^/]+)\/migration\.sql$/;

/**
 * One drizzle-kit SQL file as an entry. The text runs as written, in one piece: drizzle-kit's
 * `--> statement-breakpoint` lines are SQL comments to Postgres, and pgboot's own lexer finds
 * the failing statement when one fails. No dbmate markers are looked for (drizzle has none).
 * A file hand-edited to issue its own BEGIN/COMMIT runs as drizzle-orm's migrator runs it: its
 * BEGIN joins the open transaction (drizzle's only warns), its COMMIT really commits.
 * `down`: the hand-written down file kept beside it (`downFileOf`); the checksum stays the
 * up file's alone, as drizzle hashes it, so adding or fixing a down later is not drift.
 */
export async function drizzleEntry(file: string, id: string, sql: string, createdAt: number, down?: { file: string; sql: string }): Promise<MigrationEntry> {
  return {
    kind: 'sql',
    file,
    id,
    sql,
    markers: false,
    ownTransactions: 'allow',
    checksum: await checksumOf(sql),
    drizzleCreatedAt: createdAt,
    ...(down ? { downSql: down.sql, downFile: down.file } : {}),
  };
}

/**
 * drizzle-kit writes no down migrations. pgboot's convention for adding one by hand: a file
 * beside the generated one, `<tag>.down.sql` for `<tag>.sql` (classic layout) and `down.sql` for
 * `<folder>/migration.sql` (1.x layout). drizzle-kit and drizzle-orm ignore it.
 */
export function downFileOf(file: string): string {
  return file.endsWith('/migration.sql') ? file.replace(/migration\.sql$/, 'down.sql') : file.replace(/\.sql$/, '.down.sql');
}

/** The down file of a drizzle-kit file, if the folder has one. */
export async function readDrizzleDown(folder: MigrationFolder, file: string): Promise<{ file: string; sql: string } | undefined> {
  const down = downFileOf(file);
  return folder.files.includes(down) ? { file: down, sql: await folder.readText(down) } : undefined;
}

/**
 * Hand-written pgboot migrations kept next to drizzle-kit's output (top-level
 * `<version>_<name>.sql|.ts|.js` files drizzle-kit does not know about), read as pgboot's own layout.
 */
export async function readNativeNeighbours(folder: MigrationFolder, drizzleFiles: ReadonlySet<string>): Promise<MigrationEntry[]> {
  const rest = { files: folder.files.filter((file) => !drizzleFiles.has(file)), readText: (path: string) => folder.readText(path) };
  return nativeLayout.read(rest, () => undefined); // pgboot's own layout warns about nothing
}

/** Whether id `a` runs before id `b` in pgboot's order (version as a number, then name); both are `<digits>_<name>`. */
export function runsBefore(a: string, b: string): boolean {
  return compareMigrationOrder(idParts(a), idParts(b)) < 0;
}

function idParts(id: string): { id: string; version: string; name: string } {
  const underscore = id.indexOf('_');
  return { id, version: id.slice(0, underscore), name: id.slice(underscore + 1) };
}
