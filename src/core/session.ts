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
 *
 * The session is always inside a transaction, except while `outside` runs. `next` and
 * `outside` are the only places that send COMMIT, ROLLBACK or BEGIN.
 */
export interface Session {
  exec(sql: string): Promise<Results[]>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Results<T>>;
  /** The handle given to TS/JS migrations. */
  readonly handle: MigrationDb;
  /** Ends the current transaction (`COMMIT` or `ROLLBACK`) and begins the next one. */
  next(end: 'commit' | 'rollback'): Promise<void>;
  /**
   * Commits the current transaction, runs `work` with no transaction open (each statement
   * commits on its own: `transaction:false` migrations), then begins the next one.
   */
  outside<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Runs `work` in a session. The session starts inside a transaction; whatever `work`
 * leaves open is committed when it returns and rolled back when it throws. Nothing is
 * flushed afterwards: callers that committed something call `db.syncToFs()`.
 */
export async function withSession<T>(db: Database, work: (session: Session) => Promise<T>): Promise<T> {
  return db.transaction(async (tx: Transaction) => {
    const session: Session = {
      exec: (sql) => tx.exec(sql),
      query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params),
      handle: {
        query: <R>(sql: string, params?: unknown[]) => tx.query<R>(sql, params),
        exec: (sql: string) => tx.exec(sql),
        sql: <R>(strings: TemplateStringsArray, ...params: unknown[]) => tx.sql<R>(strings, ...params),
      },
      async next(end) {
        await tx.exec(end === 'commit' ? 'COMMIT' : 'ROLLBACK');
        await tx.exec('BEGIN');
      },
      async outside(work) {
        await tx.exec('COMMIT');
        try {
          return await work();
        } finally {
          // Back inside a transaction, as db.transaction() (and the rest of the batch) expects.
          await tx.exec('BEGIN');
        }
      },
    };
    // db.transaction() has just run BEGIN, and COMMITs (or ROLLBACKs) what `work` leaves open.
    return work(session);
  });
}
