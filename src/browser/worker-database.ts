import type { ExecProtocolResult } from '@electric-sql/pglite';
import { PGliteWorker, type PGliteWorkerOptions } from '@electric-sql/pglite/worker';

type BackendMessages = Awaited<ReturnType<PGliteWorker['execProtocolStream']>>;
type DumpTarCompressionOptions = Parameters<PGliteWorker['dumpDataDir']>[0];

/**
 * The database handle of a tab in worker mode: PGlite's `PGliteWorker` (queries go to the leader
 * worker, whichever tab's it is), plus one thing it lacks: a way to refuse. Once this tab must
 * stop using the database (a newer build took it over, or the leader's boot failed), every query,
 * including one waiting for a leader that will never serve it, rejects with that typed error
 * instead of hanging or running against a schema this build does not know.
 */
export class WorkerDatabase extends PGliteWorker {
  #refusal: Error | undefined;
  #refuse!: (error: Error) => void;
  readonly #refused = new Promise<never>((_, reject) => (this.#refuse = reject));

  #leader = false;

  constructor(worker: Worker, options?: PGliteWorkerOptions) {
    super(worker, options);
    this.#refused.catch(() => undefined); // observed by whoever races it
    // PGliteWorker can miss its worker's 'leader-now' when the election is won at once; pgboot's worker says it again.
    worker.addEventListener('message', (event: MessageEvent) => {
      if (event.data?.type === 'pgboot:leader') this.#leader = true;
    });
  }

  /** Whether this tab's worker is the leader, the one that has the database open. */
  override get isLeader(): boolean {
    return this.#leader || super.isLeader;
  }

  /** Why this tab may no longer query the database, once it may not. */
  get refusal(): Error | undefined {
    return this.#refusal;
  }

  /** From now on every query rejects with `error` (the first reason given stays). */
  refuse(error: Error): void {
    if (this.#refusal) return;
    this.#refusal = error;
    this.#refuse(error);
  }

  // PGliteWorker starts this query without awaiting it; once refused, its rejection is expected, not unhandled.
  override async _initArrayTypes(options?: { force?: boolean }): Promise<void> {
    try {
      await super._initArrayTypes(options);
    } catch (error) {
      if (error !== this.#refusal) throw error;
    }
  }

  override async _checkReady(): Promise<void> {
    this.#throwIfRefused();
    await Promise.race([super._checkReady(), this.#refused]);
  }

  override execProtocol(message: Uint8Array): Promise<ExecProtocolResult> {
    return this.#guard(() => super.execProtocol(message));
  }

  override execProtocolRaw(message: Uint8Array): Promise<Uint8Array> {
    return this.#guard(() => super.execProtocolRaw(message));
  }

  override execProtocolStream(message: Uint8Array): Promise<BackendMessages> {
    return this.#guard(() => super.execProtocolStream(message));
  }

  override execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void> {
    return this.#guard(() => super.execProtocolRawStream(message, options));
  }

  override dumpDataDir(compression?: DumpTarCompressionOptions): Promise<File | Blob> {
    return this.#guard(() => super.dumpDataDir(compression));
  }

  override _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    return this.#guard(() => super._runExclusiveQuery(fn));
  }

  override _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#guard(() => super._runExclusiveTransaction(fn));
  }

  #guard<T>(call: () => Promise<T>): Promise<T> {
    this.#throwIfRefused();
    const pending = call();
    pending.catch(() => undefined); // when refused first, its later rejection is not news
    return Promise.race([pending, this.#refused]);
  }

  #throwIfRefused(): void {
    if (this.#refusal) throw this.#refusal;
  }
}
