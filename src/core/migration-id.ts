/*
 * Migration ids: how one splits into version and name, how ids sort, and a bundled set's ids before
 * it is validated. Free of error classes (file-name.ts throws them), so that a boot can use it
 * without loading them: its fast check (up-to-date.ts), and the tabs comparing their builds.
 */
import type { MigrationSource } from './types.js';

/** `<version>_<name>`, the name lowercase words joined by underscores: what a migration file's name must be. */
export const MIGRATION_NAME = /^(\d+)_([a-z0-9]+(?:_[a-z0-9]+)*)$/;

/** A file's name without its folder and extension (`sub/001_init.sql` -> `001_init`). */
export function fileStem(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The id a source gets (its own, or its file's name without the extension), not yet validated. */
export function sourceId(source: MigrationSource): string {
  return source.id ?? fileStem(source.file);
}

/**
 * The ids of a bundled set, in run order, without validating it (the engine does that):
 * enough to tell whether another tab's newest migration is one this build knows.
 */
export function bundledIds(migrations: readonly MigrationSource[]): string[] {
  return migrations
    .map((source) => orderable(sourceId(source)))
    .sort(compareMigrationOrder)
    .map((m) => m.id);
}

/** Whether another tab's newest migration `other` is one this build lacks and sorts after this build's newest. */
export function isNewer(other: string, known: ReadonlySet<string>, head: string | undefined): boolean {
  if (known.has(other)) return false;
  return head === undefined || compareMigrationOrder(orderable(other), orderable(head)) > 0;
}

function orderable(id: string) {
  return { id, ...(parseMigrationId(id) ?? { version: '0', name: id }) };
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
