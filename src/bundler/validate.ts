import { prepareMigrations, type MigrationEntry, type MigrationModule, type MigrationSource, type MigrationWarning } from '../core/internal.js';

/**
 * Checks a folder's migrations at build time with the same rules the engine applies at
 * boot: names, repeated ids, mixed numbering, a SQL file's own BEGIN/COMMIT, dbmate
 * markers, and each module's exports (loaded through `importModule`, so a module without
 * `up` fails the build rather than the app). Throws the core's typed error, which names
 * the file (and line); returns the non-fatal warnings.
 *
 * @example
 * const warnings = await validateMigrationEntries(entries, (path) => jiti.import(join(dir, path)));
 */
export async function validateMigrationEntries(
  entries: readonly MigrationEntry[],
  importModule: (path: string) => Promise<unknown>,
): Promise<MigrationWarning[]> {
  const sources: MigrationSource[] = entries.map((entry) => {
    if (entry.kind === 'sql') {
      const { kind: _kind, ...source } = entry;
      return source;
    }
    return {
      file: entry.file,
      ...(entry.id === undefined ? {} : { id: entry.id }),
      checksum: entry.checksum,
      module: async () => (await importModule(entry.path)) as MigrationModule,
    };
  });
  const { warnings } = await prepareMigrations(sources);
  return warnings;
}
