import { rollback, UnknownMigrationTargetError } from '../../core/internal.js';
import type { CliIo } from '../io.js';
import { parseCommandArgs, parseCount } from '../parse-args.js';
import { databaseExists, displayPath, loadFolder } from '../project.js';
import { UsageError } from '../usage-error.js';
import { DATABASE_OPTIONS, openCliDatabase } from './database-options.js';
import { runBatch } from './run-batch.js';

/** `pgboot down [--steps <n> | --to <id>]`: rolls back applied migrations, newest first. */
export async function down(args: string[], io: CliIo): Promise<number | 'help'> {
  const { values } = parseCommandArgs('down', args, { ...DATABASE_OPTIONS, to: { type: 'string' }, steps: { type: 'string' } });
  if (values.help) return 'help';
  if (values.to !== undefined && values.steps !== undefined) throw new UsageError('pass either --to or --steps, not both', 'down');
  const steps = values.steps === undefined ? undefined : parseCount('down', 'steps', values.steps);
  const to = values.to === '0' ? 0 : values.to;
  const migrations = await loadFolder(io, values.dir!);
  const where = displayPath(io, values.db!);

  if (!(await databaseExists(io, values.db!))) {
    if (typeof to === 'string') throw new UnknownMigrationTargetError(to, `the database ${where} does not exist yet, so nothing is applied`);
    io.out(`Nothing to roll back: ${where} does not exist yet.`);
    return 0;
  }
  const db = await openCliDatabase('down', io, values.db!, values.extension!, migrations, values['lock-timeout']);
  const result = await runBatch(io, db, (onWarning) =>
    rollback(db, { migrations, ...(to === undefined ? {} : { to }), ...(steps === undefined ? {} : { steps }), onWarning }),
  );
  if (result.reverted.length === 0) io.out(`Nothing to roll back in ${where}.`);
  else io.out(`Rolled back ${result.reverted.length} migration(s) in ${where} in ${Math.round(result.durationMs)} ms.`);
  return 0;
}
