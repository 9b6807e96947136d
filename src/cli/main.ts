import { PgbootError } from '../core/internal.js';
import { check } from './commands/check.js';
import { create } from './commands/create.js';
import { down } from './commands/down.js';
import { status } from './commands/status.js';
import { up } from './commands/up.js';
import { cliMessage } from './cli-message.js';
import { HELP } from './help.js';
import { processIo, type CliIo } from './io.js';
import { EXIT, UsageError } from './usage-error.js';

type Command = (args: string[], io: CliIo) => Promise<number | 'help'>;
const COMMANDS: Record<string, Command> = { create, status, up, down, check };

/**
 * Runs the `pgboot` command line and resolves to its exit code: 0 success, 1 failure (a
 * migration failed, the check found errors, the database is locked), 2 wrong usage. Errors are
 * printed as their message only (it names the file and line), never as a stack trace; set
 * `PGBOOT_DEBUG=1` for the stack of an unexpected error.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && args[0] && HELP[args[0]] ? args[0] : 'main';
    (name === undefined ? io.err : io.out)(HELP[topic]);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(await version());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) return usage(io, new UsageError(`unknown command '${name}'; commands: ${Object.keys(COMMANDS).join(', ')}`));

  try {
    const outcome = await command(args, io);
    if (outcome === 'help') {
      io.out(HELP[name]);
      return EXIT.ok;
    }
    return outcome;
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error);
    const c = io.errColors;
    if (error instanceof PgbootError) {
      io.err(`${c.red('error:')} ${cliMessage(error)}`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.err(`${c.red('error:')} ${message}`);
      if (io.env.PGBOOT_DEBUG && error instanceof Error && error.stack) io.err(c.dim(error.stack));
    }
    return EXIT.failure;
  }
}

function usage(io: CliIo, error: UsageError): number {
  io.err(`${io.errColors.red('error:')} ${error.message}`);
  io.err(`Run 'pgboot ${error.command ? `${error.command} ` : ''}--help' for usage.`);
  return EXIT.usage;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
