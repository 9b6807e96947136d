import type { Results } from '@electric-sql/pglite';
import {
  appendLog,
  getStatus,
  migrate,
  readHistory,
  rollback,
  type Database,
  type LogEntry,
  type MigrateOptions,
  type MigrateResult,
  type MigrationSource,
  type RollbackResult,
  type StatusReport,
} from '../core/internal.js';
import { resetDatabase } from '../browser/reset-database.js';
import { WorkerDatabase } from '../browser/worker-database.js';
import { deleteSnapshot, listSnapshots, readSnapshot, restoreSnapshot, takeSnapshot, type SnapshotInfo } from '../browser/snapshots.js';
import { readSchema, type SchemaTable } from './schema.js';

export interface ActionsConfig {
  db: Database;
  migrations: readonly MigrationSource[];
  /** The IndexedDB database name (`idb://<name>`); snapshots, restore and reset need it. */
  name: string | undefined;
  migrateOptions: Omit<MigrateOptions, 'migrations' | 'to' | 'onProgress'>;
  keepSnapshots: number | undefined;
  pgliteOptions: Parameters<typeof restoreSnapshot>[0]['pgliteOptions'];
  /** Deletes the database; default: close `db` and `resetDatabase(name)`. */
  reset: (() => Promise<void>) | undefined;
}

export interface PanelData {
  status: StatusReport | undefined;
  /** Why `status` is missing, e.g. the bundled migrations are invalid. */
  statusError: unknown;
  history: LogEntry[];
  snapshots: SnapshotInfo[];
}

/**
 * What the panel does to the database, without any DOM: each method is one button.
 * Errors pass through untouched; the panel shows them in full.
 *
 * @example
 * const actions = createActions({ db, migrations, name: 'notes', ... });
 * await actions.rollbackLast();
 */
export function createActions(config: ActionsConfig) {
  const { db, migrations } = config;
  const needName = (what: string): string => {
    if (!config.name) throw new Error(`${what} needs the database name: pass mountDevtools({ name: 'notes', ... }) (the name given to bootDatabase).`);
    return config.name;
  };

  return {
    /** Status, history and snapshots, read side by side. */
    async load(): Promise<PanelData> {
      const snapshots = config.name ? await listSnapshots({ name: config.name }) : [];
      if (db.closed) return { status: undefined, statusError: undefined, history: [], snapshots };
      let status: StatusReport | undefined;
      let statusError: unknown;
      try {
        status = await getStatus(db, { migrations });
      } catch (error) {
        statusError = error;
      }
      const history = await readHistory(db, { limit: 500 });
      return { status, statusError, history, snapshots };
    },

    /** Applies every pending migration, or those up to and including `to`. */
    applyPending(to?: string): Promise<MigrateResult> {
      return migrate(db, { ...config.migrateOptions, migrations, ...(to ? { to } : {}) });
    },

    /** Reverts the newest applied migration. */
    rollbackLast(): Promise<RollbackResult> {
      return rollback(db, { migrations, steps: 1, ...appBuild(config) });
    },

    /** Reverts every applied migration newer than `to` (`0`: all of them). */
    rollbackTo(to: string | 0): Promise<RollbackResult> {
      return rollback(db, { migrations, to, ...appBuild(config) });
    },

    /** Reverts the newest applied migration and applies it again (e.g. after editing it). */
    async redoLast(): Promise<{ id: string | undefined; reverted: RollbackResult; applied: MigrateResult | undefined }> {
      const reverted = await rollback(db, { migrations, steps: 1, ...appBuild(config) });
      const id = reverted.reverted[0];
      const applied = id ? await migrate(db, { ...config.migrateOptions, migrations, to: id }) : undefined;
      return { id, reverted, applied };
    },

    takeSnapshot(label?: string): Promise<SnapshotInfo> {
      return takeSnapshot(db, { name: needName('A snapshot'), ...(label ? { label } : {}), ...(config.keepSnapshots ? { keep: config.keepSnapshots } : {}) });
    },

    /** Replaces the database with a snapshot; `db` is closed, so the page must reload afterwards. */
    restoreSnapshot(id: string): Promise<SnapshotInfo> {
      return restoreSnapshot({ name: needName('Restore'), id, db, ...(config.pgliteOptions ? { pgliteOptions: config.pgliteOptions } : {}) });
    },

    deleteSnapshot(id: string): Promise<void> {
      return deleteSnapshot({ name: needName('Deleting a snapshot'), id });
    },

    readSnapshot(id: string): Promise<Blob> {
      return readSnapshot({ name: needName('Downloading a snapshot'), id });
    },

    /** Deletes the database; `db` is closed, so the page must reload afterwards. */
    async reset(): Promise<void> {
      if (config.reset) return config.reset();
      const name = needName('Reset');
      // Worker mode: the leader worker closes and deletes it, then every tab reloads; closing
      // this tab's handle first would end its worker, maybe the leader itself.
      if (!(db instanceof WorkerDatabase) && !db.closed) await db.close();
      await resetDatabase(name);
    },

    /** Writes the `reset` history entry into the database booted after a reset (the old history went with the old database). */
    logReset(deletedAt: string): Promise<void> {
      return appendLog(db, { action: 'reset', details: { deletedAt }, ...appBuild(config) });
    },

    /** Runs the SQL as typed (several statements allowed) and returns every result set. */
    runSql(sql: string): Promise<Results[]> {
      return db.exec(sql);
    },

    readSchema(): Promise<SchemaTable[]> {
      return readSchema(db);
    },
  };
}

export type DevtoolsActions = ReturnType<typeof createActions>;

function appBuild(config: ActionsConfig): { appBuild?: string } {
  return config.migrateOptions.appBuild ? { appBuild: config.migrateOptions.appBuild } : {};
}
