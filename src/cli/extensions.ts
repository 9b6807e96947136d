import type { Extension, Extensions } from '@electric-sql/pglite';
import { UsageError } from './usage-error.js';

/**
 * Loads PGlite extensions by name for `--extension`: `pg_trgm` is looked up as
 * `@electric-sql/pglite/contrib/pg_trgm`, then `@electric-sql/pglite/<name>`, then the
 * package `@electric-sql/pglite-<name>`.
 */
export async function loadExtensions(command: string, names: readonly string[]): Promise<Extensions> {
  const extensions: Extensions = {};
  for (const name of names) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new UsageError(`'${name}' is not an extension name (e.g. pg_trgm, uuid_ossp)`, command);
    extensions[name] = await loadExtension(command, name);
  }
  return extensions;
}

async function loadExtension(command: string, name: string): Promise<Extension> {
  const candidates = [`@electric-sql/pglite/contrib/${name}`, `@electric-sql/pglite/${name}`, `@electric-sql/pglite-${name.replace(/_/g, '-')}`];
  for (const specifier of candidates) {
    let module: Record<string, unknown>;
    try {
      module = (await import(specifier)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const found = [module[name], module.default, ...Object.values(module)].find(isExtension);
    if (found) return found;
  }
  throw new UsageError(`unknown PGlite extension '${name}': none of ${candidates.join(', ')} could be imported`, command);
}

function isExtension(value: unknown): value is Extension {
  return typeof value === 'object' && value !== null && typeof (value as { setup?: unknown }).setup === 'function';
}
