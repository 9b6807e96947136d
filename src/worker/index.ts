export { serveDatabase, type ServeDatabaseOptions } from './serve-database.js';
