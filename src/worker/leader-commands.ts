import type { Extensions, PGlite } from '@electric-sql/pglite';
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
    // Loaded when a tab asks, not with the worker: most sessions never reset or restore.
    if (command.type === 'reset') {
      const { resetDatabase } = await import('../browser/reset-database.js');
      await resetDatabase(meta.name, { dataDir });
    } else {
      const { restoreSnapshot } = await import('../browser/snapshots.js');
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
