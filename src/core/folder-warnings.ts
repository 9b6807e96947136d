import type { MigrationWarning } from './types.js';

/**
 * Where a loader attaches what it found while reading the folder but did not turn into a
 * migration (a non-enumerable property of the migrations array), so `migrate` and `getStatus`
 * report it through `onWarning` and `pgboot check` lists it. `Symbol.for`, so copies of pgboot agree.
 */
const FOLDER_WARNINGS = Symbol.for('pgboot.folderWarnings');

/** The folder warnings a loader attached to a migrations array; `[]` for any other array. */
export function folderWarnings(migrations: readonly unknown[]): readonly MigrationWarning[] {
  return (migrations as { [FOLDER_WARNINGS]?: readonly MigrationWarning[] })[FOLDER_WARNINGS] ?? [];
}

/**
 * Attaches folder warnings to a migrations array (returned as is when there are none). A copy
 * made with `filter` or spread loses them, as it loses the bundled extensions.
 */
export function withFolderWarnings<T extends readonly unknown[]>(migrations: T, warnings: readonly MigrationWarning[]): T {
  if (warnings.length > 0) Object.defineProperty(migrations, FOLDER_WARNINGS, { value: warnings });
  return migrations;
}
