import { InvalidSqlMigrationError, OwnTransactionError } from './errors.js';
import { isTransactionControl, splitStatements } from './sql-lexer.js';

/** One direction of a SQL migration file. */
export interface SqlSection {
  sql: string;
  /** 1-based line of the section's first character in the file. */
  line: number;
  transaction: boolean;
}

export interface ParsedSqlMigration {
  up: SqlSection;
  down: SqlSection | undefined;
}

const MARKER = /^--\s*migrate:(\w+)(.*)$/;

/**
 * Parses a SQL migration file. Without markers the whole file is the up migration; with
 * dbmate's `-- migrate:up` and `-- migrate:down` lines it has both directions, each with an
 * optional `transaction:false`. A section that issues its own BEGIN/COMMIT is rejected
 * (`OwnTransactionError`), unless `allowOwnTransactions` is set for layouts whose tool runs them as written.
 */
export function parseSqlMigration(file: string, text: string, options: { allowOwnTransactions?: boolean; markers?: boolean } = {}): ParsedSqlMigration {
  if (options.markers === false) {
    const up = { sql: text, line: 1, transaction: true };
    checkOwnTransaction(file, up, { ...options, markers: false });
    return { up, down: undefined };
  }
  const lines = text.split('\n');
  const markers: { direction: 'up' | 'down'; index: number; transaction: boolean }[] = [];

  lines.forEach((raw, index) => {
    const match = MARKER.exec(raw.trim());
    if (!match) return;
    const direction = match[1];
    if (direction !== 'up' && direction !== 'down') {
      throw new InvalidSqlMigrationError(file, index + 1, `unknown marker '-- migrate:${direction}'; use '-- migrate:up' or '-- migrate:down'`);
    }
    const transaction = parseMarkerOptions(file, index + 1, match[2]!);
    if (markers.some((m) => m.direction === direction)) {
      throw new InvalidSqlMigrationError(file, index + 1, `a second '-- migrate:${direction}' marker; keep one of each`);
    }
    markers.push({ direction, index, transaction });
  });

  if (markers.length === 0) {
    const up = { sql: text, line: 1, transaction: true };
    checkOwnTransaction(file, up, options);
    return { up, down: undefined };
  }

  const upMarker = markers.find((m) => m.direction === 'up');
  if (!upMarker) {
    throw new InvalidSqlMigrationError(file, markers[0]!.index + 1, `'-- migrate:down' without '-- migrate:up'; add '-- migrate:up' above the up statements`);
  }
  const preamble = lines.slice(0, markers[0]!.index).join('\n');
  const stray = splitStatements(preamble)[0];
  if (stray) {
    throw new InvalidSqlMigrationError(file, stray.line, `statement before the first '-- migrate:' marker; move it below '-- migrate:up'`);
  }

  const sectionOf = (marker: (typeof markers)[number]): SqlSection => {
    const following = markers.filter((m) => m.index > marker.index).map((m) => m.index);
    const endIndex = following.length > 0 ? Math.min(...following) : lines.length;
    const section = {
      sql: lines.slice(marker.index + 1, endIndex).join('\n'),
      line: marker.index + 2,
      transaction: marker.transaction,
    };
    checkOwnTransaction(file, section, options);
    return section;
  };

  const downMarker = markers.find((m) => m.direction === 'down');
  return { up: sectionOf(upMarker), down: downMarker ? sectionOf(downMarker) : undefined };
}

function parseMarkerOptions(file: string, line: number, rest: string): boolean {
  let transaction = true;
  for (const option of rest.trim().split(/\s+/).filter(Boolean)) {
    const match = /^transaction:(true|false)$/.exec(option);
    if (!match) {
      throw new InvalidSqlMigrationError(file, line, `unknown option '${option}' on the marker; the one option is 'transaction:false'`);
    }
    transaction = match[1] === 'true';
  }
  return transaction;
}

function checkOwnTransaction(file: string, section: SqlSection, options: { allowOwnTransactions?: boolean; markers?: boolean }): void {
  if (options.allowOwnTransactions) return;
  for (const statement of splitStatements(section.sql)) {
    if (isTransactionControl(statement)) {
      const advice = options.markers === false ? 'foreign' : section.transaction ? 'native' : 'no-transaction';
      throw new OwnTransactionError(file, section.line + statement.line - 1, statement.keywords.slice(0, 2).join(' '), advice);
    }
  }
}

/** Whether a SQL text holds nothing but whitespace and comments. */
export function isEmptySql(sql: string): boolean {
  return splitStatements(sql).length === 0;
}
