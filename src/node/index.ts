export { loadMigrations } from './load-migrations.js';
