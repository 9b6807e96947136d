import { UnawaitedQueryError } from './errors.js';
import type { MigrationDb } from './types.js';

/**
 * A promise that notes when anyone awaits it or attaches a handler, so pgboot can tell a
 * query the migration awaited (its failure is the migration's to handle) from one it left behind.
 */
class ObservedPromise<T> extends Promise<T> {
  observed = false;
  // Derived promises (from then/catch) are plain ones.
  static override get [Symbol.species]() {
    return Promise;
  }
  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass overrides then to learn that the caller awaited it
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

interface Issued {
  query: string;
  promise: ObservedPromise<unknown>;
  outcome: Promise<{ error: unknown } | undefined>;
}

/**
 * Wraps the handle a TS/JS migration receives so that every query it issues is tracked. After
 * `up` returns, `settle()` waits for all of them, so a query the migration forgot to await still
 * runs before pgboot records the migration, and a failure of such a query is reported as the
 * migration's own (`UnawaitedQueryError`, naming the query) instead of surfacing as an unhandled
 * rejection that crashes the process or as a failure of pgboot's bookkeeping.
 */
export function trackQueries(handle: MigrationDb): { handle: MigrationDb; settle(): Promise<void> } {
  const issued: Issued[] = [];
  const track = <T>(query: string, started: Promise<T>): Promise<T> => {
    const promise = new ObservedPromise<T>((resolve, reject) => started.then(resolve, reject));
    promise.observed = false; // the constructor's own bookkeeping does not count
    // Handled here without marking it observed, so Node never reports it as unhandled.
    const outcome = Promise.prototype.then.call(
      promise,
      () => undefined,
      (error: unknown) => ({ error }),
    ) as Promise<{ error: unknown } | undefined>;
    issued.push({ query, promise: promise as ObservedPromise<unknown>, outcome });
    return promise;
  };
  return {
    handle: {
      query: (sql, params) => track(sql, handle.query(sql, params)),
      exec: (sql) => track(sql, handle.exec(sql)),
      sql: (strings, ...params) => track(strings.join('$?'), handle.sql(strings, ...params)),
    },
    async settle() {
      for (const entry of issued) {
        const outcome = await entry.outcome;
        if (outcome && !entry.promise.observed) throw new UnawaitedQueryError(entry.query, outcome.error);
      }
    },
  };
}
