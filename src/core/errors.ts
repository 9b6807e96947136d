/**
 * Every error pgboot throws is one of these classes. Each message names the
 * migration file (and line, where there is one) and says what to do next.
 */
export class PgbootError extends Error {
  /** The class's name, kept explicit: a minifier renames classes, and `error.name` must not change. */
  static readonly errorName: string = 'PgbootError';
  /** Path of the migration file the error is about, relative to the migrations folder. */
  readonly file: string | undefined;
  /** 1-based line in `file`, where known. */
  readonly line: number | undefined;
  /**
   * Where the way out is an option: its wording for code (`api`, part of `message`) and for the
   * command line (`cli`), so the `pgboot` command names its flags instead of API options.
   */
  readonly remedy: Remedy | undefined;

  constructor(message: string, options: { file?: string; line?: number; cause?: unknown; remedy?: Remedy } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = (new.target as { errorName?: string }).errorName ?? new.target.name;
    this.file = options.file;
    this.line = options.line;
    this.remedy = options.remedy;
  }
}

/** One piece of advice, worded for code and for the `pgboot` command. */
export interface Remedy {
  /** As it appears in the message, e.g. "pass { onDrift: 'warn' }". */
  api: string;
  /** What the command line says instead, e.g. "run 'pgboot up --allow-drift'". */
  cli: string;
}

function at(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** A file in the migrations folder whose name is not `<version>_<name>.<ext>`. */
export class InvalidMigrationNameError extends PgbootError {
  static override readonly errorName: string = 'InvalidMigrationNameError';
  constructor(file: string, reason: string) {
    super(
      `${file}: ${reason}. Name migration files <version>_<name>.<ext>, where <version> is digits ` +
        `(a 14-digit UTC timestamp such as 20260120154111, or a zero-padded sequence such as 001) and ` +
        `<name> is lowercase letters, digits and underscores; 'pgboot create <name>' writes such a file.`,
      { file },
    );
  }
}

/** Two migrations share one id (the file stem), e.g. `001_init.sql` and `001_init.ts`. */
export class DuplicateMigrationIdError extends PgbootError {
  static override readonly errorName: string = 'DuplicateMigrationIdError';
  readonly id: string;
  readonly files: string[];
  constructor(id: string, files: string[]) {
    super(`Migration id '${id}' is used by ${files.length} files (${files.join(', ')}). ` + `Ids must be unique: rename or delete all but one.`, {
      file: files[1] ?? files[0],
    });
    this.id = id;
    this.files = files;
  }
}

/** The folder mixes 14-digit timestamps with sequence numbers, so their order is meaningless. */
export class MixedVersioningError extends PgbootError {
  static override readonly errorName: string = 'MixedVersioningError';
  constructor(timestampFile: string, sequenceFile: string) {
    super(
      `${sequenceFile}: numbered migration in a folder of timestamped ones (e.g. ${timestampFile}). ` +
        `Sequence numbers and timestamps do not sort against each other: use one style for the whole folder ` +
        `(rename ${sequenceFile} to a 14-digit UTC timestamp, as 'pgboot create' does).`,
      { file: sequenceFile },
    );
  }
}

/** A native SQL migration issues its own BEGIN/COMMIT/ROLLBACK. */
export class OwnTransactionError extends PgbootError {
  static override readonly errorName: string = 'OwnTransactionError';
  readonly statement: string;
  /**
   * `advice`: `'native'` files can opt out with `transaction:false`; `'no-transaction'` sections
   * already have; `'foreign'` layouts have no markers.
   */
  constructor(file: string, line: number, statement: string, advice: 'native' | 'no-transaction' | 'foreign' = 'native') {
    super(
      `${at(file, line)}: '${statement}' controls the transaction itself, but ` +
        (advice === 'no-transaction'
          ? `this section is marked transaction:false, so pgboot already runs each statement on its own, committing it at once. ` +
            `Remove the BEGIN/COMMIT lines.`
          : `pgboot runs each migration in a transaction of its own (and records it in the same one). Remove the BEGIN/COMMIT lines` +
            (advice === 'native'
              ? `; if the statements must run outside any transaction (e.g. CREATE INDEX CONCURRENTLY), start the ` +
                `file with '-- migrate:up transaction:false'.`
              : `: the statements around them already run in that transaction.`)),
      { file, line },
    );
    this.statement = statement;
  }
}

/** The dbmate markers (`-- migrate:up`, `-- migrate:down`) of a SQL file are malformed. */
export class InvalidSqlMigrationError extends PgbootError {
  static override readonly errorName: string = 'InvalidSqlMigrationError';
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${at(file, line)}: ${reason}`, { file, ...(line === undefined ? {} : { line }) });
  }
}

/** A file in the migrations folder is not UTF-8 text: it holds a NUL byte (binary data) or bytes that are not UTF-8. */
export class InvalidFileEncodingError extends PgbootError {
  static override readonly errorName: string = 'InvalidFileEncodingError';
  constructor(file: string, line: number, what: string) {
    super(
      `${at(file, line)}: the file holds ${what}. Migrations are read as UTF-8 text, and nothing was run: ` +
        `save the file as UTF-8 (in most editors: "Save with encoding" -> UTF-8; or iconv -f latin1 -t utf-8), ` +
        `and keep binary data out of the migrations folder.`,
      { file, line },
    );
  }
}

/** A TS/JS migration module does not export what pgboot needs. */
export class InvalidMigrationModuleError extends PgbootError {
  static override readonly errorName: string = 'InvalidMigrationModuleError';
  constructor(file: string, reason: string) {
    super(
      `${file}: ${reason}. A migration module exports 'async function up(db)', and optionally ` +
        `'async function down(db)', 'const transaction = false' and 'const description = "..."'.`,
      { file },
    );
  }
}

const DRIFT_REMEDY: Remedy = { api: "pass { onDrift: 'warn' } to accept the edit.", cli: "run 'pgboot up --allow-drift' to accept the edit." };
const DRIFT_REMEDY_DEV: Remedy = {
  api: "pass { onDrift: 'warn' } to accept the edit; in development, { onDrift: 'redo' } re-runs the newest applied migration when its file changes.",
  cli: DRIFT_REMEDY.cli,
};
const AHEAD_REMEDY: Remedy = { api: "pass { onAhead: 'ignore' }", cli: 'run with --ignore-ahead' };

/** An applied migration's file changed after it ran (its checksum differs from the recorded one). */
export class ChecksumMismatchError extends PgbootError {
  static override readonly errorName: string = 'ChecksumMismatchError';
  readonly drifted: { id: string; file: string; stored: string; current: string }[];
  /**
   * @param note why `onDrift: 'redo'` could not re-run it, when it was asked for
   */
  constructor(drifted: { id: string; file: string; stored: string; current: string }[], note?: string) {
    const first = drifted[0]!;
    // The code's way out also names 'redo' (development); the CLI's names its flag only.
    const remedy = note === undefined ? DRIFT_REMEDY_DEV : DRIFT_REMEDY;
    super(
      `${first.file}: this migration was applied with checksum ${first.stored.slice(0, 12)}, but the file now has ` +
        `${first.current.slice(0, 12)}` +
        (drifted.length > 1
          ? ` (and ${drifted.length - 1} more drifted: ${drifted
              .slice(1)
              .map((d) => d.file)
              .join(', ')})`
          : '') +
        `. Editing an applied migration does not re-run it: restore the file and put the change in a new ` +
        `migration, or ${remedy.api}` +
        (note === undefined ? '' : ` ${note}`),
      { file: first.file, remedy },
    );
    this.drifted = drifted;
  }
}

/** The database holds migrations this build does not know: it is ahead of the app. */
export class DatabaseAheadError extends PgbootError {
  static override readonly errorName: string = 'DatabaseAheadError';
  readonly unknown: string[];
  constructor(unknown: string[]) {
    super(
      `The database has ${unknown.length} migration(s) this build does not include (${unknown.join(', ')}). ` +
        `It was migrated by a newer version of the app: reload to get the newest build, or ` +
        `${AHEAD_REMEDY.api} if this build is known to work with the newer schema.`,
      { file: unknown[0], remedy: AHEAD_REMEDY },
    );
    this.unknown = unknown;
  }
}

/** A pending migration sorts before the newest applied one and `outOfOrder: 'error'` was asked for. */
export class OutOfOrderMigrationError extends PgbootError {
  static override readonly errorName: string = 'OutOfOrderMigrationError';
  readonly outOfOrder: string[];
  constructor(outOfOrder: { id: string; file: string }[], newestApplied: string) {
    super(
      `${outOfOrder[0]!.file}: pending, but it sorts before '${newestApplied}', which is already applied ` +
        `(${outOfOrder.length} such migration(s): ${outOfOrder.map((m) => m.id).join(', ')}). ` +
        `Give it a newer version (rename the file), or pass { outOfOrder: 'apply' } to run it anyway.`,
      { file: outOfOrder[0]!.file },
    );
    this.outOfOrder = outOfOrder.map((m) => m.id);
  }
}

/** A rollback would pass through a migration that has no `down`. */
export class IrreversibleMigrationError extends PgbootError {
  static override readonly errorName: string = 'IrreversibleMigrationError';
  readonly id: string;
  constructor(id: string, file: string, reason = 'has no down migration') {
    super(
      `${file}: ${reason}, so the rollback stops before running anything. Add ` +
        `'-- migrate:down' (SQL) or 'export async function down(db)' (TS), or roll back to a later migration.`,
      { file },
    );
    this.id = id;
  }
}

/** A rollback target (`to`) names no applied migration. */
export class UnknownMigrationTargetError extends PgbootError {
  static override readonly errorName: string = 'UnknownMigrationTargetError';
  constructor(target: string, reason: string, remedy?: Remedy) {
    super(`Cannot use '${target}' as a target: ${reason}.`, remedy === undefined ? {} : { remedy });
  }
}

/** The Postgres side of a failed migration, as PGlite reported it. */
export interface PostgresErrorDetails {
  code: string | undefined;
  message: string;
  /** 1-based character position within the failing statement, as Postgres reports it. */
  position: number | undefined;
  detail: string | undefined;
  hint: string | undefined;
}

/** The outcome of one migration within a `migrate` or `rollback` call. */
export interface MigrationResult {
  id: string;
  direction: 'up' | 'down';
  status: 'applied' | 'reverted' | 'failed';
  durationMs: number;
  /**
   * A failed migration of a foreign layout whose own COMMIT had already made its statements up to
   * this line permanent (they stay, without a `_migrations` row; the rest was rolled back).
   */
  committedThroughLine?: number;
  /**
   * A failed `transaction:false` migration: how many of its statements had run (each committing on
   * its own) before the failing one, from `committedFromLine` through `committedThroughLine`. They stay.
   */
  committedStatements?: number;
  committedFromLine?: number;
}

/** A migration failed while running: it was rolled back, nothing after it ran, earlier ones stay. */
export class MigrationError extends PgbootError {
  static override readonly errorName: string = 'MigrationError';
  readonly id: string;
  readonly direction: 'up' | 'down';
  /** The statement Postgres rejected (for SQL files, the one statement; for modules, the query they sent). */
  readonly statement: string | undefined;
  /** Postgres's error; undefined when the failure came from JavaScript (a module that threw). */
  readonly postgres: PostgresErrorDetails | undefined;
  /** Per-migration results of this call so far, the failed one last. */
  readonly results: MigrationResult[];
  /** Set when the file's own COMMIT had made part of it permanent before it failed (foreign layouts): the last line committed. */
  readonly committedThroughLine: number | undefined;

  constructor(args: {
    id: string;
    file: string;
    direction: 'up' | 'down';
    line: number | undefined;
    statement: string | undefined;
    postgres: PostgresErrorDetails | undefined;
    results: MigrationResult[];
    cause: unknown;
  }) {
    const reason = failureReason(args.postgres, args.cause);
    const statement = args.statement ? `\n  in statement: ${oneLine(args.statement)}` : '';
    const failed = args.results.at(-1);
    const committedThroughLine = failed?.committedThroughLine;
    const outcome =
      failed?.committedStatements !== undefined
        ? `It runs with transaction:false, so each statement committed on its own: the first ${failed.committedStatements} statement(s) ` +
          `(lines ${failed.committedFromLine}-${committedThroughLine}) ran and stay applied, but the migration is not recorded as applied. ` +
          `Make the file safe to run again (e.g. IF NOT EXISTS) or undo them by hand; nothing after it ran`
        : committedThroughLine === undefined
          ? `It was rolled back and nothing after it ran`
          : `Its own COMMIT had already made its statements up to line ${committedThroughLine} permanent: they stay, ` +
            `but the migration is not recorded as applied, so undo them (or finish the migration) by hand before running again. ` +
            `The rest of it was rolled back and nothing after it ran`;
    super(
      `${at(args.file, args.line)}: migration ${args.direction === 'down' ? 'down ' : ''}failed: ${reason}${statement}\n` +
        `${outcome}; ${countApplied(args.results)} earlier migration(s) of this run stay applied. ` +
        `Fix the file and run again.`,
      { file: args.file, ...(args.line === undefined ? {} : { line: args.line }), cause: args.cause },
    );
    this.id = args.id;
    this.direction = args.direction;
    this.statement = args.statement;
    this.postgres = args.postgres;
    this.results = args.results;
    this.committedThroughLine = committedThroughLine;
  }
}

/**
 * Why a migration failed, in one line: Postgres's message and SQLSTATE, or the JavaScript error.
 * The one wording of it, used by `MigrationError` and by the `failed` history entry.
 */
export function failureReason(postgres: PostgresErrorDetails | undefined, cause: unknown): string {
  const unawaited = cause instanceof UnawaitedQueryError ? ` in a query that was not awaited (put 'await' before it)` : '';
  if (postgres) return `${postgres.message}${postgres.code ? ` (SQLSTATE ${postgres.code})` : ''}${unawaited}`;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}

function countApplied(results: MigrationResult[]): number {
  return results.filter((r) => r.status !== 'failed').length;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/**
 * A TS/JS migration started a query without awaiting it, and the query failed. pgboot waits for
 * every query a migration issued before recording it, so the failure is reported as the migration's.
 */
export class UnawaitedQueryError extends PgbootError {
  static override readonly errorName: string = 'UnawaitedQueryError';
  /** The query's text, as the migration passed it. */
  readonly query: string;
  constructor(query: string, cause: unknown) {
    super(
      `A query the migration did not await failed (${cause instanceof Error ? cause.message : String(cause)}): ${oneLine(query)}. ` +
        `Put 'await' before every db.query / db.exec / db.sql call in the migration.`,
      { cause },
    );
    this.query = query;
  }
}

const LOCK_REMEDY: Remedy = { api: 'pass a longer lockTimeout, in ms', cli: 'pass --lock-timeout <ms>' };

/** Another tab or process holds the database open; a second PGlite instance would corrupt it. */
export class DatabaseLockedError extends PgbootError {
  static override readonly errorName: string = 'DatabaseLockedError';
  /** The database name (browser) or data directory (Node). */
  readonly database: string;
  constructor(database: string, holder: string) {
    super(
      `The database '${database}' is open in ${holder}. Only one PGlite instance may open it at a time ` +
        `(two would corrupt it): close the other one, or wait for it (${LOCK_REMEDY.api}).`,
      { remedy: LOCK_REMEDY },
    );
    this.database = database;
  }
}

/**
 * A database path (a Node data directory, the CLI's `--db`) that pgboot will not open: a file,
 * a folder of other files, a folder this process may not read and write, or one PGlite cannot open.
 */
export class DataDirectoryError extends PgbootError {
  static override readonly errorName: string = 'DataDirectoryError';
  /** The data directory, as an absolute path. */
  readonly dataDir: string;
  readonly reason: 'not-a-directory' | 'not-a-database' | 'permission' | 'unreadable';
  constructor(dataDir: string, reason: DataDirectoryError['reason'], what: string, cause?: unknown) {
    const advice = {
      'not-a-directory': `A database lives in a folder of its own: point the database path (the CLI's --db, dataDir in code) at a folder that does not exist yet or at an existing database.`,
      'not-a-database': `pgboot creates a database only in a new or empty folder, so it never writes among other files; nothing was written. Point the database path (the CLI's --db, dataDir in code) at a new folder, or empty this one.`,
      permission: `Nothing was written. Run as the user that owns the database, or give this user access (e.g. chown -R or chmod -R u+rwX on the folder), or choose a database path this user may write.`,
      unreadable: `If the database's files were damaged or partly deleted, restore the folder from a backup, or delete it to start a new database (its data is lost).`,
    }[reason];
    super(`Cannot use ${dataDir} as a database: ${what}. ${advice}`, cause === undefined ? {} : { cause });
    this.dataDir = dataDir;
    this.reason = reason;
  }
}

/**
 * The browser's storage failed the database: the site's storage quota is used up
 * (`QuotaExceededError` while PGlite saved to IndexedDB), IndexedDB failed a save otherwise
 * (`'save-failed'`: Chromium's `UnknownError` for a large write over the quota), its files in IndexedDB are missing or
 * damaged (deleted or truncated by hand, a browser that cleared part of the site's data), or PGlite
 * could not open files that look complete (`'unopenable'`: e.g. an extension it needs was not passed).
 */
export class DatabaseStorageError extends PgbootError {
  static override readonly errorName: string = 'DatabaseStorageError';
  /** The database name (IndexedDB `/pglite/<name>`). */
  readonly database: string;
  readonly reason: 'quota' | 'save-failed' | 'damaged' | 'unopenable';
  constructor(database: string, reason: DatabaseStorageError['reason'], cause: unknown, damage?: string) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const where = `The database '${database}' (IndexedDB /pglite/${database})`;
    const reset = `dev panel: Reset database, or resetDatabase('${database}')`;
    super(
      reason === 'quota'
        ? `${where} could not be saved: the browser's storage quota for this site is used up (${detail}). ` +
            `What this boot changed was not saved; the database stays as it was last saved. Free space (delete other data of this site, or ask the browser ` +
            `for persistent storage with navigator.storage.persist()), then reload; or reset the database (${reset}).`
        : reason === 'save-failed'
          ? `${where} could not be saved: IndexedDB failed the write (${detail}). The usual cause is a full storage quota or disk ` +
            `(Chromium reports a large write over the quota this way). What this boot changed was not saved; the database stays as it was last saved. ` +
            `Free space (delete other data of this site, or ask for persistent storage with navigator.storage.persist()), then reload; or reset the database (${reset}).`
          : reason === 'damaged'
            ? `${where} could not be opened: its files in IndexedDB are missing or damaged (${damage ?? 'see the cause'}; PGlite: ${detail}). ` +
              `Restore a snapshot (dev panel: Snapshots, Restore) or reset the database, which deletes it and starts a new one (${reset}); ` +
              `its data is lost unless a snapshot has it.`
            : `${where} could not be opened (${detail}), though its files in IndexedDB look complete. Pass the same extensions it was created with ` +
              `(a database that uses an extension cannot open without it), and open it with the PGlite version that wrote it. ` +
              `If neither is the cause, restore a snapshot or reset the database (${reset}); its data is lost unless a snapshot has it.`,
      { cause },
    );
    this.database = database;
    this.reason = reason;
  }
}

/** A migrations folder in another tool's layout (e.g. drizzle-kit's) is malformed or incomplete. */
export class InvalidMigrationFolderError extends PgbootError {
  static override readonly errorName: string = 'InvalidMigrationFolderError';
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`, { file });
  }
}

/**
 * drizzle-orm's migrator recorded migrations that match none of the bundled ones, so pgboot
 * cannot tell which of the bundled migrations are already in the schema.
 */
export class UnmatchedDrizzleMigrationError extends PgbootError {
  static override readonly errorName: string = 'UnmatchedDrizzleMigrationError';
  /** The unmatched rows of drizzle's table. */
  readonly rows: { id: number; hash: string; createdAt: number | null; name: string | null }[];
  constructor(table: string, rows: { id: number; hash: string; createdAt: number | null; name: string | null }[]) {
    const shown = rows
      .slice(0, 3)
      .map((r) => `id ${r.id}${r.name ? ` '${r.name}'` : ''}: hash ${r.hash.slice(0, 12)}, created_at ${r.createdAt ?? 'null'}`)
      .join('; ');
    super(
      `${table} records ${rows.length} migration(s) that match no bundled migration (${shown}${rows.length > 3 ? '; ...' : ''}). ` +
        `pgboot cannot tell whether the bundled migrations are already in the schema, so it adopted and ran nothing. ` +
        `Bundle the drizzle-kit folder those migrations came from, or ${AHEAD_REMEDY.api} to adopt the ones that match and run the rest.`,
      { remedy: AHEAD_REMEDY },
    );
    this.rows = rows;
  }
}

/**
 * Adopting the history another migration tool kept (golang-migrate, dbmate, Prisma, diesel) finds
 * recorded migrations that no bundled migration matches, so pgboot cannot tell which bundled
 * migrations are already in the schema. (drizzle's own case is `UnmatchedDrizzleMigrationError`.)
 */
export class UnmatchedToolMigrationError extends PgbootError {
  static override readonly errorName: string = 'UnmatchedToolMigrationError';
  readonly tool: string;
  readonly table: string;
  /** The tool's names for the unmatched migrations (versions, or Prisma's migration names). */
  readonly migrations: string[];
  constructor(tool: string, table: string, migrations: string[]) {
    const shown = migrations
      .slice(0, 3)
      .map((m) => `'${m}'`)
      .join(', ');
    super(
      `${table} (${tool}) records ${migrations.length} migration(s) that match no bundled migration (${shown}${migrations.length > 3 ? ', ...' : ''}). ` +
        `pgboot cannot tell whether the bundled migrations are already in the schema, so it adopted and ran nothing. ` +
        `Bundle the migrations folder ${tool} ran, or pass { onAhead: 'ignore' } to adopt the ones that match and run the rest.`,
    );
    this.tool = tool;
    this.table = table;
    this.migrations = migrations;
  }
}

/**
 * Another migration tool recorded a migration that did not finish (golang-migrate's dirty
 * version, a Prisma migration that failed or was rolled back): the schema may hold part of it,
 * so pgboot adopts and runs nothing until that tool's record is put right.
 */
export class UnfinishedToolMigrationError extends PgbootError {
  static override readonly errorName: string = 'UnfinishedToolMigrationError';
  readonly tool: string;
  readonly table: string;
  /** The tool's name for the migration (golang-migrate's version, Prisma's migration name). */
  readonly migration: string;
  constructor(tool: string, table: string, migration: string, what: string, todo: string, file?: string) {
    super(`${table} (${tool}) records ${what}, so the schema may hold part of it; pgboot adopted and ran nothing. ${todo}`, file === undefined ? {} : { file });
    this.tool = tool;
    this.table = table;
    this.migration = migration;
  }
}

/**
 * A migration creates an extension PGlite has no module for (`reason: 'unknown'`), or whose
 * module is not installed (`'not-installed'`, e.g. `vector` without `@electric-sql/pglite-pgvector`).
 */
export class UnsupportedExtensionError extends PgbootError {
  static override readonly errorName: string = 'UnsupportedExtensionError';
  readonly extension: string;
  readonly reason: 'unknown' | 'not-installed';
  constructor(file: string, line: number | undefined, extension: string, reason: 'unknown' | 'not-installed', specifier?: string) {
    const what =
      reason === 'unknown'
        ? `PGlite has no module for the extension '${extension}', so a database that runs this migration could not be created or reopened`
        : `the extension '${extension}' needs ${specifier ?? 'its PGlite module'}, which is not installed: npm install ${specifier ?? `the module for ${extension}`}`;
    super(
      `${at(file, line)}: CREATE EXTENSION ${extension}: ${what}. ` +
        (reason !== 'unknown'
          ? `Or skip it with the option extensions: { ${JSON.stringify(extension)}: false }.`
          : /\.[cm]?[jt]s$/.test(file)
            ? // Found in a TS/JS module's code, which pgboot cannot rewrite.
              `Change the module so it does not create it, load a module that provides it with extensions: { ${JSON.stringify(extension)}: '<module specifier>' }, ` +
              `or, if that code never runs in PGlite, tell pgboot not to load it with extensions: { ${JSON.stringify(extension)}: false }.`
            : `To build anyway, skip the statement with the option extensions: { ${JSON.stringify(extension)}: false } (the rest of the migration runs), ` +
              `replace the migration's SQL with replace: { '<migration id>': '...' }, or load a module that provides it with extensions: { ${JSON.stringify(extension)}: '<module specifier>' }.`),
      { file, ...(line === undefined ? {} : { line }) },
    );
    this.extension = extension;
    this.reason = reason;
  }
}

/**
 * Worker mode: another tab runs a newer build of the app, which migrates (or has migrated) the
 * shared database past this build. This tab's queries are refused rather than run against a
 * schema it does not know.
 */
export class NewerVersionError extends PgbootError {
  static override readonly errorName: string = 'NewerVersionError';
  /** The newest migration of the newer build. */
  readonly head: string;
  constructor(database: string, head: string) {
    super(
      `The database '${database}' is used by a newer version of this app (its newest migration is '${head}'), ` +
        `open in another tab. This tab runs an older build, so its queries are refused: reload it to get the newest build.`,
      { file: head },
    );
    this.head = head;
  }
}

/** Worker mode: the tab lost its connection to the database's worker (it failed to start, or stopped). */
export class DatabaseWorkerError extends PgbootError {
  static override readonly errorName: string = 'DatabaseWorkerError';
  readonly database: string;
  constructor(database: string, reason: string, options: { cause?: unknown } = {}) {
    super(`The database '${database}' is not reachable from this tab: ${reason}`, options);
    this.database = database;
  }
}

/** A snapshot id that is not (or no longer) stored, e.g. one pruned by `keep`. */
export class SnapshotNotFoundError extends PgbootError {
  static override readonly errorName: string = 'SnapshotNotFoundError';
  readonly database: string;
  readonly id: string;
  constructor(database: string, id: string) {
    super(
      `No snapshot '${id}' of database '${database}' is stored (it was deleted, or pruned to keep the newest ones). ` +
        `Call listSnapshots({ name: '${database}' }) for those that exist.`,
    );
    this.database = database;
    this.id = id;
  }
}
