import type { ExtensionModule } from '../core/internal.js';
import { VIRTUAL_EXTENSIONS_ID } from './constants.js';

/**
 * Writes the code of `virtual:pgboot/extensions`: the PGlite modules of the extensions the
 * migrations create, imported statically (so the bundler ships them), as an object to pass to
 * PGlite's `extensions` option.
 *
 * @example
 * generateExtensionsModule([{ name: 'pg_trgm', specifier: '@electric-sql/pglite/contrib/pg_trgm', exportName: 'pg_trgm' }]);
 * // import { pg_trgm as e0 } from "@electric-sql/pglite/contrib/pg_trgm";
 * // export default { "pg_trgm": e0 };
 */
export function generateExtensionsModule(modules: readonly ExtensionModule[]): string {
  const imports = modules.map((m, i) => `import { ${safeBinding(m.exportName)} as e${i} } from ${JSON.stringify(m.specifier)};`);
  const entries = modules.map((m, i) => `${JSON.stringify(m.exportName)}: e${i}`);
  return [...imports, `export default { ${entries.join(', ')} };`, ''].join('\n');
}

/**
 * Adds the extensions to the code of `virtual:pgboot/migrations` as a named export, for the app
 * to pass on: `import migrations, { extensions } from 'virtual:pgboot/migrations'`, then
 * `bootDatabase({ name, migrations, extensions })`.
 *
 * @example
 * const code = withBundledExtensions(generateMigrationsModule(entries, absolute));
 */
export function withBundledExtensions(migrationsCode: string): string {
  const body = migrationsCode.replace(/^export default \[/m, 'const migrations = [');
  return [`import extensions from ${JSON.stringify(VIRTUAL_EXTENSIONS_ID)};`, body.trimEnd(), `export { extensions };`, `export default migrations;`, ''].join(
    '\n',
  );
}

function safeBinding(name: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Error(`'${name}' cannot be an import binding`);
  return name;
}
