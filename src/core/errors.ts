/**
 * Every error pgboot throws is one of these classes. Each message names the
 * migration file (and line, where there is one) and says what to do next.
 */
export class PgbootError extends Error {
  /** Path of the migration file the error is about, relative to the migrations folder. */
  readonly file: string | undefined;
  /** 1-based line in `file`, where known. */
  readonly line: number | undefined;

  constructor(message: string, options: { file?: string; line?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.file = options.file;
    this.line = options.line;
  }
}

function at(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** A file in the migrations folder whose name is not `<version>_<name>.<ext>`. */
export class InvalidMigrationNameError extends PgbootError {
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
  readonly id: string;
  readonly files: string[];
  constructor(id: string, files: string[]) {
    super(
      `Migration id '${id}' is used by ${files.length} files (${files.join(', ')}). ` +
        `Ids must be unique: rename or delete all but one.`,
      { file: files[1] ?? files[0] },
    );
    this.id = id;
    this.files = files;
  }
}

/** The folder mixes 14-digit timestamps with sequence numbers, so their order is meaningless. */
export class MixedVersioningError extends PgbootError {
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
  readonly statement: string;
  /** `markers`: whether the file is a native one, which can opt out with `transaction:false`. */
  constructor(file: string, line: number, statement: string, markers = true) {
    super(
      `${at(file, line)}: '${statement}' controls the transaction itself, but pgboot runs each migration in a ` +
        `transaction of its own (and records it in the same one). Remove the BEGIN/COMMIT lines` +
        (markers
          ? `; if the statements must run outside any transaction (e.g. CREATE INDEX CONCURRENTLY), start the ` +
            `file with '-- migrate:up transaction:false'.`
          : `: the statements around them already run in that transaction.`),
      { file, line },
    );
    this.statement = statement;
  }
}

/** The dbmate markers (`-- migrate:up`, `-- migrate:down`) of a SQL file are malformed. */
export class InvalidSqlMigrationError extends PgbootError {
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${at(file, line)}: ${reason}`, { file, ...(line === undefined ? {} : { line }) });
  }
}

/** A TS/JS migration module does not export what pgboot needs. */
export class InvalidMigrationModuleError extends PgbootError {
  constructor(file: string, reason: string) {
    super(
      `${file}: ${reason}. A migration module exports 'async function up(db)', and optionally ` +
        `'async function down(db)', 'const transaction = false' and 'const description = "..."'.`,
      { file },
    );
  }
}

/** An applied migration's file changed after it ran (its checksum differs from the recorded one). */
export class ChecksumMismatchError extends PgbootError {
  readonly drifted: { id: string; file: string; stored: string; current: string }[];
  /**
   * @param note why `onDrift: 'redo'` could not re-run it, when it was asked for
   */
  constructor(drifted: { id: string; file: string; stored: string; current: string }[], note?: string) {
    const first = drifted[0]!;
    super(
      `${first.file}: this migration was applied with checksum ${first.stored.slice(0, 12)}, but the file now has ` +
        `${first.current.slice(0, 12)}` +
        (drifted.length > 1 ? ` (and ${drifted.length - 1} more drifted: ${drifted.slice(1).map((d) => d.file).join(', ')})` : '') +
        `. Editing an applied migration does not re-run it: restore the file and put the change in a new ` +
        `migration, or pass { onDrift: 'warn' } to accept the edit` +
        (note === undefined
          ? `; in development, { onDrift: 'redo' } re-runs the newest applied migration when its file changes.`
          : `. ${note}`),
      { file: first.file },
    );
    this.drifted = drifted;
  }
}

/** The database holds migrations this build does not know: it is ahead of the app. */
export class DatabaseAheadError extends PgbootError {
  readonly unknown: string[];
  constructor(unknown: string[]) {
    super(
      `The database has ${unknown.length} migration(s) this build does not include (${unknown.join(', ')}). ` +
        `It was migrated by a newer version of the app: reload to get the newest build, or pass ` +
        `{ onAhead: 'ignore' } if this build is known to work with the newer schema.`,
      { file: unknown[0] },
    );
    this.unknown = unknown;
  }
}

/** A pending migration sorts before the newest applied one and `outOfOrder: 'error'` was asked for. */
export class OutOfOrderMigrationError extends PgbootError {
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
  constructor(target: string, reason: string) {
    super(`Cannot use '${target}' as a target: ${reason}.`);
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
}

/** A migration failed while running: it was rolled back, nothing after it ran, earlier ones stay. */
export class MigrationError extends PgbootError {
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
    const reason = args.postgres
      ? `${args.postgres.message}${args.postgres.code ? ` (SQLSTATE ${args.postgres.code})` : ''}`
      : args.cause instanceof Error
        ? `${args.cause.name}: ${args.cause.message}`
        : String(args.cause);
    const statement = args.statement ? `\n  in statement: ${oneLine(args.statement)}` : '';
    const committedThroughLine = args.results.at(-1)?.committedThroughLine;
    const outcome =
      committedThroughLine === undefined
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

function countApplied(results: MigrationResult[]): number {
  return results.filter((r) => r.status !== 'failed').length;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/** Another tab or process holds the database open; a second PGlite instance would corrupt it. */
export class DatabaseLockedError extends PgbootError {
  /** The database name (browser) or data directory (Node). */
  readonly database: string;
  constructor(database: string, holder: string) {
    super(
      `The database '${database}' is open in ${holder}. Only one PGlite instance may open it at a time ` +
        `(two would corrupt it): close the other one, or wait for it (pass a longer lock timeout).`,
    );
    this.database = database;
  }
}

/** A migrations folder in another tool's layout (e.g. drizzle-kit's) is malformed or incomplete. */
export class InvalidMigrationFolderError extends PgbootError {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`, { file });
  }
}

/**
 * drizzle-orm's migrator recorded migrations that match none of the bundled ones, so pgboot
 * cannot tell which of the bundled migrations are already in the schema.
 */
export class UnmatchedDrizzleMigrationError extends PgbootError {
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
        `Bundle the drizzle-kit folder those migrations came from, or pass { onAhead: 'ignore' } to adopt the ones that match and run the rest.`,
    );
    this.rows = rows;
  }
}

/**
 * A migration creates an extension PGlite has no module for (`reason: 'unknown'`), or whose
 * module is not installed (`'not-installed'`, e.g. `vector` without `@electric-sql/pglite-pgvector`).
 */
export class UnsupportedExtensionError extends PgbootError {
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
