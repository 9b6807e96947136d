/** Default migrations folder, relative to the working directory. */
export const DEFAULT_DIR = 'migrations';
/** Default development database on disk, relative to the working directory. */
export const DEFAULT_DB = '.pgboot/dev-db';

const COMMON = `  --dir <path>        migrations folder (default: ${DEFAULT_DIR})
  --db <path>         PGlite data directory on disk (default: ${DEFAULT_DB})
  --extension <name>  a PGlite extension the migrations use, e.g. pg_trgm (repeatable)
  --lock-timeout <ms> wait this long for another process that has the database open (default: 0)
  -h, --help          show this help`;

const EXIT_CODES = `Exit codes: 0 success, 1 failure, 2 wrong usage.`;

export const HELP: Record<string, string> = {
  main: `pgboot: migrations for PGlite databases (browser, Electron, Node)

Usage: pgboot <command> [options]

Commands:
  create <name>   write a new, empty migration file named with the current UTC time
  status          list every migration: applied, pending, drifted, unknown
  up              apply pending migrations to the database on disk
  down            roll back applied migrations (the newest one by default)
  check           validate the migrations folder and run it from scratch in memory (for CI)

Run 'pgboot <command> --help' for a command's options.
Colours are used on a terminal only; NO_COLOR=1 turns them off, FORCE_COLOR=1 forces them.
${EXIT_CODES}`,

  create: `Usage: pgboot create <name> [--sql | --ts] [--dir <path>]

Writes <dir>/<YYYYMMDDHHmmss>_<name>.sql (or .ts) from a short commented template. The version
is the current UTC time, moved on by a second when it is not newer than every migration in the
folder, so it never reuses one. In a folder numbered 001, 002, ... it is the next number.
<name> is lowercase words joined by underscores, e.g. add_user_preferences.

Options:
  --sql               a SQL file with -- migrate:up / -- migrate:down sections (default)
  --ts                a TypeScript module exporting up(db) and down(db)
  --dir <path>        migrations folder, created if missing (default: ${DEFAULT_DIR})
  -h, --help          show this help

${EXIT_CODES}`,

  status: `Usage: pgboot status [--json] [--dir <path>] [--db <path>]

Lists every migration with its state against the database: applied (with time and duration),
pending, drifted (applied, but the file changed since) or unknown (applied, but no longer in
the folder), then totals. A database that does not exist yet is not created.

Options:
  --json              print a JSON document instead of a table
${COMMON}

${EXIT_CODES}`,

  up: `Usage: pgboot up [--to <id>] [--dir <path>] [--db <path>]

Applies pending migrations, each in its own transaction, creating the database if needed.
Stops at the first failure: that migration is rolled back, the ones before it stay applied.

Options:
  --to <id>           apply up to and including this migration
  --allow-drift       warn about applied migrations whose file changed, instead of failing
  --ignore-ahead      go on when the database has migrations the folder lacks
${COMMON}

${EXIT_CODES}`,

  down: `Usage: pgboot down [--steps <n> | --to <id>] [--dir <path>] [--db <path>]

Rolls back applied migrations, newest first, each in its own transaction. Without options it
rolls back the newest one. Nothing runs if a migration on the way has no down.

Options:
  --steps <n>         roll back the newest n migrations
  --to <id>           roll back every migration applied after <id>; --to 0 rolls back all
${COMMON}

${EXIT_CODES}`,

  check: `Usage: pgboot check [--json] [--strict] [--dir <path>]

Validates the migrations folder for CI without touching any database on disk:
  errors:   file names, repeated ids, mixed numbering, BEGIN/COMMIT in SQL files, malformed
            -- migrate: markers, modules that do not load or do not export up();
            then the whole history applied one by one to a fresh in-memory database, each
            migration with a down rolled back right after its up (the schema must be as it was
            before the up) and applied again
  warnings: two migrations sharing a version, migrations without a down, SQL files whose up
            section has no statements (a template from 'pgboot create' left empty)

Options:
  --json              print a JSON report
  --strict            fail on warnings too
  --dir <path>        migrations folder (default: ${DEFAULT_DIR})
  --extension <name>  a PGlite extension the migrations use, e.g. pg_trgm (repeatable)
  --lock-timeout <ms> wait this long for another process that has the database open (default: 0)
  -h, --help          show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage.`,
};
