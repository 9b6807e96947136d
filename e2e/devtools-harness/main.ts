// A page for the dev panel's tests, served by Vite dev (e2e/pages.vite.config.ts)
// (PAGES_URL/devtools-harness/index.html?set=actions&db=NAME): it boots one of
// the migration sets below, then mounts the panel. Query:
//   set=actions   four reversible migrations on a table `items` (default)
//   set=markup    names, a description and a failure that carry markup
//   set=drifted   `actions` with its first file edited: the boot fails (ChecksumMismatchError) on a
//                 database `actions` migrated, and the panel is mounted with the boot error
//   db=NAME       the database (IndexedDB /pglite/NAME)
//   to=ID         boot only up to this migration
//   snapshot=before-migrate   bootDatabase's option
//   mode=worker   worker mode: the set is served by db.worker.ts, shared by every tab
import { bootDatabase } from '../../src/browser/index.js';
import { mountDevtools } from '../../src/devtools/index.js';
import { SETS } from './sets.js';

const params = new URLSearchParams(location.search);
const migrations = SETS[params.get('set') ?? 'actions']!;
const name = params.get('db') ?? 'devtools-harness';
const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
const to = params.has('to') ? { to: params.get('to')! } : {};
const migrateOptions = { onWarning: () => {}, appBuild: 'harness-build' };
try {
  const boot =
    params.get('mode') === 'worker'
      ? await bootDatabase({
          name,
          // The worker reads the set from its name.
          worker: new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module', name: params.get('set') ?? 'actions' }),
          ...to,
          appBuild: migrateOptions.appBuild,
        })
      : await bootDatabase({
          name,
          migrations,
          ...to,
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
