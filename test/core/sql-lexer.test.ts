import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/core/index.js';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  it('should split at top-level semicolons only', () => {
    expect(texts('CREATE TABLE a (id int); INSERT INTO a VALUES (1);')).toEqual(['CREATE TABLE a (id int)', 'INSERT INTO a VALUES (1)']);
  });

  it('should keep semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y');",
      'CREATE TABLE "odd;name" (id int); -- a comment; with semicolons',
      '/* block; /* nested; */ still comment; */ SELECT 1;',
      'CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.a := 1; RETURN NEW; END; $$ LANGUAGE plpgsql;',
      'CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
      'SELECT $1::int;',
    ].join('\n');
    expect(texts(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y')",
      'CREATE TABLE "odd;name" (id int)',
      'SELECT 1',
      'CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.a := 1; RETURN NEW; END; $$ LANGUAGE plpgsql',
      'CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
      'SELECT $1::int',
    ]);
  });

  it('should keep a BEGIN ATOMIC routine body whole', () => {
    const sql = `CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END;\nSELECT 3;`;
    expect(texts(sql)).toEqual([
      'CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT 2; END',
      'SELECT 3',
    ]);
  });

  it('should report each statement line and first keywords, skipping comment-only text', () => {
    const statements = splitStatements('-- header\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n/* x */\n;\nCOMMIT;\n-- trailing');
    expect(statements.map((s) => ({ line: s.line, keywords: s.keywords }))).toEqual([
      { line: 3, keywords: ['CREATE', 'INDEX', 'CONCURRENTLY', 'I'] },
      { line: 6, keywords: ['COMMIT'] },
    ]);
  });
});
