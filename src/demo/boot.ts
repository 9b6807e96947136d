import migrations from 'virtual:pgboot/migrations';
// The production build's pre-migrated first-boot image (vite.config.ts: image: true); undefined in dev.
import image from 'virtual:pgboot/image';
import type { Progress } from '../core/index.js';
import { bootDatabase } from '../browser/index.js';

/** The demo's one database, in IndexedDB as `/pglite/pgboot-demo`. */
export const DATABASE_NAME = 'pgboot-demo';

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
    image,
    appBuild: import.meta.env.MODE,
    lockTimeout: 15_000,
    ...handlers,
  });
}
