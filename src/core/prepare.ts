import { checksumOf } from './checksum.js';
import { rejectNulCharacter } from './decode-text.js';
import { DuplicateMigrationIdError, InvalidMigrationModuleError, InvalidMigrationNameError, MixedVersioningError } from './errors.js';
import { folderWarnings } from './folder-warnings.js';
import { readModuleExports } from './module-exports.js';
import { compareMigrationOrder, parseMigrationFileName, parseMigrationId, versionStyle } from './file-name.js';
import { isEmptySql, parseSqlMigration, type ParsedSqlMigration, type SqlSection } from './sql-file.js';
import { isTransactionControl, splitStatements } from './sql-lexer.js';
import type { Migration, MigrationModule, MigrationSource, MigrationStep, MigrationWarning, SqlMigrationSource } from './types.js';

export interface PreparedMigrations {
  /** Validated migrations in run order. */
  migrations: Migration[];
  /** Findings that do not stop a run, e.g. two migrations sharing one version, or files the loader skipped. */
  warnings: MigrationWarning[];
}

/**
 * Validates what a loader produced and turns it into runnable migrations, in order.
 * Throws the first problem found (bad name, repeated id, mixed numbering, own
 * transaction in SQL, module without `up`) as a typed error naming the file; nothing
 * touches a database before this succeeds.
 */
export async function prepareMigrations(sources: readonly MigrationSource[]): Promise<PreparedMigrations> {
  const named = sources.map((source) => ({ source, ...identify(source) }));
  checkUniqueIds(named);
  checkOneVersioningStyle(named.filter((m) => m.source.id === undefined));

  const migrations = await Promise.all(named.map(({ source, id, version, name }) => toMigration(source, id, version, name)));
  migrations.sort(compareMigrationOrder);
  return { migrations, warnings: [...folderWarnings(sources), ...repeatedVersionWarnings(migrations)] };
}

function identify(source: MigrationSource): { id: string; version: string; name: string } {
  if (source.id === undefined) return parseMigrationFileName(source.file);
  const parts = parseMigrationId(source.id);
  if (!parts) throw new InvalidMigrationNameError(source.file, `the id '${source.id}' does not start with '<digits>_'`);
  return { id: source.id, ...parts };
}

function checkUniqueIds(named: { id: string; source: MigrationSource }[]): void {
  const filesById = new Map<string, string[]>();
  for (const { id, source } of named) filesById.set(id, [...(filesById.get(id) ?? []), source.file]);
  for (const [id, files] of filesById) if (files.length > 1) throw new DuplicateMigrationIdError(id, files);
}

function checkOneVersioningStyle(named: { version: string; source: MigrationSource }[]): void {
  const timestamped = named.find((m) => versionStyle(m.version) === 'timestamp');
  const sequenced = named.find((m) => versionStyle(m.version) === 'sequence');
  if (timestamped && sequenced) throw new MixedVersioningError(timestamped.source.file, sequenced.source.file);
}

function repeatedVersionWarnings(migrations: Migration[]): MigrationWarning[] {
  const warnings: MigrationWarning[] = [];
  for (let i = 1; i < migrations.length; i++) {
    const previous = migrations[i - 1]!;
    const current = migrations[i]!;
    if (BigInt(previous.version) === BigInt(current.version)) {
      warnings.push({
        file: current.file,
        message: `${current.file}: shares version ${current.version} with ${previous.file}; they run in name order. Give each migration its own version to make the order explicit.`,
      });
    }
  }
  return warnings;
}

async function toMigration(source: MigrationSource, id: string, version: string, name: string): Promise<Migration> {
  if ('sql' in source) {
    rejectNulCharacter(source.file, source.sql);
    if (source.downSql !== undefined) rejectNulCharacter(source.downFile ?? source.file, source.downSql);
    const parsed = parseSqlSource(source);
    const empty = isEmptySql(parsed.up.sql);
    return {
      id,
      version,
      name,
      file: source.file,
      checksum: source.checksum ?? (await checksumOf(source.sql)),
      transaction: source.transaction === false ? false : parsed.up.transaction,
      downTransaction: source.transaction === false ? false : (parsed.down?.transaction ?? true),
      description: undefined,
      up: sqlStep(source, parsed.up),
      // An up that does nothing is undone by doing nothing (e.g. a comment-only baseline).
      down: parsed.down ? sqlStep(source, parsed.down) : empty ? { kind: 'sql', sql: '', line: 1 } : undefined,
      empty,
      ...(source.dieselVersion === undefined ? {} : { dieselVersion: source.dieselVersion }),
    };
  }
  const module = await resolveModule(source.file, source.module);
  const transaction = module.transaction ?? true;
  return {
    id,
    version,
    name,
    file: source.file,
    checksum: source.checksum,
    transaction,
    downTransaction: transaction,
    description: module.description,
    up: functionStep(module.up),
    down: module.down ? functionStep(module.down) : undefined,
    empty: false,
  };
}

function parseSqlSource(source: SqlMigrationSource): ParsedSqlMigration {
  const allowOwnTransactions = source.ownTransactions === 'allow';
  if (source.downSql === undefined && source.markers !== false) {
    return parseSqlMigration(source.file, source.sql, { allowOwnTransactions });
  }
  const up = parseSqlMigration(source.file, source.sql, { allowOwnTransactions, markers: false }).up;
  const down =
    source.downSql === undefined ? undefined : parseSqlMigration(source.downFile ?? source.file, source.downSql, { allowOwnTransactions, markers: false }).up;
  return { up, down };
}

/** A SQL step; in foreign layouts, one that issues its own BEGIN/COMMIT is marked to run statement by statement. */
function sqlStep(source: SqlMigrationSource, section: SqlSection): MigrationStep {
  const step: MigrationStep = { kind: 'sql', sql: section.sql, line: section.line };
  if (source.ownTransactions === 'allow' && splitStatements(section.sql).some(isTransactionControl)) step.ownTransactions = true;
  return step;
}

function functionStep(run: MigrationModule['up']): MigrationStep {
  return { kind: 'function', run };
}

async function resolveModule(file: string, module: MigrationModule | (() => Promise<MigrationModule>)): Promise<MigrationModule> {
  let exports: unknown;
  try {
    exports = typeof module === 'function' ? await module() : module;
  } catch (error) {
    throw new InvalidMigrationModuleError(file, `the module could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
  return validateModule(file, exports);
}

/** Checks a module's exports; `export default { up, down }` is accepted as well as named exports. */
export function validateModule(file: string, exports: unknown): MigrationModule {
  const read = readModuleExports(exports);
  if ('problem' in read) throw new InvalidMigrationModuleError(file, read.problem);
  return read.module;
}
