import { InvalidMigrationNameError } from './errors.js';

/** The parts of a migration file name `<version>_<name>.<ext>`. */
export interface MigrationFileName {
  id: string;
  version: string;
  name: string;
  extension: string;
}

/** Extensions the engine treats as migrations; other files in the folder are ignored. */
const MIGRATION_EXTENSIONS = ['sql', 'ts', 'mts', 'js', 'mjs'] as const;

const NAME_PATTERN = /^(\d+)_([a-z0-9]+(?:_[a-z0-9]+)*)$/;

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
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const extension = dot > 0 ? base.slice(dot + 1) : '';
  const match = NAME_PATTERN.exec(stem);
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

/** Splits an id such as `001_init` (from a file name or a layout's own naming) into version and name. */
export function parseMigrationId(id: string): { version: string; name: string } | undefined {
  const match = /^(\d+)_(.+)$/.exec(id);
  return match ? { version: match[1]!, name: match[2]! } : undefined;
}

/** Order of migrations: by version as a number, then by name, then by id. */
export function compareMigrationOrder(a: { version: string; name: string; id: string }, b: { version: string; name: string; id: string }): number {
  const byVersion = compareDigits(a.version, b.version);
  if (byVersion !== 0) return byVersion;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Compares two digit strings as numbers of any length (BigInt-free, so leading zeros are fine). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A 14-digit version is a UTC timestamp (`YYYYMMDDHHmmss`); anything else is a sequence number. */
export function versionStyle(version: string): 'timestamp' | 'sequence' {
  return version.length === 14 ? 'timestamp' : 'sequence';
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
