import type { MigrateOptions, MigrateResult, Progress } from '../core/internal.js';
import type { TransferredError } from './transfer-error.js';

// Worker mode: every tab starts a dedicated worker; PGlite's election picks one of them (the
// leader) to open the database, and the others proxy their queries to it (PGliteWorker).
// pgboot's own messages travel on one BroadcastChannel per database, so that every tab hears
// the leader's progress and outcome, whichever tab's worker won the election.

/** What a worker's build bundles: enough for a tab to tell whether another build is newer. */
export interface BuildInfo {
  /** The newest bundled migration (undefined for an empty set). */
  head: string | undefined;
  /** Every bundled id, in run order. */
  ids: string[];
}

/** How the leader's boot ended; kept by the leader and replayed to tabs that join later. */
export type BootOutcome =
  | { ok: true; build: BuildInfo; result: MigrateResult; source: 'existing' | 'image' | 'new' | undefined; openMs: number; migrateMs: number }
  | { ok: false; build: BuildInfo; error: TransferredError };

/** A request a tab sends to the leader, which owns the database's storage. */
export type LeaderCommand =
  /** Close the database, delete its storage; every tab reloads. */
  | { type: 'reset' }
  /** Replace the database with a snapshot kept by `takeSnapshot`; every tab reloads. */
  | { type: 'restore'; snapshotId: string };

export type WorkerMessage =
  /** A tab's worker started (leader or not). The leader answers with `leader`. */
  | { type: 'hello'; build: BuildInfo }
  /** This worker won the election and serves the database (also the answer to `hello`). */
  | { type: 'leader'; build: BuildInfo }
  | { type: 'progress'; build: BuildInfo; progress: Progress }
  /** The leader's boot ended (broadcast once, then again as the answer to `outcome?`). */
  | { type: 'outcome'; outcome: BootOutcome; replay: boolean }
  /** A tab asks the leader how its boot ended. */
  | { type: 'outcome?' }
  | { type: 'command'; callId: string; command: LeaderCommand }
  | { type: 'command-result'; callId: string; error?: TransferredError }
  /** The database was replaced or deleted: every tab reloads. */
  | { type: 'reload'; reason: 'reset' | 'restore' };

/** Sent by a worker to its own page only, over the worker's port. */
export interface OwnBuildMessage {
  type: 'pgboot:build';
  build: BuildInfo;
}

/** The BroadcastChannel of a database in worker mode. */
export function workerChannelName(database: string): string {
  return `pgboot-worker:${database}`;
}

/** PGlite's election id for a database: fixed, so that every build of the app joins one election. */
export function electionId(database: string): string {
  return `pgboot:${database}`;
}

/** What a page hands its worker, through PGliteWorker's `meta`. Plain data: it is structured-cloned. */
export interface WorkerBootMeta {
  name: string;
  dataDir: string | undefined;
  lockTimeout: number | undefined;
  /** The run options of this tab's `bootDatabase`, used when its worker leads. */
  migrate: Pick<MigrateOptions, 'to' | 'onDrift' | 'onAhead' | 'outOfOrder' | 'appBuild' | 'drizzleTable' | 'adopt'>;
}
