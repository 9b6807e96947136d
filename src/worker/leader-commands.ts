import type { Extensions, PGlite } from '@electric-sql/pglite';
import { resetDatabase } from '../browser/reset-database.js';
import { restoreSnapshot } from '../browser/snapshots.js';
import type { LeaderCommand, WorkerBootMeta } from '../browser/worker-protocol.js';

/**
 * Runs a tab's request in the leader, which owns the database's storage: the database is closed,
 * then deleted (reset) or replaced (restore). Resolves to the error, if any, to send back.
 */
export async function runLeaderCommand(
  command: LeaderCommand,
  context: { meta: WorkerBootMeta; db: PGlite | undefined; extensions: Extensions | undefined },
): Promise<Error | undefined> {
  const { meta } = context;
  const dataDir = meta.dataDir ?? `idb://${meta.name}`;
  try {
    if (command.type === 'reset') {
      await resetDatabase(meta.name, { dataDir });
    } else {
      await restoreSnapshot({
        name: meta.name,
        id: command.snapshotId,
        dataDir,
        ...(context.db ? { db: context.db } : {}),
        ...(context.extensions ? { pgliteOptions: { extensions: context.extensions } } : {}),
      });
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
