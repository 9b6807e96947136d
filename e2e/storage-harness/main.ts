// A page for e2e/storage-errors.spec.ts, served by Vite dev (e2e/pages.vite.config.ts)
// (PAGES_URL/storage-harness/index.html?db=NAME&set=base): boots a migration set and, when
// the boot fails, shows the error and mounts the dev panel with it (as an app in development would).
//   set=base    a table and two rows
//   set=bulky   the same, then about 120 MB of random text (to run out of a small storage quota)
import type { MigrationSource } from '../../src/core/index.js';
import { bootDatabase, resetDatabase, type BootDatabaseResult } from '../../src/browser/index.js';
import { mountDevtools } from '../../src/devtools/index.js';

const base: MigrationSource[] = [
  {
    file: '001_create_items.sql',
    sql: '-- migrate:up\nCREATE TABLE items (id integer PRIMARY KEY, label text NOT NULL);\n-- migrate:down\nDROP TABLE items;\n',
  },
  { file: '002_seed_items.sql', sql: "-- migrate:up\nINSERT INTO items VALUES (1, 'alpha'), (2, 'beta');\n-- migrate:down\nDELETE FROM items;\n" },
];
const SETS: Record<string, MigrationSource[]> = {
  base,
  bulky: [
    ...base,
    {
      file: '003_bulk_rows.sql',
      // Random hex, so Postgres cannot compress it away.
      sql:
        'CREATE TABLE bulk (id int PRIMARY KEY, payload text NOT NULL);\n' +
        "INSERT INTO bulk SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 64) i) FROM generate_series(1, 60000) g;\n",
    },
  ],
};

const params = new URLSearchParams(location.search);
const migrations = SETS[params.get('set') ?? 'base']!;
const name = params.get('db') ?? 'storage-harness';
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

let boot: BootDatabaseResult | undefined;
Object.assign(window, {
  harness: {
    async query(sql: string) {
      return (await boot!.db.query(sql)).rows;
    },
    async close() {
      await boot?.db.close();
    },
    async reset() {
      await resetDatabase(name);
      return 'ok';
    },
  },
});

try {
  boot = await bootDatabase({ name, migrations, onWarning: () => {} });
  byTestId('status').textContent = `ready applied=[${boot.result.applied.join(',')}]`;
  mountDevtools({ db: boot.db, migrations, name, migrateOptions: { onWarning: () => {} } });
} catch (error) {
  byTestId('status').textContent = `failed ${error instanceof Error ? error.name : 'error'}`;
  byTestId('error-message').textContent = error instanceof Error ? error.message : String(error);
  mountDevtools({ migrations, name, bootError: error, open: true, migrateOptions: { onWarning: () => {} } });
}
