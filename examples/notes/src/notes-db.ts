import type { PGlite } from '@electric-sql/pglite';
import type { WorkerDatabase } from 'pgboot/browser';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { notes, noteTags, tags } from './schema.js';

// The demo's tables as drizzle sees them are in schema.ts, which drizzle-kit generates migrations from.

export interface Note {
  id: number;
  title: string;
  body: string;
  pinned: boolean;
  updatedAt: Date;
  tags: string[];
}

export interface NoteInput {
  title: string;
  body: string;
  tags: string[];
}

/** Tag names as the schema requires them (lowercase, trimmed, non-empty), without repeats. */
export function normalizeTags(input: readonly string[]): string[] {
  return [...new Set(input.map((tag) => tag.replace(/^#/, '').trim().toLowerCase()).filter(Boolean))];
}

// Tells the demo's other tabs that the notes changed (worker mode: they share the database).
const changes = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('pgboot-demo:notes');

/** Calls `redraw` when another tab of the demo changed the notes. */
export function onNotesChanged(redraw: () => void): void {
  if (changes) changes.onmessage = () => redraw();
}

/**
 * The demo's data access, all of it: drizzle queries over the booted PGlite.
 * Writes run in a transaction and then flush: PGlite does not flush after `transaction()`
 * (see pglite-facts), so without `syncToFs()` a reload could lose them.
 *
 * @example
 * const store = createNotesStore(db);
 * await store.add({ title: 'Groceries', body: 'milk', tags: ['home'] });
 */
export function createNotesStore(client: PGlite | WorkerDatabase) {
  // drizzle-orm's PGlite driver takes a PGliteWorker as it is; only its types name PGlite.
  const orm = drizzle({ client: client as PGlite });

  async function write<T>(work: (tx: Parameters<Parameters<typeof orm.transaction>[0]>[0]) => Promise<T>): Promise<T> {
    const result = await orm.transaction(work);
    await client.syncToFs();
    changes?.postMessage('changed');
    return result;
  }

  async function linkTags(tx: Parameters<Parameters<typeof orm.transaction>[0]>[0], noteId: number, names: string[]) {
    await tx.delete(noteTags).where(eq(noteTags.noteId, noteId));
    if (names.length === 0) return;
    await tx
      .insert(tags)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing();
    const rows = await tx.select({ id: tags.id }).from(tags).where(inArray(tags.name, names));
    await tx.insert(noteTags).values(rows.map((row) => ({ noteId, tagId: row.id })));
  }

  return {
    /** Notes, pinned first then newest, optionally only those with `tag`. */
    async list(tag?: string): Promise<Note[]> {
      const rows = await orm
        .select({
          id: notes.id,
          title: notes.title,
          body: notes.body,
          pinned: notes.pinned,
          updatedAt: notes.updatedAt,
          tags: sql<string[]>`coalesce(array_agg(${tags.name} ORDER BY ${tags.name}) FILTER (WHERE ${tags.name} IS NOT NULL), '{}')`,
        })
        .from(notes)
        .leftJoin(noteTags, eq(noteTags.noteId, notes.id))
        .leftJoin(tags, eq(tags.id, noteTags.tagId))
        .where(
          tag === undefined
            ? undefined
            : sql`${notes.id} IN (SELECT ${noteTags.noteId} FROM ${noteTags} JOIN ${tags} ON ${tags.id} = ${noteTags.tagId} WHERE ${tags.name} = ${tag})`,
        )
        .groupBy(notes.id)
        .orderBy(desc(notes.pinned), desc(notes.updatedAt), desc(notes.id));
      return rows;
    },

    /** Every tag in use, with how many notes carry it. */
    async tags(): Promise<{ name: string; count: number }[]> {
      return orm
        .select({ name: tags.name, count: sql<number>`count(${noteTags.noteId})::int` })
        .from(tags)
        .innerJoin(noteTags, eq(noteTags.tagId, tags.id))
        .groupBy(tags.name)
        .orderBy(tags.name);
    },

    async add(input: NoteInput): Promise<number> {
      return write(async (tx) => {
        const [row] = await tx.insert(notes).values({ title: input.title, body: input.body }).returning({ id: notes.id });
        await linkTags(tx, row!.id, normalizeTags(input.tags));
        return row!.id;
      });
    },

    async update(id: number, input: NoteInput): Promise<void> {
      await write(async (tx) => {
        await tx.update(notes).set({ title: input.title, body: input.body, updatedAt: new Date() }).where(eq(notes.id, id));
        await linkTags(tx, id, normalizeTags(input.tags));
      });
    },

    async setPinned(id: number, pinned: boolean): Promise<void> {
      await write((tx) =>
        tx
          .update(notes)
          .set({ pinned })
          .where(and(eq(notes.id, id))),
      );
    },

    async remove(id: number): Promise<void> {
      await write((tx) => tx.delete(notes).where(eq(notes.id, id)));
    },
  };
}

export type NotesStore = ReturnType<typeof createNotesStore>;
