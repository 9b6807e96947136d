// Issue 15, item 12: how errors from the browser's storage are classified (the e2e spec,
// e2e/storage-errors.spec.ts, produces them for real in Chromium).
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError, DatabaseStorageError } from '../../src/core/index.js';
import { explainStorageError } from '../../src/browser/storage-errors.js';

describe('explainStorageError', () => {
  it('should turn a QuotaExceededError, also inside a cause, into reason quota naming the database', async () => {
    const quota = new DOMException('', 'QuotaExceededError');
    for (const error of [quota, new Error('flush failed', { cause: quota })]) {
      const explained = await explainStorageError(error, { name: 'notes', phase: 'migrate', existed: true });
      expect(explained).toBeInstanceOf(DatabaseStorageError);
      expect(explained).toMatchObject({ database: 'notes', reason: 'quota', cause: quota });
      expect((explained as Error).message).toContain("The database 'notes' (IndexedDB /pglite/notes) could not be saved");
    }
  });

  it("should turn IndexedDB's UnknownError during a save into reason save-failed", async () => {
    const error = new DOMException('Internal error committing transaction.', 'UnknownError');
    expect(await explainStorageError(error, { name: 'notes', phase: 'migrate', existed: true })).toMatchObject({ reason: 'save-failed', database: 'notes' });
  });

  it("should leave pgboot's own errors and a first boot's failures as they are", async () => {
    const locked = new DatabaseLockedError('notes', 'another tab');
    expect(await explainStorageError(locked, { name: 'notes', phase: 'open', existed: true })).toBe(locked);
    const failure = new Error('Aborted()');
    expect(await explainStorageError(failure, { name: 'notes', phase: 'open', existed: false })).toBe(failure);
    expect(await explainStorageError(failure, { name: 'notes', phase: 'migrate', existed: true })).toBe(failure);
  });
});
