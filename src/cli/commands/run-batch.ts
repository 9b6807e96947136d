import type { PGlite } from '@electric-sql/pglite';
import { MigrationError, type MigrationResult, type MigrationWarning } from '../../core/internal.js';
import { writeWarning, type CliIo } from '../io.js';

/**
 * Runs `migrate` or `rollback` (`run`) on the database `up` or `down` opened, then closes it:
 * warnings go to stderr as they come, and one line per migration run to stdout, including those
 * that ran before a failure (from the `MigrationError`, which is then rethrown).
 */
export async function runBatch<T extends { results: readonly MigrationResult[] }>(
  io: CliIo,
  db: PGlite,
  run: (onWarning: (warning: MigrationWarning) => void) => Promise<T>,
): Promise<T> {
  try {
    const result = await run((warning) => writeWarning(io, warning));
    printResults(io, result.results);
    return result;
  } catch (error) {
    if (error instanceof MigrationError) printResults(io, error.results);
    throw error;
  } finally {
    await db.close();
  }
}

/** One line per migration run: a mark, the id, the duration. */
function printResults(io: CliIo, results: readonly MigrationResult[]): void {
  const c = io.outColors;
  const width = Math.max(0, ...results.map((r) => r.id.length));
  for (const r of results) {
    const mark = r.status === 'failed' ? c.red('✗') : c.green('✓');
    const verb = r.status === 'failed' ? c.red('failed') : r.status;
    io.out(`  ${mark} ${r.id.padEnd(width)}  ${verb}  ${c.dim(`${Math.round(r.durationMs)} ms`)}`);
  }
}
