import { MigrationError, PgbootError } from '../core/internal.js';

/** An error as the panel shows it: a title and the full text, fields and causes included. */
export interface DescribedError {
  title: string;
  text: string;
}

/**
 * Everything an error carries, as plain text: its message, the fields of pgboot's errors
 * (migration id, statement, Postgres code, position, detail, hint) and its chain of causes.
 *
 * @example
 * describeError(error).text; // "MigrationError: 003_x.sql:4: migration failed: ...\nmigration: 003_x\n..."
 */
export function describeError(error: unknown): DescribedError {
  if (!(error instanceof Error)) return { title: 'Error', text: String(error) };
  const lines = [`${error.name}: ${error.message}`];
  if (error instanceof MigrationError) {
    lines.push(`migration: ${error.id} (${error.direction})`);
    // The message shortens long statements to one line: show the whole one.
    if (error.statement && !error.message.includes(error.statement)) lines.push(`statement: ${error.statement}`);
    const pg = error.postgres;
    if (pg) {
      const where = [pg.code ? `SQLSTATE ${pg.code}` : '', pg.position ? `at character ${pg.position} of the statement` : ''].filter(Boolean).join(' ');
      if (where) lines.push(`postgres: ${where}`);
      if (pg.detail) lines.push(`detail: ${pg.detail}`);
      if (pg.hint) lines.push(`hint: ${pg.hint}`);
    }
    if (error.results.length > 0) {
      lines.push(`this run: ${error.results.map((r) => `${r.id} ${r.status}`).join(', ')}`);
    }
  } else if (error instanceof PgbootError && error.file) {
    lines.push(`file: ${error.file}${error.line ? `:${error.line}` : ''}`);
  } else {
    // PGlite's DatabaseError carries Postgres's fields on the error itself.
    const pg = error as Error & { code?: string; position?: string; detail?: string; hint?: string };
    if (pg.code) lines.push(`SQLSTATE ${pg.code}${pg.position ? ` at character ${pg.position}` : ''}`);
    if (pg.detail) lines.push(`detail: ${pg.detail}`);
    if (pg.hint) lines.push(`hint: ${pg.hint}`);
  }
  let cause = error.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    if (error instanceof MigrationError && depth === 0 && error.postgres) break; // already shown above
    lines.push(`caused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return { title: error.name, text: lines.join('\n') };
}
