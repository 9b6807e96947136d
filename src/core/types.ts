import type { PGliteInterface, Results } from '@electric-sql/pglite';

/** The handle a TS/JS migration receives: the PGlite transaction it runs in. */
export interface MigrationDb {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  sql<T = Record<string, unknown>>(strings: TemplateStringsArray, ...params: unknown[]): Promise<Results<T>>;
}

/** What a TS/JS migration module exports. */
export interface MigrationModule {
  up: (db: MigrationDb) => Promise<void> | void;
  down?: (db: MigrationDb) => Promise<void> | void;
  /** `false` runs the migration outside a transaction (e.g. for CREATE INDEX CONCURRENTLY). */
  transaction?: boolean;
  description?: string;
}

/**
 * One migration as a loader hands it over: the Node folder loader and the Vite plugin
 * (`virtual:pgboot/migrations`) both produce an array of these. The core never reads files.
 */
export type MigrationSource = SqlMigrationSource | ModuleMigrationSource;

export interface SqlMigrationSource {
  /** Path relative to the migrations folder, used for the id and in every message. */
  file: string;
  /** The file's whole text (with dbmate's `-- migrate:up` / `-- migrate:down` markers, if any). */
  sql: string;
  /** SHA-256 hex of the text with CRLF turned into LF; computed from `sql` when absent. */
  checksum?: string;
  /** Overrides the id derived from the file name (for layouts whose ids live elsewhere). */
  id?: string;
  /**
   * For layouts that keep the down migration in a file of its own (golang-migrate, diesel):
   * its text. When set, `sql` is the up text only and no dbmate markers are looked for.
   */
  downSql?: string;
  /** The file `downSql` came from, for messages. */
  downFile?: string;
  /** `false`: `sql` is plain SQL, dbmate markers are not looked for (foreign layouts). Default `true`. */
  markers?: boolean;
  /**
   * `'allow'`: BEGIN/COMMIT in the file run as written, as the layout's own tool runs them
   * (foreign layouts). Default `'reject'`: the native format leaves transactions to pgboot.
   */
  ownTransactions?: 'reject' | 'allow';
  /**
   * `false`: both directions run outside a transaction, statement by statement (e.g. diesel's
   * `run_in_transaction = false`). For markers-free texts; dbmate markers carry their own option.
   */
  transaction?: false;
  /**
   * drizzle-kit layouts: the `created_at` drizzle-orm's migrator records for this migration (the
   * journal's `when`, or the folder's timestamp in ms), so a database it migrated can be adopted
   * even when the file was edited since.
   */
  drizzleCreatedAt?: number;
  /**
   * diesel layout: the version diesel records for this migration. pgboot keeps diesel's
   * `__diesel_schema_migrations` as diesel does (the version inserted going up, deleted going
   * down, in the migration's transaction), so diesel and pgboot agree about the database.
   */
  dieselVersion?: string;
}

export interface ModuleMigrationSource {
  file: string;
  /** The module's exports, or a function that imports them. */
  module: MigrationModule | (() => Promise<MigrationModule>);
  /** SHA-256 hex of the module's source text with CRLF turned into LF (loaders compute it). */
  checksum: string;
  id?: string;
  /**
   * `CREATE EXTENSION` statements found in the module's source text by the loader
   * (`findExtensionsInCode`), so the extensions get loaded as for SQL files.
   */
  extensionUses?: readonly ExtensionUse[];
}

/** A step of a migration, ready to run. */
export type MigrationStep =
  | {
      kind: 'sql';
      sql: string;
      /** 1-based line of `sql`'s first character in the file */
      line: number;
      /** The text issues its own BEGIN/COMMIT/ROLLBACK (allowed in foreign layouts): run statement by statement. */
      ownTransactions?: boolean;
    }
  | { kind: 'function'; run: (db: MigrationDb) => Promise<void> | void };

/** A validated migration, as the engine runs it. */
export interface Migration {
  id: string;
  /** The digits before the first underscore. */
  version: string;
  name: string;
  file: string;
  checksum: string;
  /** `false`: statements run one by one, outside any transaction. */
  transaction: boolean;
  /** Same as `transaction`, for the down step. */
  downTransaction: boolean;
  description: string | undefined;
  up: MigrationStep;
  down: MigrationStep | undefined;
  /** diesel layout: the version kept in `__diesel_schema_migrations` (see `SqlMigrationSource.dieselVersion`). */
  dieselVersion?: string;
  /**
   * Its up has no statements (a SQL file holding only comments and whitespace, e.g. the template
   * of `pgboot create` not written yet). See `planMigrations` for when it waits.
   */
  empty: boolean;
}

/** A non-fatal finding about the migration set, e.g. two files sharing one version. */
export interface MigrationWarning {
  file: string;
  message: string;
}

/** Any PGlite instance: `PGlite`, `PGliteWorker`, or something with the same interface. */
export type Database = PGliteInterface;

/** One row of `_migrations`. */
export interface AppliedMigration {
  id: string;
  version: string;
  name: string;
  checksum: string;
  appliedAt: Date;
  durationMs: number;
  appBuild: string | null;
}

/** A `CREATE EXTENSION` found in a migration. */
export interface ExtensionUse {
  extension: string;
  file: string;
  /** 1-based line in `file`. */
  line: number;
}
