import { describe, expect, it } from 'vitest';
import { InvalidSqlMigrationError, OwnTransactionError, parseSqlMigration } from '../../src/core/index.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseSqlMigration', () => {
  it('should take a file without markers as the up migration, with no down', () => {
    expect(parseSqlMigration('001_a.sql', 'CREATE TABLE a (id int);')).toEqual({
      up: { sql: 'CREATE TABLE a (id int);', line: 1, transaction: true },
      down: undefined,
    });
  });

  it("should split dbmate's up and down markers and read transaction:false", () => {
    const text = '-- a header comment\n-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON a (id);\n\n-- migrate:down\nDROP INDEX i;\n';
    expect(parseSqlMigration('002_b.sql', text)).toEqual({
      up: { sql: 'CREATE INDEX CONCURRENTLY i ON a (id);\n', line: 3, transaction: false },
      down: { sql: 'DROP INDEX i;\n', line: 6, transaction: true },
    });
  });

  it('should read markers in a CRLF file', () => {
    const parsed = parseSqlMigration('003_c.sql', '-- migrate:up\r\nSELECT 1;\r\n-- migrate:down\r\nSELECT 2;\r\n');
    expect(parsed.up.line).toBe(2);
    expect(parsed.down?.sql.trim()).toBe('SELECT 2;');
  });

  it('should reject a file with its own BEGIN/COMMIT, naming the file and line', () => {
    const error = thrown(() => parseSqlMigration('004_own.sql', '-- migrate:up\nCREATE TABLE a (id int);\n\nBEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\n'));
    expect(error).toBeInstanceOf(OwnTransactionError);
    expect(error).toMatchObject({ file: '004_own.sql', line: 4 });
    expect((error as Error).message).toMatch(/^004_own\.sql:4: 'BEGIN' controls the transaction itself/);
    expect((error as Error).message).toContain('transaction:false');
  });

  it.each([['START TRANSACTION;'], ['COMMIT;'], ['ROLLBACK;'], ['END;']])('should reject %s in the down section too', (statement) => {
    const error = thrown(() => parseSqlMigration('005_x.sql', `-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n${statement}\n`));
    expect(error).toMatchObject({ name: 'OwnTransactionError', line: 5 });
  });

  it('should not mistake BEGIN inside function bodies, strings, comments or BEGIN ATOMIC for a transaction', () => {
    const text = [
      '-- BEGIN; this comment mentions COMMIT;',
      "INSERT INTO log VALUES ('BEGIN; COMMIT;');",
      'CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;',
      'CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$;',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;',
      'SAVEPOINT s; ROLLBACK TO SAVEPOINT s;',
    ].join('\n');
    expect(parseSqlMigration('006_ok.sql', text).up.sql).toBe(text);
  });

  it('should not suggest transaction:false for a file without markers, whose layout cannot opt out', () => {
    const error = thrown(() => parseSqlMigration('0001_init.sql', 'CREATE TABLE a (id int);\nCOMMIT;\n', { markers: false }));
    expect(error).toMatchObject({ name: 'OwnTransactionError', file: '0001_init.sql', line: 2 });
    expect((error as Error).message).toContain('Remove the BEGIN/COMMIT lines');
    expect((error as Error).message).not.toContain('transaction:false');
  });

  it('should allow own transactions when a foreign layout asks for it', () => {
    expect(parseSqlMigration('x.up.sql', 'BEGIN; SELECT 1; COMMIT;', { allowOwnTransactions: true, markers: false }).up.sql).toBe('BEGIN; SELECT 1; COMMIT;');
  });

  it.each([
    ['-- migrate:down\nSELECT 1;', 1, "'-- migrate:down' without '-- migrate:up'"],
    ['-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;', 3, "a second '-- migrate:up' marker"],
    ['CREATE TABLE a (id int);\n-- migrate:up\nSELECT 1;', 1, 'statement before the first'],
    ['-- migrate:up transaction:maybe\nSELECT 1;', 1, "unknown option 'transaction:maybe'"],
    ['-- migrate:sideways\nSELECT 1;', 1, "unknown marker '-- migrate:sideways'"],
  ])('should reject malformed markers (%#)', (text, line, message) => {
    const error = thrown(() => parseSqlMigration('007_bad.sql', text));
    expect(error).toBeInstanceOf(InvalidSqlMigrationError);
    expect(error).toMatchObject({ file: '007_bad.sql', line });
    expect((error as Error).message).toContain(`007_bad.sql:${line}: ${message}`);
  });
});
