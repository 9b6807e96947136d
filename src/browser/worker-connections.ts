import type { LeaderCommand } from './worker-protocol.js';

/** A database this page reaches through a leader worker (worker mode). */
export interface WorkerConnection {
  /** Asks the leader, whichever tab's worker it is, to do `command`; resolves when it is done. */
  command(command: LeaderCommand): Promise<void>;
}

/**
 * Databases this page booted in worker mode, by name, so that `resetDatabase` and
 * `restoreSnapshot` hand the work to the leader, which owns the storage, instead of doing it here.
 */
export const workerConnections = new Map<string, WorkerConnection>();
