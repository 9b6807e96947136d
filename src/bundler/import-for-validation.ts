/**
 * Loads a migration module in Node, fresh each time, to check its exports at build time.
 * jiti is what the Node loader and the CLI use too, so a module that builds also runs there.
 *
 * @example
 * const module = await importForValidation('/app/migrations/20260101000000_seed.ts');
 */
export async function importForValidation(path: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  return jiti.import(path);
}
