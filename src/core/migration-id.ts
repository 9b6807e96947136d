/*
 * Migration ids: how one splits into version and name, and how ids sort. Free of error classes
 * (file-name.ts throws them), so that a boot's fast check (up-to-date.ts) can use it.
 */

/** `<version>_<name>`, the name lowercase words joined by underscores: what a migration file's name must be. */
export const MIGRATION_NAME = /^(\d+)_([a-z0-9]+(?:_[a-z0-9]+)*)$/;

/** A file's name without its folder and extension (`sub/001_init.sql` -> `001_init`). */
export function fileStem(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
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
