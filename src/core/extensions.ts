import { PgbootError, UnsupportedExtensionError } from './errors.js';
import { parseMigrationFileName } from './file-name.js';
import { splitStatements, type SqlStatement } from './sql-lexer.js';
import type { ExtensionUse } from './types.js';

export type { ExtensionUse } from './types.js';

/** Where PGlite's module for a Postgres extension lives: `import { <exportName> } from '<specifier>'`. */
export interface ExtensionModule {
  /** The name `CREATE EXTENSION` uses, e.g. `uuid-ossp`. */
  name: string;
  specifier: string;
  exportName: string;
}

const contrib = (name: string, exportName = name): ExtensionModule => ({ name, specifier: `@electric-sql/pglite/contrib/${exportName}`, exportName });

/**
 * PGlite 0.5's extension modules, by the name `CREATE EXTENSION` uses. The contrib modules ship
 * with `@electric-sql/pglite`; `vector` needs `@electric-sql/pglite-pgvector` installed.
 * `plpgsql` is built in and needs nothing.
 */
export const PGLITE_EXTENSION_MODULES: Readonly<Record<string, ExtensionModule>> = Object.fromEntries(
  [
    ...[
      'amcheck',
      'bloom',
      'btree_gin',
      'btree_gist',
      'citext',
      'cube',
      'dict_int',
      'dict_xsyn',
      'earthdistance',
      'file_fdw',
      'fuzzystrmatch',
      'hstore',
      'intarray',
      'isn',
      'lo',
      'ltree',
      'moddatetime',
      'pageinspect',
      'pg_buffercache',
      'pg_freespacemap',
      'pg_stat_statements',
      'pg_surgery',
      'pg_trgm',
      'pg_visibility',
      'pg_walinspect',
      'pgcrypto',
      'seg',
      'tablefunc',
      'tcn',
      'tsm_system_rows',
      'tsm_system_time',
      'unaccent',
    ].map((name) => contrib(name)),
    contrib('uuid-ossp', 'uuid_ossp'),
    { name: 'vector', specifier: '@electric-sql/pglite-pgvector', exportName: 'vector' },
  ].map((module) => [module.name, module]),
);

/** An extension module a set of migrations needs, with the first place that needs it (for messages). */
export interface NeededExtension extends ExtensionModule {
  file: string;
  line: number;
}

/** Extensions Postgres itself provides in PGlite: creating them needs no module. */
const BUILT_IN = new Set(['plpgsql']);

/** Extensions that `CREATE EXTENSION ... CASCADE` (or the extension itself) needs loaded too. */
const REQUIRES: Readonly<Record<string, string[]>> = { earthdistance: ['cube'] };

/** Options shared by the Vite plugin and the Node loader for extensions PGlite lacks. */
export interface ExtensionOptions {
  /**
   * Per extension name: `false` skips its `CREATE EXTENSION` / `DROP EXTENSION` statements (the
   * rest of each migration runs); a module specifier loads it from there instead of PGlite's table
   * (the module's export named like the extension, `-` turned into `_`).
   *
   * @example { postgis: false, vector: '@electric-sql/pglite-pgvector' }
   */
  extensions?: Record<string, false | string>;
  /**
   * Per migration id: the SQL text to use instead of the migration's file (its up file, for layouts
   * with a separate down file). The checksum stays the file's, so replacing does not count as drift.
   *
   * @example { '20240101000000_add_places': 'CREATE TABLE places (id int, lat float8, lng float8);' }
   */
  replace?: Record<string, string>;
}

/** A TS/JS migration as this module sees it: the `CREATE EXTENSION` uses its loader found in its code. */
interface ModuleLike {
  file: string;
  id?: string;
  extensionUses?: readonly ExtensionUse[];
}

/** The part of a SQL migration this module reads and rewrites (a `MigrationSource` or a layout's `MigrationEntry`). */
interface SqlLike {
  file: string;
  id?: string;
  sql: string;
  downSql?: string;
  downFile?: string;
}

/**
 * Finds the extensions a set of migrations creates: top-level `CREATE EXTENSION [IF NOT EXISTS] name`
 * statements, in up and down sections alike (a down that re-creates a dropped extension needs it
 * too), never in comments, strings or function bodies. For TS/JS modules, the uses their loader
 * found in the code (`extensionUses`, see `findExtensionsInCode`).
 *
 * @example
 * findExtensionUses([{ file: '001_search.sql', sql: 'CREATE EXTENSION IF NOT EXISTS pg_trgm;' }]);
 * // [{ extension: 'pg_trgm', file: '001_search.sql', line: 1 }]
 */
export function findExtensionUses(migrations: readonly (SqlLike | ModuleLike)[]): ExtensionUse[] {
  const uses: ExtensionUse[] = [];
  for (const migration of migrations) {
    if (!('sql' in migration)) {
      uses.push(...(migration.extensionUses ?? []));
      continue;
    }
    const texts: [string, string][] = [[migration.file, migration.sql]];
    if (migration.downSql !== undefined) texts.push([migration.downFile ?? migration.file, migration.downSql]);
    for (const [file, text] of texts) {
      for (const statement of splitStatements(text)) {
        const found = parseExtensionStatement(statement);
        if (found?.verb === 'CREATE') {
          for (const extension of found.names) uses.push({ extension, file, line: statement.line });
        }
      }
    }
  }
  return uses;
}

const CODE_EXTENSION = /\bCREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\\?"((?:[^"\\]|"")+)\\?"|([A-Za-z_][A-Za-z0-9_$]*))/gi;

/**
 * Finds `CREATE EXTENSION [IF NOT EXISTS] name` in the source text of a TS/JS migration: in its
 * strings and template literals, skipping lines that are `//` or `/* *\/` comments. A text search,
 * not a parse: an extension created from a computed string is not found (pass it to PGlite yourself).
 *
 * @example
 * findExtensionsInCode('002_search.ts', "await db.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');");
 * // [{ extension: 'pg_trgm', file: '002_search.ts', line: 1 }]
 */
export function findExtensionsInCode(file: string, text: string): ExtensionUse[] {
  // Comment lines are blanked, not removed, so line numbers stay right; a statement may span lines.
  const code = text
    .split('\n')
    .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? '' : line))
    .join('\n');
  return [...code.matchAll(CODE_EXTENSION)].map((match) => ({
    extension: match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!.toLowerCase(),
    file,
    line: code.slice(0, match.index).split('\n').length,
  }));
}

/**
 * The PGlite modules a set of migrations needs, after applying `replace` and `extensions: false`.
 * Throws `UnsupportedExtensionError` (naming the migration, line and extension) for an extension
 * PGlite has no module for and the options do not skip or provide. Returns the migrations,
 * rewritten where the options say so (a skipped statement becomes a comment of the same lines, so
 * line numbers in messages stay right).
 *
 * @example
 * const { migrations, modules } = resolveExtensions(sources, { extensions: { postgis: false } });
 * // modules: [{ name: 'pg_trgm', specifier: '@electric-sql/pglite/contrib/pg_trgm', exportName: 'pg_trgm' }]
 */
export function resolveExtensions<T extends SqlLike | ModuleLike>(
  migrations: readonly T[],
  options: ExtensionOptions & {
    /** Extensions the caller loads itself (e.g. given to PGlite directly): neither looked up nor reported. */
    provided?: Iterable<string>;
  } = {},
): { migrations: T[]; modules: NeededExtension[] } {
  const rewritten = applyExtensionOptions(migrations, options);
  const provided = new Set(options.provided ?? []);
  const modules = new Map<string, NeededExtension>();
  const add = (name: string, use: ExtensionUse) => {
    const override = options.extensions?.[name];
    // `false` for an extension a module creates: the app loads it (or the module copes without it).
    if (BUILT_IN.has(name) || provided.has(name) || modules.has(name) || override === false) return;
    const module = typeof override === 'string' ? { name, specifier: override, exportName: name.replace(/-/g, '_') } : PGLITE_EXTENSION_MODULES[name];
    if (!module) throw new UnsupportedExtensionError(use.file, use.line, name, 'unknown');
    modules.set(name, { ...module, file: use.file, line: use.line });
    for (const required of REQUIRES[name] ?? []) add(required, use);
  };
  for (const use of findExtensionUses(rewritten)) add(use.extension, use);
  return { migrations: rewritten, modules: [...modules.values()] };
}

/**
 * Applies `replace` (a migration's text swapped for another) and `extensions: { name: false }` (its
 * CREATE/DROP EXTENSION statements turned into comments of the same lines) without checking which
 * extensions remain; `resolveExtensions` does both. Throws when `replace` names no SQL migration.
 *
 * @example
 * const sources = applyExtensionOptions(await loadMigrations(dir), { extensions: { postgis: false } });
 */
export function applyExtensionOptions<T extends SqlLike | { file: string; id?: string }>(migrations: readonly T[], options: ExtensionOptions): T[] {
  const replace = new Map(Object.entries(options.replace ?? {}));
  const skipped = new Set(
    Object.entries(options.extensions ?? {})
      .filter(([, value]) => value === false)
      .map(([name]) => name),
  );
  const result = migrations.map((migration) => {
    if (!('sql' in migration)) return migration;
    const id = migration.id ?? parseMigrationFileName(migration.file).id;
    let next = migration as T & SqlLike;
    const replacement = replace.get(id);
    if (replacement !== undefined) {
      replace.delete(id);
      next = { ...next, sql: replacement };
    }
    if (skipped.size > 0) {
      next = { ...next, sql: skipStatements(next.sql, skipped) };
      if (next.downSql !== undefined) next = { ...next, downSql: skipStatements(next.downSql, skipped) };
    }
    return next;
  });
  if (replace.size > 0) {
    throw new PgbootError(
      `The 'replace' option names ${[...replace.keys()].map((id) => `'${id}'`).join(', ')}, but no SQL migration has that id. ` +
        `Use the ids 'pgboot status' lists (for diesel folders, the version without dashes: 20210920140000_create_users).`,
    );
  }
  return result;
}

/** Turns `CREATE/DROP EXTENSION <skipped>` statements into comments spanning the same lines. */
function skipStatements(sql: string, skipped: ReadonlySet<string>): string {
  let out = '';
  let from = 0;
  for (const statement of splitStatements(sql)) {
    const found = parseExtensionStatement(statement);
    if (!found?.names.every((name) => skipped.has(name))) continue;
    const lines = sql.slice(statement.start, statement.end).split('\n').length;
    out += sql.slice(from, statement.start) + `/* pgboot: skipped ${found.verb} EXTENSION ${found.names.join(', ')} */` + '\n'.repeat(lines - 1);
    from = statement.end;
  }
  return out + sql.slice(from);
}

const IDENTIFIER = /^\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))/;

/** Parses `CREATE EXTENSION [IF NOT EXISTS] name ...` and `DROP EXTENSION [IF EXISTS] a, b ...`. */
function parseExtensionStatement(statement: SqlStatement): { verb: 'CREATE' | 'DROP'; names: string[] } | undefined {
  const [verb, noun] = statement.keywords;
  if ((verb !== 'CREATE' && verb !== 'DROP') || noun !== 'EXTENSION') return undefined;
  let rest = withoutComments(statement.text).replace(/^\s*(CREATE|DROP)\s+EXTENSION\s+/i, '');
  rest = rest.replace(verb === 'CREATE' ? /^IF\s+NOT\s+EXISTS\s+/i : /^IF\s+EXISTS\s+/i, '');
  const names: string[] = [];
  for (;;) {
    const match = IDENTIFIER.exec(rest);
    if (!match) break;
    names.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!.toLowerCase());
    rest = rest.slice(match[0].length);
    if (verb === 'CREATE' || !/^\s*,/.test(rest)) break;
    rest = rest.replace(/^\s*,/, '');
  }
  return names.length > 0 ? { verb, names } : undefined;
}

/** Removes comments; the statement's head (keywords and names) holds no strings, so a plain scan is enough there. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}
