import type { PgbootError } from '../core/internal.js';

/**
 * An error's message as the command line shows it: advice worded for code (an option such as
 * `{ onDrift: 'warn' }`) is replaced by the matching flag (`--allow-drift`).
 */
export function cliMessage(error: PgbootError): string {
  return error.remedy ? error.message.replace(error.remedy.api, error.remedy.cli) : error.message;
}
