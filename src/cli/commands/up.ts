import { migrate } from '../../core/internal.js';
import type { CliIo } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { displayPath, loadFolder } from '../project.js';
import { DATABASE_OPTIONS, openCliDatabase } from './database-options.js';
import { runBatch } from './run-batch.js';

/** `pgboot up [--to <id>]`: applies pending migrations to the database on disk. */
export async function up(args: string[], io: CliIo): Promise<number | 'help'> {
  const { values } = parseCommandArgs('up', args, {
    ...DATABASE_OPTIONS,
    to: { type: 'string' },
    'allow-drift': { type: 'boolean' },
    'ignore-ahead': { type: 'boolean' },
  });
  if (values.help) return 'help';
  const migrations = await loadFolder(io, values.dir!);
  const db = await openCliDatabase('up', io, values.db!, values.extension!, migrations, values['lock-timeout']);
  const where = displayPath(io, values.db!);
  const result = await runBatch(io, db, (onWarning) =>
    migrate(db, {
      migrations,
      ...(values.to === undefined ? {} : { to: values.to }),
      onDrift: values['allow-drift'] ? 'warn' : 'error',
      onAhead: values['ignore-ahead'] ? 'ignore' : 'error',
      onWarning,
    }),
  );
  if (result.adopted.length > 0) io.out(`Recorded ${result.adopted.length} migration(s) another tool had applied, without running them.`);
  if (result.applied.length === 0) io.out(`Nothing to apply: ${where} is up to date.`);
  else io.out(`Applied ${result.applied.length} migration(s) to ${where} in ${Math.round(result.durationMs)} ms.`);
  if (result.pending.length > 0) io.out(`${result.pending.length} migration(s) still pending after ${values.to}.`);
  return 0;
}
