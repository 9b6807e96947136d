export { pgboot, pgboot as default, type PgbootPluginOptions } from './plugin.js';
export { generateMigrationsModule } from '../bundler/generate-module.js';
export { validateMigrationEntries } from '../bundler/validate.js';
export { readEntries } from '../bundler/read-entries.js';
export { VIRTUAL_MIGRATIONS_ID, RESOLVED_MIGRATIONS_ID, VIRTUAL_IMAGE_ID, RESOLVED_IMAGE_ID } from '../bundler/constants.js';
