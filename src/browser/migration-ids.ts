import { compareMigrationOrder, parseMigrationId } from '../core/file-name.js';
import type { MigrationSource } from '../core/types.js';

/**
 * The ids of a bundled set, in run order, without validating it (the engine does that):
 * enough to tell whether another tab's newest migration is one this build knows.
 */
export function bundledIds(migrations: readonly MigrationSource[]): string[] {
  const parsed = migrations.map((source) => {
    const base = source.file.slice(source.file.lastIndexOf('/') + 1);
    const id = source.id ?? base.replace(/\.[^.]+$/, '');
    const parts = parseMigrationId(id) ?? { version: '0', name: id };
    return { id, ...parts };
  });
  return parsed.sort(compareMigrationOrder).map((m) => m.id);
}
