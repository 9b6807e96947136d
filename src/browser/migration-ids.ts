import { compareMigrationOrder, parseMigrationId } from '../core/migration-id.js';
import type { MigrationSource } from '../core/types.js';

/**
 * The ids of a bundled set, in run order, without validating it (the engine does that):
 * enough to tell whether another tab's newest migration is one this build knows.
 */
export function bundledIds(migrations: readonly MigrationSource[]): string[] {
  const parsed = migrations.map((source) => {
    const base = source.file.slice(source.file.lastIndexOf('/') + 1);
    return orderable(source.id ?? base.replace(/\.[^.]+$/, ''));
  });
  return parsed.sort(compareMigrationOrder).map((m) => m.id);
}

/** Whether another tab's newest migration `other` is one this build lacks and sorts after this build's newest. */
export function isNewer(other: string, known: ReadonlySet<string>, head: string | undefined): boolean {
  if (known.has(other)) return false;
  return head === undefined || compareMigrationOrder(orderable(other), orderable(head)) > 0;
}

function orderable(id: string) {
  return { id, ...(parseMigrationId(id) ?? { version: '0', name: id }) };
}
