/**
 * A small SQL lexer that finds statement boundaries the way Postgres does: it skips
 * 'strings', E'escaped strings', "identifiers", $tag$ dollar-quoted bodies $tag$,
 * -- line comments and nested block comments, and BEGIN ATOMIC ... END routine bodies.
 *
 * pgboot hands whole files to Postgres to parse; the lexer is only used to find
 * transaction-control statements, to run `transaction:false` migrations one statement
 * at a time, and to point at the statement and line of an error.
 */
export interface SqlStatement {
  /** The statement's text, without the terminating semicolon. */
  text: string;
  /** Offset of the statement's first token (after leading whitespace and comments). */
  start: number;
  /** Offset just past the statement's last character (before the semicolon). */
  end: number;
  /** 1-based line of the first token. */
  line: number;
  /** The first words of the statement, upper-cased (e.g. ['CREATE', 'INDEX', 'CONCURRENTLY']). */
  keywords: string[];
}

const WORD_CHAR = /[A-Za-z0-9_$]/;
const WORD_START = /[A-Za-z_]/;
const KEYWORDS_KEPT = 4;

/** Splits SQL text into statements. Empty statements (`;;`, comment-only text) are dropped. */
export function splitStatements(text: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let current: { start: number; keywords: string[]; routine: boolean; atomicDepth: number } | undefined;
  let i = 0;
  // Statements come in order, so one cursor counts lines once over the whole text (linear, not per statement).
  let lineCursor = 0;
  let line = 1;
  const lineOf = (offset: number) => {
    for (; lineCursor < offset; lineCursor++) if (text.charCodeAt(lineCursor) === 10) line++;
    return line;
  };

  const finish = (end: number) => {
    if (current) {
      statements.push({
        text: text.slice(current.start, end).trimEnd(),
        start: current.start,
        end,
        line: lineOf(current.start),
        keywords: current.keywords,
      });
    }
    current = undefined;
  };
  const begin = (at: number) => {
    current ??= { start: at, keywords: [], routine: false, atomicDepth: 0 };
    return current;
  };

  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && next === '-') {
      const newline = text.indexOf('\n', i);
      i = newline === -1 ? text.length : newline + 1;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(text, i);
    } else if (ch === ';') {
      if (current && current.atomicDepth > 0) {
        i++;
      } else {
        finish(i);
        i++;
      }
    } else if (ch === "'") {
      begin(i);
      i = skipQuoted(text, i, "'", isEscapeString(text, i));
    } else if (ch === '"') {
      begin(i);
      i = skipQuoted(text, i, '"', false);
    } else if (ch === '$' && !WORD_CHAR.test(text[i - 1] ?? ' ')) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      begin(i);
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? text.length : close + tag[0].length;
      } else {
        i++; // a parameter like $1
      }
    } else if (WORD_START.test(ch) && !WORD_CHAR.test(text[i - 1] ?? ' ')) {
      let j = i + 1;
      while (j < text.length && WORD_CHAR.test(text[j]!)) j++;
      const statement = begin(i);
      trackWord(statement, text.slice(i, j).toUpperCase());
      i = j;
    } else {
      begin(i);
      i++;
    }
  }
  finish(text.length);
  return statements;
}

function trackWord(statement: { keywords: string[]; routine: boolean; atomicDepth: number }, word: string): void {
  if (statement.keywords.length < KEYWORDS_KEPT) {
    statement.keywords.push(word);
    const [first, second, third, fourth] = statement.keywords;
    statement.routine =
      first === 'CREATE' &&
      (second === 'FUNCTION' || second === 'PROCEDURE' || (second === 'OR' && third === 'REPLACE' && (fourth === 'FUNCTION' || fourth === 'PROCEDURE')));
    return;
  }
  // SQL-standard routine bodies (BEGIN ATOMIC ... END) contain semicolons of their own.
  if (!statement.routine) return;
  if (word === 'BEGIN') statement.atomicDepth++;
  else if (word === 'CASE' && statement.atomicDepth > 0) statement.atomicDepth++;
  else if (word === 'END' && statement.atomicDepth > 0) statement.atomicDepth--;
}

function isEscapeString(text: string, quote: number): boolean {
  const prefix = text[quote - 1];
  return (prefix === 'E' || prefix === 'e') && !WORD_CHAR.test(text[quote - 2] ?? ' ');
}

function skipQuoted(text: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return text.length;
}

function skipBlockComment(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return text.length;
}

/**
 * 1-based line number of an offset in a text, counted up to the text's last line: an offset
 * past the end (Postgres pointing at text pgboot appended) stays on the last line that has content.
 */
export function lineAt(text: string, offset: number): number {
  const end = Math.min(offset, text.trimEnd().length);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Whether a statement opens, ends or aborts a transaction (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT). */
export function isTransactionControl(statement: SqlStatement): boolean {
  const [first, second] = statement.keywords;
  switch (first) {
    case 'BEGIN':
    case 'COMMIT':
    case 'END':
    case 'ABORT':
      return true;
    case 'START':
      return second === 'TRANSACTION';
    case 'ROLLBACK':
      return second !== 'TO';
    default:
      return false;
  }
}
