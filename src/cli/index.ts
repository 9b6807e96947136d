export { main } from './main.js';
export { checkMigrations, type CheckReport, type CheckFinding, type CheckStep } from './check-migrations.js';
export { nextVersion, formatTimestamp } from './next-version.js';
export { schemaFingerprint, diffFingerprints } from './schema-fingerprint.js';
