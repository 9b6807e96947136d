import type { PostgresErrorDetails } from './errors.js';
import type { Session } from './session.js';
import { isTransactionControl, lineAt, splitStatements, type SqlStatement } from './sql-lexer.js';
import type { MigrationStep } from './types.js';

/** Where and why a step failed, for `MigrationError`. */
export interface StepFailure {
  error: unknown;
  statement: string | undefined;
  line: number | undefined;
  postgres: PostgresErrorDetails | undefined;
  /** The file's own COMMIT had made its statements up to this line permanent before it failed. */
  committedThroughLine?: number | undefined;
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
  if (step.kind === 'function') await step.run(session.handle);
  else if (step.ownTransactions) await runWithOwnTransactions(session, step);
  else await session.exec(step.sql);
}

/**
 * Runs a foreign-layout file that issues its own BEGIN/COMMIT/ROLLBACK, statement by statement,
 * so that pgboot's transaction follows the file's: its BEGIN joins the transaction pgboot already
 * opened, its COMMIT (or ROLLBACK) really ends it, and pgboot opens the next one at once, so the
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
        await session.begin(); // joins pgboot's transaction when one is open
      } else if (isCommit(statement)) {
        if (index > lastWork) continue; // pgboot commits it, together with the row
        await session.commit();
        committedThroughLine = step.line + statement.line - 1;
        await session.begin();
      } else {
        await session.rollback();
        await session.begin();
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
      await step.run(session.handle);
      return undefined;
    } catch (error) {
      return describeFunctionFailure(error);
    }
  }
  for (const statement of splitStatements(step.sql)) {
    try {
      await session.exec(statement.text);
    } catch (error) {
      return {
        error,
        statement: statement.text,
        line: step.line + statement.line - 1 + lineWithin(statement.text, postgresDetails(error)?.position),
        postgres: postgresDetails(error),
      };
    }
  }
  return undefined;
}

/**
 * Explains a failure of a transactional step, after its transaction was rolled back. When
 * Postgres gave a position, it points into the whole text; otherwise (e.g. a constraint
 * violation) the statements are replayed one by one in a throw-away transaction to find
 * the one that fails.
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
    const statement = statements.find((s) => offset >= s.start && offset <= s.end);
    return { error, statement: statement?.text, line: step.line + lineAt(step.sql, offset) - 1, postgres };
  }
  const found = await replayToFindFailingStatement(session, statements);
  return {
    error,
    statement: found?.text,
    line: found ? step.line + found.line - 1 : undefined,
    postgres,
  };
}

async function replayToFindFailingStatement(session: Session, statements: ReturnType<typeof splitStatements>) {
  await session.begin();
  try {
    for (const statement of statements) {
      try {
        await session.exec(statement.text);
      } catch {
        return statement;
      }
    }
    return undefined;
  } finally {
    await session.rollback();
  }
}

function describeFunctionFailure(error: unknown): StepFailure {
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
