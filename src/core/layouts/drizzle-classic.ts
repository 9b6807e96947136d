import { InvalidMigrationFolderError } from '../errors.js';
import type { MigrationWarning } from '../types.js';
import { DRIZZLE_FOLDER_MIGRATION, DRIZZLE_JOURNAL, downFileOf, drizzleEntry, readDrizzleDown, readNativeNeighbours, runsBefore } from './drizzle-common.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/**
 * drizzle-kit's classic output (drizzle-kit 0.x): `meta/_journal.json` lists the migrations,
 * each a `<tag>.sql` file beside it (`0000_brave_hulk.sql`, or `20260120154111_add_users.sql`
 * with `migrations.prefix: 'timestamp'`). The id is the journal's tag; the journal's order
 * must agree with pgboot's (version, then name). drizzle-kit writes no down migration; a
 * hand-written `<tag>.down.sql` beside a file is its down (`downFileOf`).
 * drizzle-orm's migrator runs only what the journal lists. Top-level files the journal does not
 * list are read as pgboot migrations, so hand-written ones can live in the same folder, except
 * `.sql` files that look like drizzle-kit's own output (`leftoverReason`): those are leftovers
 * (of a merge, a deleted journal entry) that drizzle never runs, so pgboot skips them too, with
 * a warning. `meta/*_snapshot.json` are drizzle-kit's and are ignored.
 */
export const drizzleClassicLayout: MigrationLayout = {
  name: 'drizzle-classic',
  detect: (files) => files.includes(DRIZZLE_JOURNAL),
  async read(folder: MigrationFolder, warn: (warning: MigrationWarning) => void): Promise<MigrationEntry[]> {
    const upgraded = folder.files.find((file) => DRIZZLE_FOLDER_MIGRATION.test(file));
    if (upgraded) {
      throw new InvalidMigrationFolderError(
        DRIZZLE_JOURNAL,
        `the folder has both drizzle-kit's classic journal and a drizzle-kit 1.x migration folder (${upgraded}). ` +
          `Finish the upgrade with 'drizzle-kit up' (which retires meta/_journal.json), or remove the 1.x folder.`,
      );
    }
    const journal = parseJournal(await folder.readText(DRIZZLE_JOURNAL));
    const entries = await Promise.all(
      journal.map(async (entry) => {
        const file = `${entry.tag}.sql`;
        if (!folder.files.includes(file)) {
          throw new InvalidMigrationFolderError(
            file,
            `listed in ${DRIZZLE_JOURNAL} (idx ${entry.idx}) but not in the folder. Restore the file, or remove the migration with 'drizzle-kit drop'.`,
          );
        }
        return drizzleEntry(file, idOf(entry), await folder.readText(file), entry.when, await readDrizzleDown(folder, file));
      }),
    );
    checkOrder(journal);
    const listed = new Set(entries.map((e) => e.file));
    const downs = new Set(entries.map((e) => downFileOf(e.file)));
    const skipped = new Set<string>();
    for (const file of folder.files) {
      if (file.includes('/') || !file.endsWith('.sql') || listed.has(file) || downs.has(file)) continue;
      const reason = leftoverReason(file, await folder.readText(file), entries);
      if (reason === undefined) continue;
      skipped.add(file);
      warn({
        file,
        message:
          `${file}: not listed in ${DRIZZLE_JOURNAL}, and ${reason}, so it is drizzle-kit output that drizzle-orm's migrator never runs (a leftover of a merge or of a removed entry): pgboot skips it too. ` +
          `Delete it; or, if it should run, add it to the journal (generate it again with drizzle-kit), or, as a hand-written pgboot migration, name it <YYYYMMDDHHmmss>_<name>.sql without breakpoints.`,
      });
    }
    const native = await readNativeNeighbours(folder, new Set([...listed, ...downs, ...skipped]));
    return [...entries, ...native];
  },
};

/** drizzle-kit's statement separator, which hand-written pgboot migrations have no use for. */
const BREAKPOINT = '--> statement-breakpoint';

/**
 * Why an unlisted `.sql` file counts as drizzle-kit's leftover, or undefined when it is a
 * hand-written pgboot migration: it shares its number with a listed migration (`0042_old.sql`
 * beside `0042_new.sql`), it has drizzle-kit's four-digit index (`0043_bright_star.sql`), or it
 * holds drizzle-kit's `--> statement-breakpoint` lines.
 */
function leftoverReason(file: string, sql: string, listed: readonly MigrationEntry[]): string | undefined {
  const version = /^(\d+)_/.exec(file)?.[1];
  const twin = version === undefined ? undefined : listed.find((entry) => sameNumber(entry.id!, version));
  if (twin) return `it has the number of ${twin.file}, which is listed`;
  if (/^\d{4}_/.test(file)) return "it is numbered like drizzle-kit's index prefix (four digits)";
  if (sql.includes(BREAKPOINT)) return `it holds drizzle-kit's '${BREAKPOINT}' lines`;
  return undefined;
}

function sameNumber(id: string, version: string): boolean {
  const own = id.slice(0, id.indexOf('_'));
  return own.replace(/^0+/, '') === version.replace(/^0+/, '');
}

/** The tag, unless it lacks a numeric prefix (`migrations.prefix: 'none'` writes `_init`): then `<idx>_<tag>`. */
function idOf(entry: JournalEntry): string {
  return /^\d+_./.test(entry.tag) ? entry.tag : `${String(entry.idx).padStart(4, '0')}_${entry.tag.replace(/^_+/, '')}`;
}

function parseJournal(text: string): JournalEntry[] {
  let journal: unknown;
  try {
    journal = JSON.parse(text);
  } catch (error) {
    throw new InvalidMigrationFolderError(DRIZZLE_JOURNAL, `not valid JSON (${(error as Error).message}). Restore it from version control.`);
  }
  const { dialect, entries } = (journal ?? {}) as { dialect?: unknown; entries?: unknown };
  if (dialect !== undefined && dialect !== 'postgresql' && dialect !== 'postgres') {
    throw new InvalidMigrationFolderError(
      DRIZZLE_JOURNAL,
      `drizzle-kit wrote these migrations for '${String(dialect)}'; PGlite runs PostgreSQL. Generate with dialect: 'postgresql'.`,
    );
  }
  if (!Array.isArray(entries)) {
    throw new InvalidMigrationFolderError(DRIZZLE_JOURNAL, `has no 'entries' list; it is not a drizzle-kit journal.`);
  }
  return entries
    .map((entry: unknown, position): JournalEntry => {
      const { idx, when, tag } = (entry ?? {}) as Record<string, unknown>;
      if (typeof tag === 'string' && tag !== '' && (/[/\\]/.test(tag) || tag.split('.').every((part) => part === ''))) {
        throw new InvalidMigrationFolderError(
          DRIZZLE_JOURNAL,
          `entry ${position} has the tag ${JSON.stringify(tag)}, which is not a plain file name (it holds '/', '\\' or is only dots), ` +
            `so it could point outside the migrations folder. drizzle-kit writes tags such as '0000_init' for the file '0000_init.sql': restore the journal from version control.`,
        );
      }
      if (typeof idx !== 'number' || typeof when !== 'number' || typeof tag !== 'string' || tag === '' || tag.includes('/')) {
        throw new InvalidMigrationFolderError(
          DRIZZLE_JOURNAL,
          `entry ${position} lacks a numeric 'idx', a numeric 'when' or a file 'tag'. Restore the journal from version control.`,
        );
      }
      return { idx, when, tag };
    })
    .sort((a, b) => a.idx - b.idx);
}

/** drizzle runs the journal's order; pgboot runs version order: refuse a journal where they differ. */
function checkOrder(journal: JournalEntry[]): void {
  for (let i = 1; i < journal.length; i++) {
    const previous = journal[i - 1]!;
    const current = journal[i]!;
    if (previous.idx === current.idx) {
      throw new InvalidMigrationFolderError(DRIZZLE_JOURNAL, `idx ${current.idx} is used twice ('${previous.tag}', '${current.tag}').`);
    }
    if (!runsBefore(idOf(previous), idOf(current))) {
      throw new InvalidMigrationFolderError(
        DRIZZLE_JOURNAL,
        `'${current.tag}' (idx ${current.idx}) comes after '${previous.tag}' (idx ${previous.idx}) in the journal but sorts before it by version, ` +
          `so the two orders disagree (was migrations.prefix changed?). Rename the tags (file and journal) so their numbers grow with idx.`,
      );
    }
  }
}
