import { dbmateAdopter } from './adopters/dbmate.js';
import { dieselAdopter } from './adopters/diesel.js';
import { drizzleAdopter } from './adopters/drizzle.js';
import { golangMigrateAdopter } from './adopters/golang-migrate.js';
import { prismaAdopter } from './adopters/prisma.js';
import type { AdoptionContext, HistoryAdopter, ToolHistory } from './adopters/types.js';
import type { Session } from './session.js';
import { bookkeepingSql, LOG_TABLE } from './tracking.js';
import type { MigrationWarning } from './types.js';

/** The tools whose history pgboot takes over, each found by its own table. */
export const ADOPTERS: readonly HistoryAdopter[] = [drizzleAdopter, golangMigrateAdopter, dbmateAdopter, prismaAdopter, dieselAdopter];

export interface AdoptOptions extends AdoptionContext {
  /** `false` turns adoption off: other tools' tables are not read. */
  adopt?: boolean | undefined;
  /** Rows of a tool's table that match no bundled migration: `'error'` (default) throws, `'ignore'` warns. */
  onAhead?: 'error' | 'ignore' | undefined;
  appBuild?: string | undefined;
}

/**
 * What other migration tools recorded in this database, each matched to the bundled migrations.
 * A migration two tools claim is adopted once, from the first. Nothing on a database pgboot has
 * migrated before: after pgboot rolled everything back, `_migrations` is empty again, but the
 * other tool's table still describes a schema that is gone. Reads only.
 */
export async function readToolHistories(session: Pick<Session, 'query'>, options: AdoptOptions): Promise<ToolHistory[]> {
  if (options.adopt === false || (await pgbootHasMigrated(session))) return [];
  const histories: ToolHistory[] = [];
  const claimed = new Set<string>();
  for (const adopter of ADOPTERS) {
    const history = await adopter.read(session, options);
    if (!history) continue;
    history.adopted = history.adopted.filter(({ migration }) => {
      if (claimed.has(migration.id)) return false;
      claimed.add(migration.id);
      return true;
    });
    histories.push(history);
  }
  return histories;
}

/**
 * Adopts a database another tool migrated (drizzle-orm, golang-migrate, dbmate, Prisma, diesel):
 * every bundled migration the tool applied is recorded in `_migrations` without running, with
 * an `adopt` history entry (`details.from` names the tool's table). The runner loads this module (on
 * demand) and calls it while `_migrations` is still empty and another tool's table exists; the tools' tables are read, never changed. A blocked state
 * (dirty, failed) always throws, unmatched rows throw unless `onAhead: 'ignore'`; both before
 * anything is written.
 *
 * @example
 * // inside migrate(): the first run on a database golang-migrate left at version 42
 * const { adopted } = await adoptToolHistories(session, { migrations, sources });
 * // adopted: ['000001_init', ..., '000042_add_posts'] — only the migrations after them run
 */
export async function adoptToolHistories(
  session: Pick<Session, 'query' | 'exec'>,
  options: AdoptOptions,
): Promise<{ adopted: string[]; warnings: MigrationWarning[] }> {
  const histories = await readToolHistories(session, options);
  const warnings: MigrationWarning[] = [];
  for (const history of histories) if (history.blocked) throw history.blocked;
  for (const history of histories) {
    if (!history.unmatched) continue;
    if ((options.onAhead ?? 'error') === 'error') throw history.unmatched;
    warnings.push({ file: history.table, message: history.unmatched.message });
  }

  const adopted: string[] = [];
  for (const history of histories) {
    for (const { migration, checksum, appliedAt, details } of history.adopted) {
      await session.exec(
        bookkeepingSql({
          action: 'adopt',
          migration: { ...migration, checksum },
          durationMs: 0,
          appBuild: options.appBuild,
          appliedAt,
          details: { from: history.table, ...details },
        }),
      );
      adopted.push(migration.id);
    }
  }
  return { adopted, warnings };
}

/** Whether pgboot ever applied or adopted a migration here (its history says so, even when `_migrations` is empty again). */
async function pgbootHasMigrated(session: Pick<Session, 'query'>): Promise<boolean> {
  // Two queries: Postgres resolves every table a query names before running it.
  const found = await session.query<{ present: boolean }>(`SELECT to_regclass('${LOG_TABLE}') IS NOT NULL AS present`);
  if (found.rows[0]?.present !== true) return false;
  const { rows } = await session.query<{ migrated: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${LOG_TABLE} WHERE action IN ('up', 'adopt')) AS migrated`);
  return rows[0]?.migrated === true;
}
