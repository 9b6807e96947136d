import { isNewer, type MigrateResult } from '../core/internal.js';
import type { Extensions, PGliteInterfaceExtensions } from '@electric-sql/pglite';
import type { WorkerBootOptions, WorkerBootResult } from './boot-options.js';
import type { TransferredError } from './transfer-error.js';
import { workerConnections } from './worker-connections.js';
import { WorkerDatabase } from './worker-database.js';
import {
  electionId,
  workerChannelName,
  type BootOutcome,
  type BuildInfo,
  type LeaderCommand,
  type OwnBuildMessage,
  type WorkerBootMeta,
  type WorkerMessage,
} from './worker-protocol.js';

const COMMAND_TIMEOUT = 30_000;

type Booted = Extract<BootOutcome, { ok: true }> & { replay: boolean };

/**
 * `bootDatabase({ worker })`: the page's side of worker mode (see worker-protocol.ts). Waits for
 * the leader's outcome for this build, then for PGliteWorker's connection to the leader.
 * `replay` fires again what the worker sent while this code loaded (held-worker-events.ts).
 */
export async function bootThroughWorker<E extends Extensions = Extensions>(options: WorkerBootOptions<E>, replay: () => void): Promise<WorkerBootResult<E>> {
  const started = performance.now();
  const { name, worker } = options;
  if (!name) throw new (await errorClasses()).PgbootError(`bootDatabase needs a database name (e.g. { name: 'notes', worker }).`);
  if (typeof BroadcastChannel === 'undefined' || !globalThis.navigator?.locks) {
    throw new (await errorClasses()).PgbootError(
      `Worker mode needs BroadcastChannel and the Web Locks API (navigator.locks): serve the app over https or from localhost.`,
    );
  }

  const ownBuild = readOwnBuild(worker, name);
  const meta: WorkerBootMeta = {
    name,
    dataDir: options.dataDir,
    lockTimeout: options.lockTimeout,
    migrate: pick(options, ['to', 'onDrift', 'onAhead', 'outOfOrder', 'appBuild', 'drizzleTable', 'adopt']),
  };
  const db = new WorkerDatabase(worker, {
    id: electionId(name), // fixed across deploys, so that every build joins one election
    ...(options.extensions ? { extensions: options.extensions } : {}),
    meta: { pgboot: meta },
  }) as WorkerDatabase & PGliteInterfaceExtensions<E>;
  replay(); // PGliteWorker's listeners and readOwnBuild's are on: they hear what the worker sent so far

  const channel = new BroadcastChannel(workerChannelName(name));
  const post = (message: WorkerMessage) => channel.postMessage(message);
  const commands = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  let build: BuildInfo | undefined;
  let known = new Set<string>();
  let sawLeaderRun = false;
  let stale = false;
  let settle: { resolve: (outcome: Booted) => void; reject: (error: Error) => void } | undefined;
  // Set as soon as the boot's fate is known; the error that rejects it may still be loading.
  let decided = false;
  const fail = (error: Promise<Error>) => {
    decided = true;
    void error.then((reason) => {
      db.refuse(reason);
      settle?.reject(reason);
    });
  };
  const outcome = new Promise<Booted>((resolve, reject) => (settle = { resolve, reject }));
  outcome.catch(() => undefined);
  const early: WorkerMessage[] = [];

  const sameBuild = (other: BuildInfo) => other.head === build!.head;
  const checkNewer = (other: BuildInfo) => {
    if (stale || other.head === undefined || !isNewer(other.head, known, build!.head)) return;
    stale = true;
    const head = other.head;
    options.onNewerVersion?.({ head });
    const ahead = other.ids.filter((id) => !known.has(id));
    // Queries are refused with NewerVersionError; the boot, if still waiting, rejects with DatabaseAheadError.
    decided = true;
    void Promise.all([loaded((errors) => new errors.NewerVersionError(name, head)), loaded((errors) => new errors.DatabaseAheadError(ahead))]).then(
      ([refusal, boot]) => {
        db.refuse(refusal);
        settle?.reject(boot);
      },
    );
  };
  const handle = (message: WorkerMessage) => {
    if ('build' in message) checkNewer(message.build);
    switch (message.type) {
      case 'progress': // every migrate reports its plan first: this tab waits through a real run
        if (!sameBuild(message.build)) break;
        sawLeaderRun = true;
        options.onProgress?.(message.progress);
        break;
      case 'outcome': {
        const result = message.outcome;
        checkNewer(result.build);
        if (!sameBuild(result.build) || decided) break; // an older leader steps down for this build's worker
        if (result.ok) {
          decided = true;
          settle?.resolve({ ...result, replay: message.replay });
        } else fail(revived(result.error));
        break;
      }
      case 'command-result': {
        const pending = commands.get(message.callId);
        commands.delete(message.callId);
        if (message.error) void revived(message.error).then((error) => pending?.reject(error));
        else pending?.resolve();
        break;
      }
      case 'reload':
        (options.onReload ?? (() => location.reload()))(message.reason);
        break;
    }
  };
  channel.onmessage = (event: MessageEvent<WorkerMessage>) => {
    if (!event.data || typeof event.data !== 'object') return;
    if (build) handle(event.data);
    else early.push(event.data);
  };

  const stop = () => {
    channel.close();
    workerConnections.delete(name);
    if (commands.size === 0) return;
    const error = loaded((errors) => new errors.DatabaseWorkerError(name, 'this tab closed its connection.'));
    for (const pending of commands.values()) void error.then(pending.reject);
  };
  try {
    build = await ownBuild;
    known = new Set(build.ids);
    early.splice(0).forEach(handle);
    // Registered before the outcome: after a failed boot, reset and restore still go to the leader.
    workerConnections.set(name, { command: (command) => sendCommand(name, post, commands, command) });
    post({ type: 'outcome?' }); // the leader may have booted before this tab opened

    const booted = await outcome;
    const connected = performance.now();
    await db._checkReady(); // PGliteWorker's connection to the leader
    const joinedLater = booted.replay && !sawLeaderRun;

    const close = db.close.bind(db);
    db.close = async () => {
      stop();
      await close();
    };
    const finished = performance.now();
    return {
      db,
      result: joinedLater ? emptyResult(booted.result) : booted.result,
      build,
      source: booted.source,
      timings: {
        lockMs: connected - started,
        openMs: joinedLater ? 0 : booted.openMs,
        migrateMs: joinedLater ? 0 : booted.migrateMs,
        totalMs: finished - started,
      },
    };
  } catch (error) {
    // Keep listening when a leader answered (reset, restore and reload still work); not when none will.
    if (!build || (error instanceof Error && error.name === 'DatabaseWorkerError')) stop();
    throw error;
  }
}

/** The build info this tab's own worker reports once PGliteWorker has sent it its options. */
function readOwnBuild(worker: Worker, name: string): Promise<BuildInfo> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<OwnBuildMessage>) => {
      if (event.data?.type !== 'pgboot:build') return;
      cleanup();
      resolve(event.data.build);
    };
    const onError = (event: ErrorEvent) => {
      cleanup();
      const message = event.message || 'no message; see the console';
      void loaded(
        (errors) =>
          new errors.DatabaseWorkerError(
            name,
            `its worker script failed to load or threw (${message}). The worker must call serveDatabase({ migrations }) from 'pgboot/worker'.`,
          ),
      ).then(reject);
    };
    const cleanup = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

function sendCommand(
  name: string,
  post: (message: WorkerMessage) => void,
  commands: Map<string, { resolve: () => void; reject: (error: Error) => void }>,
  command: LeaderCommand,
): Promise<void> {
  const callId = crypto.randomUUID();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      commands.delete(callId);
      void loaded(
        (errors) =>
          new errors.DatabaseWorkerError(name, `no leader worker answered '${command.type}' within ${COMMAND_TIMEOUT / 1000} s: reload the app's tabs.`),
      ).then(reject);
    }, COMMAND_TIMEOUT);
    commands.set(callId, {
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    post({ type: 'command', callId, command });
  });
}

// core's error classes load when one is needed: a boot that succeeds never downloads them.
// biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
const errorClasses = () => import('../core/errors.js');

/** An error made with core's classes; should they fail to load (e.g. offline after a deploy), a plain Error saying so. */
async function loaded(make: (errors: typeof import('../core/errors.js')) => Error): Promise<Error> {
  try {
    return make(await errorClasses());
  } catch (error) {
    return new Error(`pgboot could not load its error classes (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** An error a worker sent, revived with its class (transfer-error.ts, loaded now), or as a plain Error with its name and message. */
async function revived(error: TransferredError): Promise<Error> {
  try {
    return (await import('./transfer-error.js')).reviveError(error);
  } catch {
    return Object.assign(new Error(error.message), { name: error.name });
  }
}

/** What a tab that joined an already booted database reports: nothing ran for it. */
function emptyResult(leader: MigrateResult): MigrateResult {
  return { results: [], applied: [], adopted: [], outOfOrder: [], pending: leader.pending, empty: leader.empty, redone: [], warnings: [], durationMs: 0 };
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
