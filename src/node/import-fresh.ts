/**
 * Imports a migration module (TypeScript or JavaScript) in Node through jiti, fresh each time: no
 * module cache and no file cache, so an edited file is read again. The Node loader, the CLI and the
 * bundler plugins' build-time validation all load modules this way, so a module that builds also runs.
 *
 * @example
 * const module = await importFresh<MigrationModule>('/app/migrations/20260101000000_seed.ts');
 */
export async function importFresh<T = unknown>(path: string): Promise<T> {
  // jiti is loaded on first use: reading SQL-only folders never pays for it.
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  return jiti.import<T>(path);
}
