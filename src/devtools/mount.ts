import type { PGliteOptions } from '@electric-sql/pglite';
import type { Database, MigrateOptions, MigrationSource } from '../core/internal.js';
import { createActions } from './actions.js';
import { ELEMENT_NAME, PgbootDevtoolsElement } from './element.js';
import type { DevtoolsChange } from './panel-context.js';
import type { TabName } from './tabs.js';

export interface DevtoolsOptions {
  /** The PGlite the app booted (`(await bootDatabase(...)).db`). Leave it out after a failed boot: snapshots, restore and reset still work. */
  db?: Database | undefined;
  /** The same migrations the app boots with (`virtual:pgboot/migrations`). */
  migrations: readonly MigrationSource[];
  /** The database name given to `bootDatabase` (`idb://<name>`); read from `db.dataDir` when left out. Snapshots and reset need it. */
  name?: string;
  /** Toggles the panel; `false` for none. Default `'Alt+Shift+D'`. */
  shortcut?: string | false;
  /** Open the panel at first load (afterwards it remembers, per tab, whether it was open). Default false. */
  open?: boolean;
  /** The error `bootDatabase` rejected with, to show in full in the panel. */
  bootError?: unknown;
  /** Options for the panel's `migrate` calls (e.g. `{ appBuild, onDrift: 'warn' }`), like those given to `bootDatabase`. */
  migrateOptions?: Omit<MigrateOptions, 'migrations' | 'to' | 'onProgress'>;
  /** Snapshots kept per database. Default 5. */
  keepSnapshots?: number;
  /** For the PGlite that restores a snapshot, e.g. `{ extensions }` if the schema uses some. */
  pgliteOptions?: Omit<PGliteOptions, 'dataDir' | 'loadDataDir'>;
  /** The panel changed the schema or data (apply, roll back, redo, SQL): e.g. re-query the app's view. */
  onChange?: (change: DevtoolsChange) => void;
  /** How to delete the database; default: close `db`, then `resetDatabase(name)`. */
  reset?: () => Promise<void>;
  /** Called after reset and restore (the database is closed then). Default `location.reload()`. */
  reload?: () => void;
  /** Where the element goes. Default `document.body`. */
  container?: HTMLElement;
}

export interface DevtoolsHandle {
  element: PgbootDevtoolsElement;
  open(): void;
  close(): void;
  toggle(): void;
  selectTab(tab: TabName): void;
  /** Reads the database again (e.g. after the app changed it). */
  refresh(): Promise<void>;
  /** Removes the element and its keyboard shortcut. */
  unmount(): void;
}

/**
 * Adds the dev panel, `<pgboot-devtools>`, to the page: a small floating "DB" button (and
 * Alt+Shift+D) opens it. Development only: import it behind `import.meta.env.DEV` so a
 * production build contains none of it.
 *
 * @example
 * const { db } = await bootDatabase({ name: 'notes', migrations });
 * if (import.meta.env.DEV) {
 *   const { mountDevtools } = await import('pgboot/devtools');
 *   mountDevtools({ db, migrations, onChange: () => renderNotes() });
 * }
 */
export function mountDevtools(options: DevtoolsOptions): DevtoolsHandle {
  if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, PgbootDevtoolsElement);
  const name = options.name ?? nameFromDataDir(options.db);
  const db = options.db;
  const element = document.createElement(ELEMENT_NAME) as PgbootDevtoolsElement;
  element.configure({
    actions: createActions({
      db: db ?? closedDatabase(),
      migrations: options.migrations,
      name,
      migrateOptions: options.migrateOptions ?? {},
      keepSnapshots: options.keepSnapshots,
      pgliteOptions: options.pgliteOptions,
      reset: options.reset,
    }),
    hasDb: () => db !== undefined && !db.closed,
    name,
    keepSnapshots: options.keepSnapshots,
    shortcut: options.shortcut ?? 'Alt+Shift+D',
    bootError: options.bootError,
    startOpen: options.open,
    onChange: options.onChange,
    reload: options.reload ?? (() => location.reload()),
  });
  (options.container ?? document.body).append(element);
  return {
    element,
    open: () => element.open(),
    close: () => element.close(),
    toggle: () => element.toggle(),
    selectTab: (tab) => element.selectTab(tab),
    refresh: () => element.refresh(),
    unmount: () => element.remove(),
  };
}

/** `idb://notes` -> `notes`. */
function nameFromDataDir(db: Database | undefined): string | undefined {
  const dataDir = (db as { dataDir?: unknown } | undefined)?.dataDir;
  return typeof dataDir === 'string' && dataDir.startsWith('idb://') ? dataDir.slice('idb://'.length) : undefined;
}

/** Stands in for the database after a failed boot: reading it yields nothing, anything else says why. */
function closedDatabase(): Database {
  const refuse = () => Promise.reject(new Error('The database is not open (the boot failed): fix the cause, then reload, reset, or restore a snapshot.'));
  return new Proxy({ closed: true } as unknown as Database, {
    get: (_target, property) => (property === 'closed' ? true : property === 'then' ? undefined : refuse),
  }) as Database;
}
