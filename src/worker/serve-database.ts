import { bundledIds, isNewer, type FirstBootImage, type MigrationSource, type MigrationWarning } from '../core/internal.js';
import type { Extensions, PGlite, PGliteOptions } from '@electric-sql/pglite';
import { worker as electLeader } from '@electric-sql/pglite/worker';
import type { BootDatabaseOptions, BootDatabaseResult } from '../browser/boot-options.js';
import { bootInPage } from '../browser/boot-in-page.js';
import { markBoot } from '../browser/boot-marks.js';
import type { TransferredError } from '../browser/transfer-error.js';
import { workerChannelName, type BootOutcome, type BuildInfo, type WorkerBootMeta, type WorkerMessage } from '../browser/worker-protocol.js';
import { flushOncePerCommit } from './flush-on-commit.js';
import { runLeaderCommand } from './leader-commands.js';

export interface ServeDatabaseOptions<E extends Extensions = Extensions> {
  /** This build's migrations: `import migrations from 'virtual:pgboot/migrations'` in the worker script. */
  migrations: readonly MigrationSource[];
  /**
   * PGlite extensions, loaded by the leader at every open: those the migrations create come from the
   * bundler plugin, `import migrations, { extensions } from 'virtual:pgboot/migrations'`.
   */
  extensions?: E;
  /** Further PGlite options for the leader's instance (anything but `dataDir` and `extensions`). */
  pglite?: Omit<PGliteOptions, 'dataDir' | 'extensions'>;
  /** Non-fatal findings of the leader's migrate (default `console.warn`, in the worker's console). */
  onWarning?: (warning: MigrationWarning) => void;
  /** As for `bootDatabase`: keep a snapshot before pending migrations run. Default `'never'`. */
  snapshot?: 'before-migrate' | 'never';
  /** A first-boot image (`import image from 'virtual:pgboot/image'` in the worker script): a new database starts from it. */
  image?: FirstBootImage | undefined;
}

type Role = 'waiting' | 'leader' | 'stepping-down';

/**
 * The worker script's side of worker mode. Every tab of the app starts this worker; PGlite's
 * election (`worker({ init })` from `@electric-sql/pglite/worker`) makes one of them the leader,
 * which opens the database, runs this build's pending migrations with the same engine as
 * `bootDatabase` (one transaction each, one flush per batch), and then serves every tab's queries.
 * The other workers wait, and take over if the leader's tab closes.
 *
 * Builds: a worker that hears of a newer build (another tab's worker bundles migrations this one
 * lacks) never leads again, and a leader steps down for it, so the newer build migrates and serves.
 *
 * @example
 * // src/db.worker.ts
 * import migrations, { extensions } from 'virtual:pgboot/migrations';
 * import { serveDatabase } from 'pgboot/worker';
 * serveDatabase({ migrations, extensions });
 */
export function serveDatabase<E extends Extensions = Extensions>(options: ServeDatabaseOptions<E>): void {
  markBoot('worker-script');
  const ids = bundledIds(options.migrations);
  const build: BuildInfo = { head: ids.at(-1), ids };
  const known = new Set(ids);
  let role: Role = 'waiting';
  let meta: WorkerBootMeta | undefined;
  let channel: BroadcastChannel | undefined;
  let newer: BuildInfo | undefined;
  let outcome: BootOutcome | undefined;
  let booted: BootDatabaseResult<E> | undefined;
  const post = (message: WorkerMessage) => channel?.postMessage(message);

  // Closes the database and leaves the election (for a newer build, or when the database is ahead).
  const stepDown = async () => {
    if (role === 'stepping-down') return;
    role = 'stepping-down';
    if (booted && !booted.db.closed) await booted.db.close().catch(() => undefined);
    // Ending this worker releases PGlite's election lock: the next worker in line leads.
    close();
  };

  const onChannelMessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if ('build' in message && message.build.head !== undefined && isNewer(message.build.head, known, build.head)) {
      newer ??= message.build;
      // A leader still booting steps down when its boot ends (init checks `newer`).
      if (role === 'leader' && outcome) void stepDown();
    }
    switch (message.type) {
      case 'hello':
        if (role === 'leader') post({ type: 'leader', build }); // tell the newcomer which build leads
        break;
      case 'outcome?':
        if (role === 'leader' && outcome) post({ type: 'outcome', outcome, replay: true });
        break;
      case 'command':
        if (role !== 'leader' || !meta) break;
        role = 'stepping-down';
        void runLeaderCommand(message.command, { meta, db: booted?.db as PGlite | undefined, extensions: options.extensions }).then(async (error) => {
          post({ type: 'command-result', callId: message.callId, ...(error ? { error: await transferred(error) } : {}) });
          if (!error) post({ type: 'reload', reason: message.command.type });
          close();
        });
        break;
    }
  };

  // PGliteWorker sends its options (with pgboot's `meta`) once; PGlite's own listener takes them too.
  addEventListener('message', (event: MessageEvent) => {
    if (meta || event.data?.type !== 'init') return;
    meta = event.data.options?.meta?.pgboot as WorkerBootMeta | undefined;
    markBoot('worker-options');
    if (!meta) {
      void pgbootError(`serveDatabase: this worker was not started by pgboot's bootDatabase({ name, worker }) in the page.`).then(console.error);
      return;
    }
    channel = new BroadcastChannel(workerChannelName(meta.name));
    channel.onmessage = onChannelMessage;
    postMessage({ type: 'pgboot:build', build });
    post({ type: 'hello', build });
  });

  void electLeader({
    init: async () => {
      markBoot('elected');
      role = 'leader';
      if (!meta) throw await pgbootError(`serveDatabase: the page sent no pgboot options; boot it with bootDatabase({ name, worker }).`);
      if (newer) return stepDownForever(stepDown);
      postMessage({ type: 'pgboot:leader' });
      post({ type: 'leader', build });
      const bootOptions: BootDatabaseOptions<E> = {
        name: meta.name,
        migrations: options.migrations,
        dataDir: meta.dataDir,
        ...meta.migrate,
        ...(meta.lockTimeout === undefined ? {} : { lockTimeout: meta.lockTimeout }),
        ...(options.extensions ? { extensions: options.extensions } : {}),
        ...(options.pglite ? { pglite: options.pglite } : {}),
        ...(options.onWarning ? { onWarning: options.onWarning } : {}),
        ...(options.snapshot ? { snapshot: options.snapshot } : {}),
        ...(options.image ? { image: options.image } : {}),
        onProgress: (progress) => post({ type: 'progress', build, progress }),
      };
      try {
        booted = await bootInPage(bootOptions);
      } catch (error) {
        outcome = { ok: false, build, error: await transferred(error) };
        post({ type: 'outcome', outcome, replay: false });
        // An older build that finds the database ahead makes way for a newer one; other failures
        // keep the election (every tab has the error; a reload or a reset from a tab starts over).
        if (outcome.error.name === 'DatabaseAheadError') return stepDownForever(stepDown);
        return new Promise<never>(() => undefined);
      }
      outcome = { ok: true, build, result: booted.result, source: booted.source, openMs: booted.timings.openMs, migrateMs: booted.timings.migrateMs };
      post({ type: 'outcome', outcome, replay: false });
      if (newer) return stepDownForever(stepDown); // a newer build arrived while this one migrated
      return flushOncePerCommit(booted.db as unknown as PGlite);
    },
  });
}

/**
 * A failure as the tabs receive it. Its code, with the error classes, loads only now: a boot that
 * succeeds never needs it. Should loading fail (e.g. offline after a deploy), the tabs still get the message.
 */
async function transferred(error: unknown): Promise<TransferredError> {
  try {
    return (await import('../browser/transfer-error.js')).transferError(error);
  } catch {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    return { name, message, stack, fields: {}, cause: undefined };
  }
}

/** A `PgbootError`, its class loaded only when one is made. */
async function pgbootError(message: string): Promise<Error> {
  // biome-ignore lint/style/noRestrictedImports: loaded on demand, in a chunk of its own
  const { PgbootError } = await import('../core/errors.js');
  return new PgbootError(message);
}

/** Steps down and never resolves: PGlite's election must not serve a database this worker gave up. */
function stepDownForever(stepDown: () => Promise<void>): Promise<never> {
  void stepDown();
  return new Promise<never>(() => undefined);
}
