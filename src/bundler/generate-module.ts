import type { MigrationEntry } from '../core/internal.js';

/**
 * Writes the code of `virtual:pgboot/migrations`: an array of `MigrationSource`, in the
 * folder's order. SQL entries carry their text inline; module entries are imported
 * statically (`import * as m0 from "<abs path>"`), so the bundler compiles them with the app.
 * Every string goes through `JSON.stringify`, so no file content can break out of the literal.
 *
 * `resolvePath` turns an entry's folder-relative path into the absolute path to import.
 *
 * @example
 * const code = generateMigrationsModule(entries, (path) => `/app/migrations/${path}`);
 * // import * as m0 from "/app/migrations/20260103090000_seed.ts";
 * // export default [{"file":"20260101090000_init.sql","sql":"CREATE TABLE ...","checksum":"9f2c..."}, {...,"module":m0}];
 */
export function generateMigrationsModule(entries: readonly MigrationEntry[], resolvePath: (path: string) => string): string {
  const imports: string[] = [];
  const items = entries.map((entry) => {
    if (entry.kind === 'sql') {
      const { kind: _kind, ...source } = entry;
      return JSON.stringify(source);
    }
    const binding = `m${imports.length}`;
    imports.push(`import * as ${binding} from ${JSON.stringify(resolvePath(entry.path))};`);
    const source = {
      file: entry.file,
      ...(entry.id === undefined ? {} : { id: entry.id }),
      checksum: entry.checksum,
      ...(entry.extensionUses ? { extensionUses: entry.extensionUses } : {}),
    };
    // The namespace object goes in as the module: validateModule accepts `up`/`down` exports on it.
    return `${JSON.stringify(source).slice(0, -1)},"module":${binding}}`;
  });
  return [...imports, `export default [\n${items.map((item) => `  ${item}`).join(',\n')}\n];`, ''].join('\n');
}
