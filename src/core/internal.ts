// The engine as the rest of pgboot sees it: code outside src/core imports from here (or from the
// public index.ts), never from one of core's files (biome.jsonc enforces it). Named re-exports only:
// bundlers then keep just what each chunk uses (an `export *` barrel made Rolldown merge chunks).
// A dynamic import() of one module stays direct: that is how a part loads on demand.
export type { BootResult, BootTimings } from './boot-result.js';
export { checksumOf } from './checksum.js';
export { IncompatibleDataDirError, assertCompatibleDataDir } from './data-dir-version.js';
export { decodeMigrationText } from './decode-text.js';
export {
  DataDirectoryError,
  DatabaseLockedError,
  DatabaseStorageError,
  DuplicateMigrationIdError,
  MigrationError,
  PgbootError,
  UnknownMigrationTargetError,
  UnsupportedExtensionError,
  type MigrationResult,
} from './errors.js';
export { applyExtensionOptions, resolveExtensions, type ExtensionModule, type ExtensionOptions } from './extensions.js';
export { folderWarnings, withFolderWarnings } from './folder-warnings.js';
export { imageDigest, imageMismatch, migrationFingerprints, type FirstBootImage, type ImageManifest, type PgliteFiles } from './image-manifest.js';
export { imageVersionDiffers } from './image-version.js';
export { readMigrationFolder } from './layouts/read-folder.js';
export type { MigrationEntry, MigrationFolder } from './layouts/types.js';
export { migrate } from './migrate.js';
export { bundledIds, isNewer } from './migration-id.js';
export { PGLITE_PG_MAJOR, parsePgVersion } from './pg-major.js';
export { planMigrations, type MigrationStatusEntry } from './plan.js';
export { prepareMigrations } from './prepare.js';
export { rollback, type RollbackResult } from './rollback.js';
export type { MigrateOptions, MigrateResult, Progress, ProgressListener } from './run-options.js';
export { getStatus, type StatusReport } from './status.js';
export { dropTarEntries, readTar, writeTar, type TarEntry } from './tar.js';
export { MIGRATIONS_TABLE, appendLog, readHistory, type LogEntry } from './tracking.js';
export type { Database, Migration, MigrationModule, MigrationSource, MigrationWarning } from './types.js';
export { upToDateResult } from './up-to-date.js';
