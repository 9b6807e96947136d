import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = T & { help: { type: 'boolean'; short: 'h' } };
/** What parseArgs returns for a command's options (spelled out so declarations can name it). */
export type ParsedCommandArgs<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<T>; allowPositionals: boolean; strict: true }>
>;

/**
 * `node:util`'s parseArgs for one command, with its errors turned into `UsageError`s that
 * point at the command's help.
 */
export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T, allowPositionals = false): ParsedCommandArgs<T> {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<T>;
    return parseArgs({ args, options: withHelp, allowPositionals, strict: true as const });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new UsageError(message, command);
  }
}

/** A whole number of at least `min` from an option's text, or a `UsageError` naming the option. */
export function parseCount(command: string, option: string, text: string, min = 1): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${option} expects a whole number of at least ${min}, got '${text}'`, command);
  return Number(text);
}
