import { createColors, wantsColor, type Colors } from './colors.js';
import { terminalText } from './terminal-text.js';

/** Where a command writes: stdout for results, stderr for diagnostics, each with its own colours. */
export interface CliIo {
  out(line?: string): void;
  err(line?: string): void;
  readonly outColors: Colors;
  readonly errColors: Colors;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The current time; replaceable so that tests of pure parts can fix it. */
  now(): Date;
}

/** A warning (from loading, planning or running migrations) on stderr, marked as one. */
export function writeWarning(io: CliIo, warning: { message: string }): void {
  io.err(`${io.errColors.yellow('warning')} ${warning.message}`);
}

/** The real process's streams; every line goes through `writeLine`. */
export function processIo(): CliIo {
  const outColors = createColors(wantsColor(process.stdout, process.env));
  const errColors = createColors(wantsColor(process.stderr, process.env));
  return {
    out: (line = '') => writeLine(process.stdout, line, outColors),
    err: (line = '') => writeLine(process.stderr, line, errColors),
    outColors,
    errColors,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}

/** The one way the CLI writes: a line with its control characters escaped (see `terminalText`), then a newline. */
function writeLine(stream: { write(text: string): unknown }, line: string, colors: Colors): void {
  stream.write(`${terminalText(line, colors.enabled)}\n`);
}
