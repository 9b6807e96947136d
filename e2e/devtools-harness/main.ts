// A page for the dev panel's tests, served by the demo's Vite dev server
// (DEMO_URL/e2e/devtools-harness/index.html?set=actions&db=NAME): it boots one of
// the migration sets below, then mounts the panel. Query:
//   set=actions   four reversible migrations on a table `items` (default)
//   set=markup    names, a description and a failure that carry markup
//   set=drifted   `actions` with its first file edited: the boot fails (ChecksumMismatchError) on a
//                 database `actions` migrated, and the panel is mounted with the boot error
//   db=NAME       the database (IndexedDB /pglite/NAME)
//   to=ID         boot only up to this migration
//   snapshot=before-migrate   bootDatabase's option
import type { MigrationSource } from '../../src/core/index.js';
import { bootDatabase } from '../../src/browser/index.js';
import { mountDevtools } from '../../src/devtools/index.js';

/** Markup that would run a handler if anything rendered it as HTML. */
const XSS = `<img src=x onerror="window.__pgbootXss=(window.__pgbootXss||0)+1">`;

const sql = (file: string, up: string, down?: string, id?: string): MigrationSource => ({
  file,
  ...(id ? { id } : {}),
  sql: down === undefined ? up : `-- migrate:up\n${up}\n-- migrate:down\n${down}\n`,
});

const createItems = sql('001_create_items.sql', 'CREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL);', 'DROP TABLE items;');

const SETS: Record<string, MigrationSource[]> = {
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

const params = new URLSearchParams(location.search);
const migrations = SETS[params.get('set') ?? 'actions']!;
const name = params.get('db') ?? 'devtools-harness';
const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
const migrateOptions = { onWarning: () => {}, appBuild: 'harness-build' };
try {
  const boot = await bootDatabase({
    name,
    migrations,
    ...(params.has('to') ? { to: params.get('to')! } : {}),
    snapshot: params.get('snapshot') === 'before-migrate' ? 'before-migrate' : 'never',
    ...migrateOptions,
  });
  Object.assign(window, { harness: { db: boot.db } });
  mountDevtools({ db: boot.db, migrations, name, migrateOptions });
  status.textContent = `ready applied=${boot.result.applied.length}`;
} catch (error) {
  // As the demo does: the panel comes up without a database, to restore or reset.
  mountDevtools({ migrations, name, migrateOptions, bootError: error });
  status.textContent = `failed ${error instanceof Error ? error.name : 'error'}`;
}
