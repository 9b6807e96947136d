/*
 * A returning user's boot has nothing to do: every bundled migration is applied, unchanged. This
 * module answers "is there anything to do?" with one read of `_migrations` (made without PGlite's
 * flush), so that such a boot never loads the run path (run-batch.ts and everything under it:
 * planning, SQL splitting, the bookkeeping writer, the error classes). It decides nothing: whenever
 * the answer is not a plain "nothing", the caller runs `migrate`, which reads again and decides as always.
 */
import { folderWarnings } from './folder-warnings.js';
import { MIGRATION_NAME, parseMigrationId, sourceId, versionStyle } from './migration-id.js';
import { readModuleExports } from './module-exports.js';
import type { MigrateOptions, MigrateResult } from './run-options.js';
import { MIGRATIONS_TABLE, TRACKING_TABLES_STATE } from './tracking-tables.js';
import type { Database, MigrationSource } from './types.js';

/** An applied migration as `_migrations` records it, as far as the check needs. */
interface RecordedChecksum {
  id: string;
  checksum: string;
}

/**
 * What `migrate(db, options)` would return when the database is up to date, without loading the
 * run path: the same empty result, and the same `plan` and `done` progress. `undefined` when there
 * may be something to do, or something to report: call `migrate`. Two reads, no flush.
 *
 * @example
 * const result = (await upToDateResult(db, options)) ?? (await (await import('pgboot')).migrate(db, options));
 */
export async function upToDateResult(db: Database, options: MigrateOptions): Promise<MigrateResult | undefined> {
  const started = performance.now();
  if (options.status !== undefined) return undefined;
  const recorded = await readRecordedChecksums(db);
  if (!recorded || !nothingToDo(options.migrations, recorded, options)) return undefined;
  const progress = { index: 0, total: 0, id: undefined };
  options.onProgress?.({ phase: 'plan', ...progress });
  options.onProgress?.({ phase: 'done', ...progress });
  return { results: [], applied: [], adopted: [], outOfOrder: [], pending: [], empty: [], redone: [], warnings: [], durationMs: performance.now() - started };
}

/** The ids and checksums in `_migrations`; `undefined` when `migrate` would write its tables (missing, or made before `down_sql`). */
async function readRecordedChecksums(db: Database): Promise<RecordedChecksum[] | undefined> {
  const [state] = await readWithoutFlush(db, TRACKING_TABLES_STATE);
  if (state?.[0] !== 't' || state[1] !== 't') return undefined;
  return (await readWithoutFlush(db, `SELECT id, checksum FROM ${MIGRATIONS_TABLE}`)).map(([id, checksum]) => ({ id: id!, checksum: checksum! }));
}

/**
 * The rows of one query, as text, read without PGlite's flush: `query()` and a transaction's
 * `BEGIN` flush the whole data directory to storage (40-150 ms against IndexedDB) even for a read,
 * so a check made with them would cost a boot with something to do one flush more than `migrate`
 * alone. PGlite's protocol call takes `syncToFs: false`; a read has nothing to flush.
 */
async function readWithoutFlush(db: Database, sql: string): Promise<(string | null)[][]> {
  const { messages } = await db.runExclusive(() => db.execProtocol(simpleQuery(sql), { syncToFs: false }));
  return messages.flatMap((message) => (message.name === 'dataRow' && 'fields' in message ? [message.fields as (string | null)[]] : []));
}

/** Postgres' simple-query message: 'Q', its length (itself included), the SQL, a NUL. */
function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(sql);
  const message = new Uint8Array(text.length + 6);
  message[0] = 0x51;
  new DataView(message.buffer).setInt32(1, text.length + 5);
  message.set(text, 5);
  return message;
}

/**
 * Whether `migrate` with these options would do nothing and report nothing: every bundled migration
 * recorded with its checksum, no other row, no `to`, and nothing `prepareMigrations` warns about
 * (folder warnings, two migrations sharing a version). Validation is not repeated: a text recorded
 * with its checksum passed it when it was applied. What the checksum does not vouch for hands over
 * (`false`): an invalid name or module exports, a module still to import, a down kept in a file of
 * its own (not part of the checksum), a SQL source without a checksum (the bundler plugin's always
 * have one; computing it is `prepareMigrations`' job).
 */
function nothingToDo(sources: readonly MigrationSource[], recorded: readonly RecordedChecksum[], options: Pick<MigrateOptions, 'to'>): boolean {
  if (sources.length === 0 || recorded.length !== sources.length || options.to !== undefined || folderWarnings(sources).length > 0) return false;
  const unmatched = new Map(recorded.map((row) => [row.id, row.checksum]));
  const versions = new Set<string>();
  const styles = new Set<string>();
  for (const source of sources) {
    const id = sourceId(source);
    const parts = source.id === undefined ? MIGRATION_NAME.exec(id) && parseMigrationId(id) : parseMigrationId(id);
    if (!parts || !trusted(source)) return false;
    const version = parts.version.replace(/^0+/, '');
    if (versions.has(version)) return false; // shared version: prepareMigrations warns
    versions.add(version);
    if (source.id === undefined) styles.add(versionStyle(parts.version));
    if (source.checksum === undefined || unmatched.get(id) !== source.checksum) return false;
    unmatched.delete(id); // a repeated id then finds no row
  }
  return styles.size <= 1;
}

/** Whether the recorded checksum vouches for everything `prepareMigrations` would check in this source. */
function trusted(source: MigrationSource): boolean {
  if ('sql' in source) return source.downSql === undefined;
  return typeof source.module !== 'function' && !('problem' in readModuleExports(source.module));
}
