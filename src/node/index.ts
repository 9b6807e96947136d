export { loadMigrations, openFolder, type LoadMigrationsOptions } from './load-migrations.js';
export { inspectDataDir, type DataDirState } from './check-data-dir.js';
export { bootDatabase, type BootDatabaseOptions, type BootedDatabase, type BootDatabaseResult } from './boot-database.js';
export { openDatabase, type OpenDatabaseOptions } from './open-database.js';
export { acquireDataDirLock, lockPathOf, isAlive, type DataDirLock, type LockOwner, type AcquireLockOptions } from './lock-file.js';
export { loadExtensions, type LoadExtensionsOptions } from './load-extensions.js';
export { buildImage, writeImage, readImage, manifestPathOf, type BuildImageOptions, type BuiltImage } from './build-image.js';
export { assertCompatibleFolder } from './first-run-image.js';
