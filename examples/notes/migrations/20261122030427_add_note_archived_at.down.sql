-- The down of drizzle-kit's 20261122030427_add_note_archived_at.sql, written by hand (drizzle-kit writes none):
-- pgboot runs it to roll that migration back (docs/drizzle.md, "Down migrations").
ALTER TABLE "notes" DROP COLUMN "archived_at";
