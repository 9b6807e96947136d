export { bootDatabase, type BootDatabaseOptions, type BootDatabaseResult } from './boot-database.js';
export { resetDatabase, type ResetDatabaseOptions } from './reset-database.js';
export { acquireDatabaseLock, lockName, type LockOptions } from './lock.js';
export { channelName, type BootMessage } from './channel.js';
