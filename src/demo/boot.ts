import migrations from 'virtual:pgboot/migrations';
import type { Progress } from '../core/index.js';
import { bootDatabase } from '../browser/index.js';

/** The demo's one database, in IndexedDB as `/pglite/pgboot-demo`. */
export const DATABASE_NAME = 'pgboot-demo';

/**
 * How the demo migrates, at boot and from the dev panel: tagged with the build, and, in
 * development, re-running the newest migration when its file is edited (production refuses).
 */
export const migrateOptions = {
  appBuild: import.meta.env.MODE,
  onDrift: import.meta.env.DEV ? 'redo' : 'error',
} as const;

/** How many migrations this build bundles. */
export const bundledCount = migrations.length;

/**
 * Boots the demo's database with the bundled migrations.
 *
 * @example
 * const { db, result } = await bootDemoDatabase({ onProgress: splash.update });
 */
export function bootDemoDatabase(handlers: {
  onProgress: (progress: Progress) => void;
  onWaiting: () => void;
  onBlocking: () => void;
  onNewerVersion: () => void;
}) {
  return bootDatabase({
    name: DATABASE_NAME,
    migrations,
    ...migrateOptions,
    lockTimeout: 15_000,
    ...handlers,
  });
}
