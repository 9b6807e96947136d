import type { PGlite } from '@electric-sql/pglite';

type ExecProtocolOptions = Parameters<PGlite['execProtocol']>[1];

// First byte of a frontend message: Execute and Query run statements; Parse, Bind, Describe and Sync do not.
const RUNS_STATEMENTS = new Set(['E'.charCodeAt(0), 'Q'.charCodeAt(0)]);

/**
 * The leader's PGlite as the tabs' queries reach it. PGliteWorker sends each protocol message of a
 * query as its own call, without options, so PGlite flushes the whole data directory to storage
 * after every one of them (parse, describe, bind, describe, execute, sync: 6 flushes, 40-150 ms
 * each against IndexedDB) and once more for the tab's `syncToFs()`. This view flushes once, when a
 * message that ran statements leaves the session idle (autocommit, or COMMIT of the tab's
 * transaction), and skips a `syncToFs()` with nothing new to write: what committed is still
 * flushed before the tab's call returns. The engine itself uses the PGlite instance, not this view.
 */
export function flushOncePerCommit(db: PGlite): PGlite {
  let unflushed = false;
  const note = (message: Uint8Array) => {
    if (RUNS_STATEMENTS.has(message[0]!)) unflushed = true;
  };
  const settle = async (idle: boolean) => {
    if (idle && unflushed) {
      unflushed = false;
      await db.syncToFs();
    }
  };
  const overrides: Partial<PGlite> = {
    async execProtocol(message: Uint8Array, options?: ExecProtocolOptions) {
      if (options) return db.execProtocol(message, options);
      note(message);
      const result = await db.execProtocol(message, { syncToFs: false });
      await settle(result.messages.some(isIdle));
      return result;
    },
    async execProtocolRaw(message: Uint8Array, options?: ExecProtocolOptions) {
      if (options) return db.execProtocolRaw(message, options);
      note(message);
      const data = await db.execProtocolRaw(message, { syncToFs: false });
      await settle(endsIdle(data));
      return data;
    },
    // What PGliteWorker's queries use.
    async execProtocolStream(message: Uint8Array, options?: ExecProtocolOptions) {
      if (options) return db.execProtocolStream(message, options);
      note(message);
      const messages = await db.execProtocolStream(message, { syncToFs: false });
      await settle(messages.some(isIdle));
      return messages;
    },
    async syncToFs() {
      if (!unflushed) return;
      unflushed = false;
      await db.syncToFs();
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof PGlite];
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function isIdle(message: { name: string }): boolean {
  return message.name === 'readyForQuery' && (message as { status?: string }).status === 'I';
}

/** Whether a raw backend response ends with ReadyForQuery ('Z', length 5) in the idle state ('I'). */
function endsIdle(data: Uint8Array): boolean {
  const n = data.length;
  return n >= 6 && data[n - 6] === 0x5a && data[n - 2] === 5 && data[n - 1] === 0x49;
}
