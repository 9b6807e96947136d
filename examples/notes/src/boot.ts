// The production build's pre-migrated first-boot image (vite.config.ts: image: true); undefined in dev.
import image from 'virtual:pgboot/image';
import type { Progress } from 'pgboot';
import { bootDatabase } from 'pgboot/browser';

/** The demo's one database, in IndexedDB as `/pglite/pgboot-demo`. */
export const DATABASE_NAME = 'pgboot-demo';

/**
 * How the demo migrates, at boot and from the dev panel: tagged with the build, and, in
 * development, re-running the newest migration when its file is edited (production refuses).
 * Plain values, so that they reach the worker.
 */
export const migrateOptions = {
  appBuild: import.meta.env.MODE,
  onDrift: import.meta.env.DEV ? 'redo' : 'error',
} as const;

/**
 * How this tab runs the database: `'worker'` (default) shares one database, in a worker, with
 * every tab; `'page'` (`?mode=page`) opens it in this page, one tab at a time.
 */
export const bootMode: 'worker' | 'page' = new URLSearchParams(location.search).get('mode') === 'page' ? 'page' : 'worker';

export interface BootHandlers {
  onProgress: (progress: Progress) => void;
  onWaiting: () => void;
  onBlocking: () => void;
  onNewerVersion: () => void;
}

/**
 * Boots the demo's database in the chosen mode.
 *
 * @example
 * const { db, result } = await bootDemoDatabase({ onProgress: splash.update, ... });
 */
export async function bootDemoDatabase(handlers: BootHandlers) {
  if (bootMode === 'worker') {
    const boot = await bootDatabase({
      name: DATABASE_NAME,
      worker: new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module', name: 'pgboot-demo-db' }),
      ...migrateOptions,
      onProgress: handlers.onProgress,
      onNewerVersion: handlers.onNewerVersion,
    });
    return { ...boot, bundledCount: boot.build.ids.length };
  }
  // Page mode bundles the migrations into the page itself.
  const { default: migrations, extensions } = await import('virtual:pgboot/migrations');
  const boot = await bootDatabase({ name: DATABASE_NAME, migrations, extensions, image, ...migrateOptions, lockTimeout: 15_000, ...handlers });
  return { ...boot, bundledCount: migrations.length };
}
