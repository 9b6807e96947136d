export { createTestDatabase, clearTestDatabaseTemplates, type CreateTestDatabaseOptions } from './create-test-database.js';
