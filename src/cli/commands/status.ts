import { resolve } from 'node:path';
import { getStatus, planMigrations, prepareMigrations, type MigrationStatusEntry, type StatusReport } from '../../core/internal.js';
import { formatTable } from '../format-table.js';
import { writeWarning, type CliIo } from '../io.js';
import type { Colors } from '../colors.js';
import { parseCommandArgs } from '../parse-args.js';
import { databaseExists, displayPath, loadFolder } from '../project.js';
import { DATABASE_OPTIONS, openCliDatabase } from './database-options.js';

/**
 * `pgboot status [--json]`: every migration's state against the database on disk, and totals.
 * A database that does not exist yet is reported as such and not created.
 */
export async function status(args: string[], io: CliIo): Promise<number | 'help'> {
  const { values } = parseCommandArgs('status', args, { ...DATABASE_OPTIONS, json: { type: 'boolean' } });
  if (values.help) return 'help';
  const migrations = await loadFolder(io, values.dir!);
  const exists = await databaseExists(io, values.db!);
  let report: StatusReport;
  if (exists) {
    const db = await openCliDatabase('status', io, values.db!, values.extension!, migrations, values['lock-timeout']);
    try {
      report = await getStatus(db, { migrations });
    } finally {
      await db.close();
    }
  } else {
    const prepared = await prepareMigrations(migrations);
    report = { ...planMigrations(prepared.migrations, []), adoptable: [], adoptableFrom: {}, warnings: prepared.warnings };
  }

  const adoptedBy = (id: string): string | undefined => report.adoptableFrom[id];
  const totals = {
    total: report.entries.length,
    applied: report.applied.length,
    pending: report.pending.length,
    drifted: report.drifted.length,
    unknown: report.unknown.length,
    outOfOrder: report.outOfOrder.length,
    empty: report.empty.length,
  };
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          migrationsDir: resolve(io.cwd, values.dir!),
          database: resolve(io.cwd, values.db!),
          databaseExists: exists,
          totals,
          migrations: report.entries.map((entry) => toJson(entry, adoptedBy(entry.id))),
          warnings: report.warnings,
        },
        null,
        2,
      ),
    );
    return 0;
  }

  const c = io.outColors;
  io.out(`Migrations in ${c.bold(displayPath(io, values.dir!))} against ${c.bold(displayPath(io, values.db!))}${exists ? '' : c.dim(' (does not exist yet)')}`);
  io.out();
  if (report.entries.length === 0) {
    io.out('  No migrations yet. Create one with: pgboot create <name>');
  } else {
    const header = ['STATE', 'ID', 'APPLIED AT (UTC)', 'DURATION', 'NOTE'].map(c.dim);
    io.out(formatTable([header, ...report.entries.map((entry) => row(entry, adoptedBy(entry.id), c))]).join('\n'));
  }
  io.out();
  const parts = [
    c.green(`${totals.applied} applied`),
    (totals.pending ? c.yellow : String)(`${totals.pending} pending`),
    (totals.drifted ? c.red : String)(`${totals.drifted} drifted`),
    (totals.unknown ? c.red : String)(`${totals.unknown} unknown`),
    ...(totals.empty ? [`${totals.empty} empty`] : []),
  ];
  io.out(`  ${parts.join(', ')} (${totals.total} total${totals.outOfOrder ? `, ${totals.outOfOrder} out of order` : ''})`);
  for (const warning of report.warnings) writeWarning(io, warning);
  return 0;
}

/** `adoptedBy`: the tool that applied a migration pgboot will adopt at the next up. */
function row(entry: MigrationStatusEntry, adoptedBy: string | undefined, c: Colors): string[] {
  const color = { applied: c.green, pending: c.yellow, drifted: c.red, unknown: c.red, empty: c.dim }[entry.state];
  return [
    color(entry.state),
    entry.id,
    entry.appliedAt ? entry.appliedAt.toISOString().replace('T', ' ').slice(0, 19) : '',
    entry.durationMs === undefined || adoptedBy ? '' : `${entry.durationMs} ms`,
    notes(entry, adoptedBy).join('; '),
  ];
}

function notes(entry: MigrationStatusEntry, adoptedBy: string | undefined): string[] {
  const notes: string[] = [];
  if (adoptedBy) notes.push(`applied by ${adoptedBy}; recorded at the next up`);
  if (entry.state === 'drifted') notes.push('file changed since it was applied');
  if (entry.state === 'unknown') notes.push('applied, but not in the folder (a newer build?)');
  if (entry.state === 'empty') notes.push('no statements yet: not applied until it has some');
  if (entry.outOfOrder) notes.push('out of order: sorts before an applied migration');
  if (entry.state !== 'unknown' && entry.state !== 'empty' && !entry.reversible) notes.push('no down');
  return notes;
}

function toJson(entry: MigrationStatusEntry, adoptedBy: string | undefined) {
  return {
    id: entry.id,
    state: entry.state,
    file: entry.file ?? null,
    appliedAt: entry.appliedAt?.toISOString() ?? null,
    durationMs: entry.durationMs ?? null,
    checksum: entry.checksum ?? null,
    storedChecksum: entry.storedChecksum ?? null,
    outOfOrder: entry.outOfOrder,
    reversible: entry.reversible,
    description: entry.description ?? null,
    adoptable: adoptedBy !== undefined,
    adoptedFrom: adoptedBy ?? null,
  };
}
