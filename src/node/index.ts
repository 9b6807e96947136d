export { loadMigrations, openFolder, type LoadMigrationsOptions } from './load-migrations.js';
