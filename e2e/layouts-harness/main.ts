// Boots a database (named by ?db=) with the migration folder this build bundles (any layout),
// with the extensions the Vite plugin found and nothing configured by hand.
// Exposes `window.layouts` for the tests: query, rollback all, migrate again.
import migrations, { extensions } from 'virtual:pgboot/migrations';
import { bootDatabase } from '../../src/browser/index.js';
import { migrate, rollback } from '../../src/core/index.js';

const name = new URLSearchParams(location.search).get('db') ?? 'layouts';
const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;

try {
  const { db, result } = await bootDatabase({ name, migrations, extensions, onWarning: () => {} });
  Object.assign(window, {
    layouts: {
      bundledExtensions: Object.keys(extensions).sort(),
      async query(sql: string) {
        return (await db.query(sql)).rows;
      },
      async rollbackAll() {
        return (await rollback(db, { migrations, to: 0, onWarning: () => {} })).reverted;
      },
      async migrateAll() {
        return (await migrate(db, { migrations, onWarning: () => {} })).applied;
      },
    },
  });
  status.textContent = `ready applied=${result.applied.length} of ${migrations.length}`;
} catch (error) {
  console.error(error);
  status.textContent = `failed ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
