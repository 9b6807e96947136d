import { createColors, wantsColor, type Colors } from './colors.js';

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

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    out: (line = '') => process.stdout.write(`${line}\n`),
    err: (line = '') => process.stderr.write(`${line}\n`),
    outColors: createColors(wantsColor(process.stdout, process.env)),
    errColors: createColors(wantsColor(process.stderr, process.env)),
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}
