import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { createStore, delMany, get, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import { LOG_TABLE, MIGRATIONS_TABLE, SnapshotNotFoundError, appendLog, compareMigrationOrder, type Database } from '../core/index.js';
import type { StatusReport } from '../core/internal.js';
export { SnapshotNotFoundError };
import { deleteStorage } from './delete-storage.js';
import { closeAndLock } from './open-databases.js';
import { workerConnections } from './worker-connections.js';

/** How many snapshots of one database are kept unless `keep` says otherwise; older ones are deleted. */
export const DEFAULT_SNAPSHOTS_KEPT = 5;

/** Why a snapshot was taken. */
export type SnapshotReason = 'manual' | 'before-migrate';

/** What is known about a snapshot without reading its data. */
export interface SnapshotInfo {
  /** Sortable and unique: the time it was taken plus a random suffix. */
  id: string;
  /** The database it belongs to: the `name` of `idb://name`. */
  database: string;
  takenAt: Date;
  /** Bytes of the gzipped tar kept in IndexedDB. */
  size: number;
  reason: SnapshotReason;
  /** A note of the developer's choosing, shown in the dev panel. */
  label: string | undefined;
  /** The newest applied migration when the snapshot was taken (undefined for an unmigrated database). */
  migrationId: string | undefined;
  /** How many migrations were applied then. */
  appliedCount: number;
}

export interface SnapshotStoreOptions {
  /** Where snapshots are kept; default: IndexedDB database `pgboot-snapshots`, store `snapshots`. */
  store?: UseStore;
}

export interface TakeSnapshotOptions extends SnapshotStoreOptions {
  /** The database's name, as in `idb://name`. */
  name: string;
  label?: string;
  reason?: SnapshotReason;
  /** Snapshots of this database to keep, this one included; older ones are deleted. Default 5. */
  keep?: number;
}

export interface RestoreSnapshotOptions extends SnapshotStoreOptions {
  name: string;
  /** A `SnapshotInfo.id` from `listSnapshots`. */
  id: string;
  /**
   * The open instance on this database, if any: it is closed first, since a second instance
   * on one IndexedDB database would corrupt it (one opened by `bootDatabase` in this page is
   * found and closed without it). Reload the page afterwards to boot again.
   */
  db?: Database;
  /** Passed to the PGlite that loads the snapshot, e.g. `{ extensions }` when the schema uses some. */
  pgliteOptions?: Omit<PGliteOptions, 'dataDir' | 'loadDataDir'>;
  /** How long to wait for another tab to close the database, in ms. Default 10 000. */
  timeout?: number;
  /** Where the database lives when not in `idb://<name>`, e.g. `'opfs-ahp://notes'`. */
  dataDir?: string;
}

let defaultStore: UseStore | undefined;
// Created lazily, as idb-keyval does, so importing this module opens nothing.
function storeOf(options: SnapshotStoreOptions): UseStore {
  if (options.store) return options.store;
  defaultStore ??= createStore('pgboot-snapshots', 'snapshots');
  return defaultStore;
}

const metaKey = (name: string, id: string): IDBValidKey => ['meta', name, id];
const dataKey = (name: string, id: string): IDBValidKey => ['data', name, id];

/**
 * Copies the whole database (PGlite's `dumpDataDir('gzip')`, about 5 MB for a small one) into
 * IndexedDB, next to it, and deletes the oldest snapshots beyond `keep` (default 5). The
 * history (`_migrations_log`) gets a `snapshot` entry, which the snapshot itself contains.
 * A snapshot loads only into the PGlite version that took it.
 *
 * @example
 * const info = await takeSnapshot(db, { name: 'notes', label: 'before trying 004' });
 * console.log(`${info.id}: ${info.size} bytes at ${info.migrationId}`);
 */
export async function takeSnapshot(db: Database, options: TakeSnapshotOptions): Promise<SnapshotInfo> {
  const keep = options.keep ?? DEFAULT_SNAPSHOTS_KEPT;
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`takeSnapshot: keep must be a whole number of at least 1 (got ${keep}).`);
  const store = storeOf(options);
  const id = newSnapshotId();
  const reason = options.reason ?? 'manual';

  const applied = await readAppliedIds(db);
  if (applied) {
    await appendLog(db, { action: 'snapshot', details: { id, reason, ...(options.label ? { label: options.label } : {}) } });
  }
  const data = await db.dumpDataDir('gzip');
  const info: SnapshotInfo = {
    id,
    database: options.name,
    takenAt: new Date(),
    size: data.size,
    reason,
    label: options.label || undefined,
    migrationId: applied?.at(-1),
    appliedCount: applied?.length ?? 0,
  };
  // One transaction: a snapshot is listed only if its data was stored too.
  await setMany(
    [
      [dataKey(options.name, id), data],
      [metaKey(options.name, id), info],
    ],
    store,
  );
  await pruneSnapshots(options.name, keep, store);
  return info;
}

/**
 * The snapshots of one database, newest first. Reads no snapshot data.
 *
 * @example
 * for (const s of await listSnapshots({ name: 'notes' })) console.log(s.takenAt, s.size);
 */
export async function listSnapshots(options: { name: string } & SnapshotStoreOptions): Promise<SnapshotInfo[]> {
  const store = storeOf(options);
  const metaKeys = (await keys<IDBValidKey>(store)).filter(
    (key): key is [string, string, string] => Array.isArray(key) && key[0] === 'meta' && key[1] === options.name,
  );
  const infos = (await getMany<SnapshotInfo>(metaKeys, store)).filter((info): info is SnapshotInfo => info !== undefined);
  return infos.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The gzipped tar of one snapshot (e.g. to download it, or to open it with `new PGlite({ loadDataDir })`).
 * Throws a `SnapshotNotFoundError` when it does not exist.
 *
 * @example
 * const blob = await readSnapshot({ name: 'notes', id });
 */
export async function readSnapshot(options: { name: string; id: string } & SnapshotStoreOptions): Promise<Blob> {
  const data = await get<Blob>(dataKey(options.name, options.id), storeOf(options));
  if (!data) throw new SnapshotNotFoundError(options.name, options.id);
  return data;
}

/**
 * Deletes one snapshot. Deleting one that does not exist does nothing.
 *
 * @example
 * await deleteSnapshot({ name: 'notes', id });
 */
export async function deleteSnapshot(options: { name: string; id: string } & SnapshotStoreOptions): Promise<void> {
  await delMany([metaKey(options.name, options.id), dataKey(options.name, options.id)], storeOf(options));
}

/**
 * Replaces the database with a snapshot: closes `db` (if given), deletes the IndexedDB
 * database `/pglite/<name>`, creates it again from the snapshot (`loadDataDir`), logs a
 * `restore` entry and closes it. Reload the page afterwards: the app boots on the restored
 * data as usual (and applies, at boot, any migration newer than the snapshot).
 *
 * Take care that nothing else has the database open: pgboot's `bootDatabase` holds it under
 * a Web Lock, so call this from the tab that booted it, passing its `db`.
 *
 * @example
 * await restoreSnapshot({ name: 'notes', id, db });
 * location.reload();
 */
export async function restoreSnapshot(options: RestoreSnapshotOptions): Promise<SnapshotInfo> {
  // Worker mode: the leader worker owns the storage; it restores, then every tab reloads.
  const connection = workerConnections.get(options.name);
  if (connection) {
    const info = await get<SnapshotInfo>(metaKey(options.name, options.id), storeOf(options));
    if (!info) throw new SnapshotNotFoundError(options.name, options.id);
    await connection.command({ type: 'restore', snapshotId: options.id });
    return info;
  }
  const store = storeOf(options);
  const [info, data] = await getMany<unknown>([metaKey(options.name, options.id), dataKey(options.name, options.id)], store);
  if (!info || !(data instanceof Blob)) throw new SnapshotNotFoundError(options.name, options.id);
  const snapshot = info as SnapshotInfo;

  const timeout = options.timeout ?? 10_000;
  // Hold the Web Lock from the close to the end of the swap: no other tab opens the database in between.
  const release = await closeAndLock(options.name, timeout, options.db);
  try {
    const dataDir = options.dataDir ?? `idb://${options.name}`;
    await deleteStorage(dataDir, timeout);
    const started = performance.now();
    const restored = await PGlite.create(dataDir, { ...options.pgliteOptions, loadDataDir: data });
    try {
      if (await readAppliedIds(restored)) {
        await appendLog(restored, {
          action: 'restore',
          durationMs: performance.now() - started,
          details: {
            id: snapshot.id,
            takenAt: new Date(snapshot.takenAt).toISOString(),
            reason: snapshot.reason,
            ...(snapshot.label ? { label: snapshot.label } : {}),
          },
        });
      }
      await restored.syncToFs();
    } finally {
      await restored.close();
    }
  } finally {
    release();
  }
  return snapshot;
}

/**
 * A `beforeMigrate` hook for `bootDatabase`: snapshots the database before pending migrations
 * run, unless it has none applied yet (a new database has nothing to lose). What
 * `bootDatabase({ snapshot: 'before-migrate' })` uses.
 *
 * @example
 * await bootDatabase({ name: 'notes', migrations, beforeMigrate: snapshotBeforeMigrate({ name: 'notes' }) });
 */
export function snapshotBeforeMigrate(options: { name: string; keep?: number } & SnapshotStoreOptions) {
  return async ({ db, status }: { db: Database; status: StatusReport }): Promise<void> => {
    if (status.pending.length === 0 || status.entries.every((entry) => entry.state === 'pending')) return;
    const [first, ...rest] = status.pending;
    await takeSnapshot(db, {
      name: options.name,
      reason: 'before-migrate',
      label: `before ${first}${rest.length > 0 ? ` and ${rest.length} more` : ''}`,
      ...(options.keep === undefined ? {} : { keep: options.keep }),
      ...(options.store ? { store: options.store } : {}),
    });
  };
}

async function pruneSnapshots(name: string, keep: number, store: UseStore): Promise<void> {
  const old = (await listSnapshots({ name, store })).slice(keep);
  if (old.length > 0)
    await delMany(
      old.flatMap((s) => [metaKey(name, s.id), dataKey(name, s.id)]),
      store,
    );
}

/** Applied migration ids in run order, or undefined when the database has no tracking tables. */
async function readAppliedIds(db: Database): Promise<string[] | undefined> {
  const { rows } = await db.query<{ present: boolean }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AND to_regclass('${LOG_TABLE}') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) return undefined;
  const applied = await db.query<{ id: string; version: string; name: string }>(`SELECT id, version, name FROM ${MIGRATIONS_TABLE}`);
  return applied.rows.sort(compareMigrationOrder).map((row) => row.id);
}

function newSnapshotId(): string {
  const time = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').replace('Z', '');
  return `${time}-${Math.random().toString(36).slice(2, 8)}`;
}
