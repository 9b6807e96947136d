import { InvalidMigrationFolderError } from '../errors.js';
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
 * Top-level files the journal does not list are read as pgboot migrations, so hand-written
 * ones can live in the same folder. `meta/*_snapshot.json` are drizzle-kit's and are ignored.
 */
export const drizzleClassicLayout: MigrationLayout = {
  name: 'drizzle-classic',
  detect: (files) => files.includes(DRIZZLE_JOURNAL),
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
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
    const native = await readNativeNeighbours(folder, new Set(entries.flatMap((e) => [e.file, downFileOf(e.file)])));
    return [...entries, ...native];
  },
};

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
