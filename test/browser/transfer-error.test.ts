import { describe, expect, it } from 'vitest';
import { DatabaseAheadError, MigrationError, NewerVersionError, PgbootError } from '../../src/core/errors.js';
import { reviveError, transferError } from '../../src/browser/transfer-error.js';

// Worker mode: errors cross from the leader worker to every tab through structured clone.
const roundTrip = (error: unknown) => reviveError(structuredClone(transferError(error)));

describe('transferError / reviveError', () => {
  it('should bring a MigrationError back as itself, with its fields and its cause', () => {
    const cause = Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' });
    const original = new MigrationError({
      id: '002_add',
      file: '002_add.sql',
      direction: 'up',
      line: 3,
      statement: 'SELECT * FROM nope',
      postgres: { code: '42P01', message: 'relation "nope" does not exist', position: 15, detail: undefined, hint: undefined },
      results: [{ id: '001_init', direction: 'up', status: 'applied', durationMs: 2 }],
      cause,
    } as ConstructorParameters<typeof MigrationError>[0]);
    const revived = roundTrip(original) as MigrationError;
    expect(revived).toBeInstanceOf(MigrationError);
    expect(revived).toBeInstanceOf(PgbootError);
    expect({
      name: revived.name,
      message: revived.message,
      id: revived.id,
      file: revived.file,
      line: revived.line,
      statement: revived.statement,
      results: revived.results,
    }).toEqual({
      name: 'MigrationError',
      message: original.message,
      id: '002_add',
      file: '002_add.sql',
      line: 3,
      statement: 'SELECT * FROM nope',
      results: original.results,
    });
    expect(revived.postgres).toEqual(original.postgres);
    expect(revived.cause).toBeInstanceOf(Error);
    expect((revived.cause as Error & { code: string }).code).toBe('42P01');
  });

  it('should keep the class of the errors a tab acts on', () => {
    expect(roundTrip(new DatabaseAheadError(['003_new']))).toBeInstanceOf(DatabaseAheadError);
    expect((roundTrip(new DatabaseAheadError(['003_new'])) as DatabaseAheadError).unknown).toEqual(['003_new']);
    expect(roundTrip(new NewerVersionError('notes', '003_new'))).toBeInstanceOf(NewerVersionError);
  });

  it('should turn other errors into plain Errors with their name and message', () => {
    const revived = roundTrip(Object.assign(new TypeError('bad'), { detail: 'x' }));
    expect({ type: revived.constructor, name: revived.name, message: revived.message, detail: (revived as Error & { detail: string }).detail }).toEqual({
      type: Error,
      name: 'TypeError',
      message: 'bad',
      detail: 'x',
    });
    expect(roundTrip('a string').message).toBe('a string');
  });
});
