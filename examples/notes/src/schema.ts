// The demo's schema in drizzle: the app queries through it (notes-db.ts), and drizzle-kit
// generates migrations from it into migrations/ (see drizzle.config.ts):
//   1. change a table below
//   2. npx drizzle-kit generate --name <what_changed>   (in examples/notes)
//   3. reload the app: pgboot applies the new migration.
// The first tables were created by hand-written migrations before drizzle-kit was used, so the
// names below (keys, indexes, constraints) are the ones those migrations gave them.
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const notes = pgTable(
  'notes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    pinned: boolean('pinned').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Added through drizzle-kit (migrations/*_add_note_archived_at.sql).
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    index('notes_title_search').using('btree', sql`lower(${table.title})`),
    index('notes_pinned_updated').on(table.pinned.desc().nullsFirst(), table.updatedAt.desc().nullsFirst()),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull().unique('tags_name_key'),
  },
  (table) => [check('tags_name_normalized', sql`${table.name} = lower(trim(${table.name})) AND ${table.name} <> ''`)],
);

export const noteTags = pgTable(
  'note_tags',
  {
    noteId: integer('note_id').notNull(),
    tagId: integer('tag_id').notNull(),
  },
  (table) => [
    primaryKey({ name: 'note_tags_pkey', columns: [table.noteId, table.tagId] }),
    foreignKey({ name: 'note_tags_note_id_fkey', columns: [table.noteId], foreignColumns: [notes.id] }).onDelete('cascade'),
    foreignKey({ name: 'note_tags_tag_id_fkey', columns: [table.tagId], foreignColumns: [tags.id] }).onDelete('cascade'),
  ],
);
