import type { Results, Transaction } from '@electric-sql/pglite';
import type { Database, MigrationDb } from './types.js';

/**
 * A stretch of work on one PGlite instance during which nothing is flushed to storage,
 * with the transactions inside it under our control.
 *
 * Why: PGlite flushes its whole data directory after every top-level `query()`/`exec()`
 * (40-150 ms against IndexedDB), but not for calls made inside `db.transaction(cb)`. So
 * pgboot opens one `db.transaction()` and, inside it, ends and begins real transactions
 * itself: each migration still commits on its own (so `ALTER TYPE ... ADD VALUE` is
 * visible to the next one), yet a batch of N migrations costs one flush for the opening
 * BEGIN plus one explicit `syncToFs()` at the end, instead of N. `db.transaction()` also
 * holds PGlite's exclusive lock, so no other query on this instance interleaves.
 */
export interface Session {
  exec(sql: string): Promise<Results[]>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Results<T>>;
  /** The handle given to TS/JS migrations. */
  readonly handle: MigrationDb;
  readonly inTransaction: boolean;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Runs `work` in a session. The session starts inside a transaction; whatever `work`
 * leaves open is committed when it returns and rolled back when it throws. Nothing is
 * flushed afterwards: callers that committed something call `db.syncToFs()`.
 */
export async function withSession<T>(db: Database, work: (session: Session) => Promise<T>): Promise<T> {
  return db.transaction(async (tx: Transaction) => {
    let inTransaction = true; // db.transaction() has just run BEGIN
    const session: Session = {
      exec: (sql) => tx.exec(sql),
      query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params),
      handle: {
        query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params),
        exec: (sql: string) => tx.exec(sql),
        sql: <R>(strings: TemplateStringsArray, ...params: unknown[]) => tx.sql<R>(strings, ...params),
      },
      get inTransaction() {
        return inTransaction;
      },
      async begin() {
        if (inTransaction) return;
        await tx.exec('BEGIN');
        inTransaction = true;
      },
      async commit() {
        if (!inTransaction) return;
        await tx.exec('COMMIT');
        inTransaction = false;
      },
      async rollback() {
        if (!inTransaction) return;
        await tx.exec('ROLLBACK');
        inTransaction = false;
      },
    };
    const result = await work(session);
    // Leave a transaction open for db.transaction() to COMMIT, so it sees the state it expects.
    await session.begin();
    return result;
  });
}
