// The migration sets of the panel's harness, shared by the page (page mode) and its worker (worker mode).
import type { MigrationSource } from '../../src/core/index.js';

/** Markup that would run a handler if anything rendered it as HTML. */
const XSS = `<img src=x onerror="window.__pgbootXss=(window.__pgbootXss||0)+1">`;

const sql = (file: string, up: string, down?: string, id?: string): MigrationSource => ({
  file,
  ...(id ? { id } : {}),
  sql: down === undefined ? up : `-- migrate:up\n${up}\n-- migrate:down\n${down}\n`,
});

const createItems = sql('001_create_items.sql', 'CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL);', 'DROP TABLE items;');

export const SETS: Record<string, MigrationSource[]> = {
  actions: [
    createItems,
    sql('002_seed_items.sql', `INSERT INTO items VALUES (1, 'alpha'), (2, 'beta');`, 'DELETE FROM items WHERE id IN (1, 2);'),
    sql('003_add_item_rank.sql', 'ALTER TABLE items ADD COLUMN rank integer NOT NULL DEFAULT 0;', 'ALTER TABLE items DROP COLUMN rank;'),
    sql('004_index_item_rank.sql', 'CREATE INDEX items_rank_idx ON items (rank);', 'DROP INDEX items_rank_idx;'),
  ],
  drifted: [
    sql('001_create_items.sql', 'CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL); -- edited', 'DROP TABLE items;'),
    sql('002_seed_items.sql', `INSERT INTO items VALUES (1, 'alpha'), (2, 'beta');`, 'DELETE FROM items WHERE id IN (1, 2);'),
    sql('003_add_item_rank.sql', 'ALTER TABLE items ADD COLUMN rank integer NOT NULL DEFAULT 0;', 'ALTER TABLE items DROP COLUMN rank;'),
    sql('004_index_item_rank.sql', 'CREATE INDEX items_rank_idx ON items (rank);', 'DROP INDEX items_rank_idx;'),
  ],
  markup: [
    createItems,
    // An id may come from a layout's own naming; this one is markup.
    sql('002_named.sql', `INSERT INTO items VALUES (1, '${XSS}');`, 'DELETE FROM items WHERE id = 1;', `002_${XSS}`),
    {
      file: '003_described.ts',
      checksum: 'c0ffee'.padEnd(64, '0'),
      module: {
        description: `Described as ${XSS}`,
        up: async (db) => void (await db.exec(`ALTER TABLE items ADD COLUMN note text`)),
        down: async (db) => void (await db.exec(`ALTER TABLE items DROP COLUMN note`)),
      },
    },
    sql('004_fails.sql', `SELECT '${XSS}'::integer;`),
  ],
};
