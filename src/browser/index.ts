export { bootDatabase } from './boot-database.js';
export type { BootDatabaseOptions, BootDatabaseResult, WorkerBootOptions, WorkerBootResult } from './boot-options.js';
export { WorkerDatabase } from './worker-database.js';
export { workerChannelName, electionId, type BuildInfo, type WorkerMessage } from './worker-protocol.js';
// A query in flight when the leader changed rejects with it: it may or may not have run.
export { LeaderChangedError } from '@electric-sql/pglite/worker';
export { resetDatabase, type ResetDatabaseOptions } from './reset-database.js';
export { acquireDatabaseLock, lockName, type LockOptions } from './lock.js';
export { channelName, type BootMessage } from './channel.js';
export {
  takeSnapshot,
  listSnapshots,
  readSnapshot,
  restoreSnapshot,
  deleteSnapshot,
  snapshotBeforeMigrate,
  SnapshotNotFoundError,
  DEFAULT_SNAPSHOTS_KEPT,
  type SnapshotInfo,
  type SnapshotReason,
  type TakeSnapshotOptions,
  type RestoreSnapshotOptions,
  type SnapshotStoreOptions,
} from './snapshots.js';
export { resolveFirstBootImage, type ResolveFirstBootImageOptions } from './first-boot-image.js';
export { prepareDataDir, type PreparedDataDir } from './prepare-data-dir.js';
export { inspectIndexedDbDataDir, type IndexedDbDataDir } from './indexeddb-data-dir.js';
export { exportRawDataDir } from './export-raw-data-dir.js';
