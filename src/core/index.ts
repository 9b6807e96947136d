export { migrate, type MigrateOptions, type MigrateResult } from './migrate.js';
export { rollback, type RollbackOptions, type RollbackResult } from './rollback.js';
export { getStatus, type StatusReport } from './status.js';
export { prepareMigrations, validateModule, type PreparedMigrations } from './prepare.js';
export { planMigrations, type MigrationPlan, type MigrationState, type MigrationStatusEntry } from './plan.js';
export { readHistory, appendLog, MIGRATIONS_TABLE, LOG_TABLE, type LogEntry, type LogAction } from './tracking.js';
export { checksumOf } from './checksum.js';
export { parseMigrationFileName, isMigrationFile, compareMigrationOrder, versionStyle, type MigrationFileName } from './file-name.js';
export { parseSqlMigration, type ParsedSqlMigration, type SqlSection } from './sql-file.js';
export { splitStatements, type SqlStatement } from './sql-lexer.js';
export { decodeMigrationText } from './decode-text.js';
export type { Progress, ProgressListener } from './run-batch.js';
export * from './errors.js';
export type * from './types.js';
export type { BootResult, BootTimings } from './boot-result.js';
export { readMigrationFolder, LAYOUTS } from './layouts/read-folder.js';
export { DRIZZLE_MIGRATIONS_TABLE } from './adopters/drizzle.js';
export { DIESEL_MIGRATIONS_TABLE } from './adopters/diesel.js';
export { ADOPTERS } from './adopt.js';
export type { HistoryAdopter, ToolHistory, AdoptedMigration, AdoptionContext } from './adopters/types.js';
export type { MigrationFolder, MigrationEntry, MigrationLayout } from './layouts/types.js';
export {
  findExtensionUses,
  findExtensionsInCode,
  applyExtensionOptions,
  resolveExtensions,
  PGLITE_EXTENSION_MODULES,
  type ExtensionModule,
  type ExtensionOptions,
  type ExtensionUse,
  type NeededExtension,
} from './extensions.js';
export { PGLITE_PG_MAJOR, IncompatibleDataDirError, parsePgVersion, assertCompatibleDataDir } from './data-dir-version.js';
export {
  imageMismatch,
  migrationFingerprints,
  imageDigest,
  type ImageManifest,
  type FirstBootImage,
  type MigrationFingerprint,
  type PgliteFiles,
} from './image-manifest.js';
export { writeTar, type TarEntry } from './tar.js';
