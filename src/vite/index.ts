export { pgboot, pgboot as default, type PgbootPluginOptions } from './plugin.js';
export { generateMigrationsModule } from './generate-module.js';
export { validateMigrationEntries } from './validate.js';
export { readEntries } from './read-entries.js';
export { VIRTUAL_MIGRATIONS_ID, RESOLVED_MIGRATIONS_ID, VIRTUAL_IMAGE_ID, RESOLVED_IMAGE_ID } from './constants.js';
