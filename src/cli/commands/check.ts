import { resolve } from 'node:path';
import { checkMigrations } from '../check-migrations.js';
import { loadExtensions } from '../extensions.js';
import { DEFAULT_DIR } from '../help.js';
import type { CliIo } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { displayPath, loadFolder } from '../project.js';

/** `pgboot check [--json] [--strict]`: validates the migrations folder for CI. */
export async function check(args: string[], io: CliIo): Promise<number | 'help'> {
  const { values } = parseCommandArgs('check', args, {
    dir: { type: 'string', default: DEFAULT_DIR },
    extension: { type: 'string', multiple: true, default: [] as string[] },
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
  });
  if (values.help) return 'help';
  await loadFolder(io, values.dir!); // fails clearly when the folder is missing
  const extensions = await loadExtensions('check', values.extension!);
  const report = await checkMigrations(resolve(io.cwd, values.dir!), { extensions });
  const failed = report.errors > 0 || (values.strict === true && report.warnings > 0);

  if (values.json) {
    io.out(JSON.stringify({ ok: !failed, ...report }, null, 2));
    return failed ? 1 : 0;
  }
  const c = io.outColors;
  io.out(`Checking ${c.bold(displayPath(io, values.dir!))}`);
  for (const finding of report.findings) {
    const label = finding.level === 'error' ? c.red('error  ') : c.yellow('warning');
    io.out(`  ${label} ${finding.message.replace(/\n/g, '\n          ')}`);
  }
  for (const step of report.steps) {
    const mark = step.status === 'ok' ? c.green('✓') : step.status === 'failed' ? c.red('✗') : c.dim('-');
    io.out(`  ${mark} ${step.detail}`);
  }
  const summary = `${report.errors} error(s), ${report.warnings} warning(s) in ${report.files} file(s)`;
  io.out(failed ? c.red(`check failed: ${summary}${report.errors === 0 ? ' (--strict)' : ''}`) : c.green(`check passed: ${summary}`));
  return failed ? 1 : 0;
}
