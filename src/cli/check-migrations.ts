import { PGlite, type Extensions } from '@electric-sql/pglite';
import {
  DuplicateMigrationIdError,
  folderWarnings,
  migrate,
  MigrationError,
  PgbootError,
  planMigrations,
  prepareMigrations,
  rollback,
  type Migration,
  type MigrationModule,
  type MigrationSource,
} from '../core/internal.js';
import { loadMigrations } from '../node/load-migrations.js';
import { diffFingerprints, schemaFingerprint } from './schema-fingerprint.js';

export interface CheckFinding {
  level: 'error' | 'warning';
  /** The migration file, relative to the folder; undefined for findings about the whole set. */
  file: string | undefined;
  message: string;
}

export interface CheckStep {
  name: 'files' | 'apply' | 'rollback' | 'reapply';
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
}

export interface CheckReport {
  /** Migration files found in the folder. */
  files: number;
  findings: CheckFinding[];
  steps: CheckStep[];
  errors: number;
  warnings: number;
}

/**
 * Checks a migrations folder the way CI should: every file on its own (name, SQL markers,
 * BEGIN/COMMIT, module exports), the set (repeated ids, mixed numbering, repeated versions),
 * then the whole history applied one by one to a fresh in-memory database, where each
 * migration with a `down` is rolled back right after its `up` (the schema must then be as
 * it was before the `up`) and applied again. Collects every finding instead of stopping at the first.
 *
 * @example
 * const report = await checkMigrations('migrations');
 * if (report.errors > 0) process.exitCode = 1;
 */
export async function checkMigrations(dir: string, options: { extensions?: Extensions } = {}): Promise<CheckReport> {
  const findings: CheckFinding[] = [];
  const loaded = await loadMigrations(dir, { onWarning: (w) => findings.push({ level: 'warning', file: w.file, message: w.message }) });
  const sources = loaded.map(importOnce);
  const steps: CheckStep[] = [];
  const error = (file: string | undefined, message: string) => findings.push({ level: 'error', file, message });
  const warning = (file: string | undefined, message: string) => findings.push({ level: 'warning', file, message });
  // Files the layout skipped on purpose (drizzle-kit leftovers): they never run, so say so.
  for (const skipped of folderWarnings(loaded)) warning(skipped.file, skipped.message);

  // Each file on its own, so that one bad file does not hide the next.
  const valid: { source: MigrationSource; migration: Migration }[] = [];
  for (const source of sources) {
    try {
      const [migration] = (await prepareMigrations([source])).migrations;
      valid.push({ source, migration: migration! });
    } catch (caught) {
      if (!(caught instanceof PgbootError)) throw caught;
      error(caught.file ?? source.file, caught.message);
    }
  }

  // Then the set: every repeated id, then what prepareMigrations checks across files.
  const byId = new Map<string, string[]>();
  for (const { migration } of valid) byId.set(migration.id, [...(byId.get(migration.id) ?? []), migration.file]);
  const repeated = new Set<string>();
  for (const [id, files] of byId) {
    if (files.length < 2) continue;
    repeated.add(id);
    const duplicate = new DuplicateMigrationIdError(id, files);
    error(duplicate.file, duplicate.message);
  }
  const runnable = valid.filter(({ migration }) => !repeated.has(migration.id));
  let ordered: Migration[] = [];
  try {
    const prepared = await prepareMigrations(runnable.map((v) => v.source));
    ordered = prepared.migrations;
    for (const w of prepared.warnings) warning(w.file, w.message);
  } catch (caught) {
    if (!(caught instanceof PgbootError)) throw caught;
    error(caught.file, caught.message);
  }
  // Only the newest empty ones wait; an empty one followed by others is a placeholder (e.g. a baseline) and runs.
  const waiting = new Set(planMigrations(ordered, []).empty);
  for (const m of ordered) {
    if (waiting.has(m.id)) {
      warning(m.file, `${m.file}: its up section has no statements, so it is not applied until it has some (is it still the template from 'pgboot create'?).`);
      continue;
    }
    if (!m.down)
      warning(m.file, `${m.file}: has no down, so it cannot be rolled back (pgboot down, the dev panel); add one unless the change cannot be undone.`);
  }

  const fileErrors = findings.filter((f) => f.level === 'error').length;
  steps.push({ name: 'files', status: fileErrors ? 'failed' : 'ok', detail: `${sources.length} file(s): names, ids, versions, SQL sections, module exports` });
  if (fileErrors > 0) {
    steps.push({ name: 'apply', status: 'skipped', detail: 'not run: fix the errors above first' });
  } else if (ordered.some((m) => !waiting.has(m.id))) {
    await runFromScratch(
      ordered.filter((m) => !waiting.has(m.id)),
      runnable.map((v) => v.source),
      options.extensions,
      steps,
      error,
    );
  }
  const errors = findings.filter((f) => f.level === 'error').length;
  return { files: sources.length, findings, steps, errors, warnings: findings.length - errors };
}

async function runFromScratch(
  ordered: Migration[],
  migrations: MigrationSource[],
  extensions: Extensions | undefined,
  steps: CheckStep[],
  error: (file: string | undefined, message: string) => void,
): Promise<void> {
  const quiet = { migrations, onWarning: () => undefined };
  const db = new PGlite(extensions === undefined ? {} : { extensions });
  // Each migration goes up, then (if it has one) down and up again, right away: every down is
  // tested in the state its up left, even below a later migration that cannot be rolled back.
  const apply = async (m: Migration, again: boolean): Promise<boolean> => {
    try {
      await migrate(db, { ...quiet, to: m.id });
      return true;
    } catch (caught) {
      if (!(caught instanceof MigrationError)) throw caught;
      error(caught.file, `${again ? 'applying again after its down failed: ' : ''}${withoutRunAdvice(caught.message)}`);
      return false;
    }
  };
  try {
    let before = await schemaFingerprint(db); // also waits for the database to be ready
    const started = performance.now();
    let reverted = 0;
    for (const m of ordered) {
      if (!(await apply(m, false))) {
        steps.push({ name: 'apply', status: 'failed', detail: `applying from scratch stopped at ${m.file}` });
        return;
      }
      const after = await schemaFingerprint(db);
      if (m.down) {
        try {
          await rollback(db, { ...quiet, steps: 1 });
        } catch (caught) {
          if (!(caught instanceof MigrationError)) throw caught;
          error(caught.file, withoutRunAdvice(caught.message));
          steps.push({ name: 'rollback', status: 'failed', detail: `rolling back stopped at ${m.file}` });
          return;
        }
        const changes = diffFingerprints(before, await schemaFingerprint(db));
        if (changes.length > 0) {
          error(
            m.file,
            `${m.file}: its down does not undo its up: after down the schema differs from before up:\n` +
              changes
                .slice(0, 10)
                .map((line) => `    ${line}`)
                .join('\n') +
              (changes.length > 10 ? `\n    ... and ${changes.length - 10} more` : '') +
              `\n  ('+' is left over, '-' is missing). Make down drop what up created and restore what it changed.`,
          );
          steps.push({ name: 'rollback', status: 'failed', detail: `rolling back stopped at ${m.file}` });
          return;
        }
        if (!(await apply(m, true))) {
          steps.push({ name: 'reapply', status: 'failed', detail: `applying again stopped at ${m.file}` });
          return;
        }
        reverted++;
      }
      before = after;
    }
    const ms = Math.round(performance.now() - started);
    steps.push({ name: 'apply', status: 'ok', detail: `applied ${ordered.length} migration(s) one by one to a fresh in-memory database (${ms} ms)` });
    const irreversible = ordered.length - reverted;
    steps.push({
      name: 'rollback',
      status: 'ok',
      detail:
        `rolled back each of the ${reverted} with a down right after its up, restoring the schema, and applied it again` +
        (irreversible > 0 ? ` (${irreversible} without a down)` : ''),
    });
  } finally {
    await db.close();
  }
}

/** A module source whose module is imported once, however often the check prepares it. */
function importOnce(source: MigrationSource): MigrationSource {
  if (!('module' in source) || typeof source.module !== 'function') return source;
  const load = source.module;
  let loaded: Promise<MigrationModule> | undefined;
  return { ...source, module: () => (loaded ??= load()) };
}

/** MigrationError's advice is about a real run ("earlier migrations stay applied"); a check does not need it. */
function withoutRunAdvice(message: string): string {
  return message.replace(/\nIt was rolled back and nothing after it ran;.*$/s, '');
}
