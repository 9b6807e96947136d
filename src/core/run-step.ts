import { UnawaitedQueryError, type PostgresErrorDetails } from './errors.js';
import { trackQueries } from './tracked-handle.js';
import type { Session } from './session.js';
import { isTransactionControl, lineAt, splitStatements, type SqlStatement } from './sql-lexer.js';
import type { MigrationStep } from './types.js';

/** Where and why a step failed, for `MigrationError`. */
export interface StepFailure {
  error: unknown;
  statement: string | undefined;
  line: number | undefined;
  postgres: PostgresErrorDetails | undefined;
  /** The file's own COMMIT (or, with `transaction:false`, each statement) had made its statements up to this line permanent before it failed. */
  committedThroughLine?: number | undefined;
  /** `transaction:false`: how many statements ran (and stay) before the failing one, from `firstLine`. */
  committedStatements?: number | undefined;
  firstLine?: number | undefined;
}

/** A statement of an own-transaction step failed; carries where, so no replay is needed. */
class StatementFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly statement: SqlStatement,
    readonly committedThroughLine: number | undefined,
  ) {
    super('statement failed');
  }
}

/**
 * Runs one step inside the session's open transaction. A SQL step goes to Postgres as one
 * text, so Postgres (not pgboot) parses it. Throws the raw error; `describeFailure` explains it.
 */
export async function runStepInTransaction(session: Session, step: MigrationStep): Promise<void> {
  if (step.kind === 'function') await runFunction(session, step);
  else if (step.ownTransactions) await runWithOwnTransactions(session, step);
  else await session.exec(step.sql);
}

/**
 * Runs a foreign-layout file that issues its own BEGIN/COMMIT/ROLLBACK, statement by statement,
 * so that pgboot's transaction follows the file's: its BEGIN joins the transaction pgboot already
 * opened, its COMMIT (or ROLLBACK) really ends it, and pgboot opens the next one at once (`session.next`), so the
 * statements after it, and the migration's `_migrations` row, commit together. A COMMIT followed
 * by nothing but transaction control is left to pgboot's own commit, so a file wrapped in
 * `BEGIN; ... COMMIT;` stays atomic with its row. Throws `StatementFailure` naming the statement.
 */
async function runWithOwnTransactions(session: Session, step: MigrationStep & { kind: 'sql' }): Promise<void> {
  const statements = splitStatements(step.sql);
  let lastWork = -1;
  statements.forEach((statement, index) => {
    if (!isTransactionControl(statement)) lastWork = index;
  });
  let committedThroughLine: number | undefined;
  for (const [index, statement] of statements.entries()) {
    try {
      if (!isTransactionControl(statement)) {
        await session.exec(statement.text);
      } else if (isOpening(statement)) {
        // Joins the transaction pgboot always has open.
      } else if (isCommit(statement)) {
        if (index > lastWork) continue; // pgboot commits it, together with the row
        await session.next('commit');
        committedThroughLine = step.line + statement.line - 1;
      } else {
        await session.next('rollback');
      }
    } catch (error) {
      throw new StatementFailure(error, statement, committedThroughLine);
    }
  }
}

function isOpening(statement: SqlStatement): boolean {
  return statement.keywords[0] === 'BEGIN' || statement.keywords[0] === 'START';
}

function isCommit(statement: SqlStatement): boolean {
  return statement.keywords[0] === 'COMMIT' || statement.keywords[0] === 'END';
}

/**
 * Runs one step outside any transaction (`transaction:false`): a SQL step statement by
 * statement, each committing on its own, because Postgres treats a multi-statement text as
 * one implicit transaction and refuses e.g. CREATE INDEX CONCURRENTLY inside it.
 * Returns the failing statement's position when one fails.
 */
export async function runStepWithoutTransaction(session: Session, step: MigrationStep): Promise<StepFailure | undefined> {
  if (step.kind === 'function') {
    try {
      await runFunction(session, step);
      return undefined;
    } catch (error) {
      return describeFunctionFailure(error);
    }
  }
  const statements = splitStatements(step.sql);
  for (const [index, statement] of statements.entries()) {
    try {
      await session.exec(statement.text);
    } catch (error) {
      const previous = statements[index - 1];
      return {
        error,
        statement: statement.text,
        line: step.line + statement.line - 1 + lineWithin(statement.text, postgresDetails(error)?.position),
        postgres: postgresDetails(error),
        // Each statement before this one committed on its own: they stay.
        ...(previous
          ? {
              committedThroughLine: step.line + lineAt(step.sql, previous.end) - 1,
              committedStatements: index,
              firstLine: step.line + statements[0]!.line - 1,
            }
          : {}),
      };
    }
  }
  return undefined;
}

/**
 * Explains a failure of a transactional step, after its transaction was rolled back (the
 * session is in a fresh one). When
 * Postgres gave a position, it points into the whole text; otherwise (e.g. a constraint
 * violation) the statements are replayed in a throw-away transaction, halving, to find the
 * one that fails (`bisectToFailingStatement`).
 */
export async function describeFailure(session: Session, step: MigrationStep, error: unknown): Promise<StepFailure> {
  if (step.kind === 'function') return describeFunctionFailure(error);
  if (error instanceof StatementFailure) {
    const postgres = postgresDetails(error.error);
    return {
      error: error.error,
      statement: error.statement.text,
      line: step.line + error.statement.line - 1 + lineWithin(error.statement.text, postgres?.position),
      postgres,
      committedThroughLine: error.committedThroughLine,
    };
  }
  const postgres = postgresDetails(error);
  const statements = splitStatements(step.sql);
  if (postgres?.position !== undefined) {
    const offset = postgres.position - 1;
    // Past the last statement: Postgres points at what pgboot appended (an unfinished last statement).
    const statement = statements.find((s) => offset >= s.start && offset <= s.end) ?? (offset >= step.sql.length ? statements.at(-1) : undefined);
    return { error, statement: statement?.text, line: step.line + lineAt(step.sql, offset) - 1, postgres };
  }
  const found = await bisectToFailingStatement(session, statements);
  return {
    error,
    statement: found?.text,
    line: found ? step.line + found.line - 1 : undefined,
    postgres,
  };
}

/**
 * Finds the first statement that fails, in a throw-away transaction, by halving: each round runs
 * the first half of the candidates as one text behind a savepoint, keeps it when it succeeds (the
 * next statements may need it) and narrows to it when it fails; the last candidate is run alone
 * to confirm it fails. A few round trips and about the file's text once more, so the statement of
 * a 200,000-statement seed file is found in about the time the file takes to run.
 */
async function bisectToFailingStatement(session: Session, statements: SqlStatement[]): Promise<SqlStatement | undefined> {
  const runs = async (from: number, to: number): Promise<boolean> => {
    await session.exec('SAVEPOINT pgboot_bisect');
    try {
      await session.exec(
        statements
          .slice(from, to)
          .map((s) => s.text)
          .join(';\n'),
      );
      await session.exec('RELEASE SAVEPOINT pgboot_bisect');
      return true;
    } catch {
      await session.exec('ROLLBACK TO SAVEPOINT pgboot_bisect');
      return false;
    }
  };
  // Replayed behind a savepoint of the session's (fresh) transaction, undone whatever happens.
  await session.exec('SAVEPOINT pgboot_replay');
  try {
    let low = 0;
    let high = statements.length; // the failing statement, if any, is in [low, high)
    while (high - low > 1) {
      const middle = low + Math.ceil((high - low) / 2);
      if (await runs(low, middle)) low = middle;
      else high = middle;
    }
    return high > low && !(await runs(low, high)) ? statements[low] : undefined;
  } finally {
    await session.exec('ROLLBACK TO SAVEPOINT pgboot_replay; RELEASE SAVEPOINT pgboot_replay');
  }
}

/** Runs a TS/JS step and waits for every query it issued, awaited or not (see `trackQueries`). */
async function runFunction(session: Session, step: MigrationStep & { kind: 'function' }): Promise<void> {
  const tracked = trackQueries(session.handle);
  try {
    await step.run(tracked.handle);
  } finally {
    // A query left behind that failed is most likely why anything after it failed: it wins.
    await tracked.settle();
  }
}

function describeFunctionFailure(error: unknown): StepFailure {
  if (error instanceof UnawaitedQueryError) {
    return { error, statement: error.query, line: undefined, postgres: postgresDetails(error.cause) };
  }
  const query = (error as { query?: unknown } | null)?.query;
  return { error, statement: typeof query === 'string' ? query : undefined, line: undefined, postgres: postgresDetails(error) };
}

function lineWithin(text: string, position: number | undefined): number {
  return position === undefined ? 0 : lineAt(text, position - 1) - 1;
}

/** Pulls Postgres's code, message, position, detail and hint out of a PGlite error. */
export function postgresDetails(error: unknown): PostgresErrorDetails | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; message?: unknown; position?: unknown; detail?: unknown; hint?: unknown; severity?: unknown };
  if (typeof e.code !== 'string' || typeof e.severity !== 'string') return undefined;
  const position = typeof e.position === 'string' || typeof e.position === 'number' ? Number(e.position) : undefined;
  return {
    code: e.code,
    message: typeof e.message === 'string' ? e.message : String(e.message),
    position: position !== undefined && Number.isFinite(position) ? position : undefined,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    hint: typeof e.hint === 'string' ? e.hint : undefined,
  };
}
