import { InvalidMigrationNameError } from './errors.js';
import { fileStem, MIGRATION_NAME } from './migration-id.js';

export { compareMigrationOrder, parseMigrationId, versionStyle } from './migration-id.js';

/** The parts of a migration file name `<version>_<name>.<ext>`. */
export interface MigrationFileName {
  id: string;
  version: string;
  name: string;
  extension: string;
}

/** Extensions the engine treats as migrations; other files in the folder are ignored. */
const MIGRATION_EXTENSIONS = ['sql', 'ts', 'mts', 'js', 'mjs'] as const;

/** Whether a file in a migrations folder is meant as a migration (others, like README.md, are skipped). */
export function isMigrationFile(file: string): boolean {
  const base = baseName(file);
  if (base.startsWith('.') || base.startsWith('_')) return false;
  if (/\.d\.[mc]?ts$/.test(base) || /\.(test|spec)\.[mc]?[jt]s$/.test(base)) return false;
  const extension = base.slice(base.lastIndexOf('.') + 1);
  return base.includes('.') && (MIGRATION_EXTENSIONS as readonly string[]).includes(extension);
}

/**
 * Parses `20260120154111_add_user_preferences.sql` into its id, version and name.
 * Throws `InvalidMigrationNameError` naming the file when it does not follow the pattern.
 */
export function parseMigrationFileName(file: string): MigrationFileName {
  const base = baseName(file);
  const dot = base.lastIndexOf('.');
  const stem = fileStem(file);
  const extension = dot > 0 ? base.slice(dot + 1) : '';
  const match = MIGRATION_NAME.exec(stem);
  if (!match) {
    const reason = !/^\d/.test(stem)
      ? `the name does not start with a version number`
      : !stem.includes('_')
        ? `the version is not followed by '_<name>'`
        : `'${stem.slice(stem.indexOf('_') + 1)}' is not lowercase words joined by underscores`;
    throw new InvalidMigrationNameError(file, reason);
  }
  return { id: stem, version: match[1]!, name: match[2]!, extension };
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
