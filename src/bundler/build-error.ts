import { join } from 'node:path';
import type { PgbootError } from '../core/internal.js';

/** A build-time error as bundlers show it: the message, and the file (absolute) and line it is about. */
export interface BuildError {
  message: string;
  file?: string;
  line?: number;
}

/**
 * Turns the core's typed error into what a bundler's error needs. The message keeps the
 * core's wording (it names the file relative to the folder); `file` is absolute, so editors
 * and overlays can open it.
 *
 * @example
 * describeBuildError(new OwnTransactionError('002_x.sql', 2, 'BEGIN'), '/app/migrations');
 * // { message: "[pgboot] 002_x.sql:2: 'BEGIN' controls ...", file: '/app/migrations/002_x.sql', line: 2 }
 */
export function describeBuildError(error: PgbootError, dir: string): BuildError {
  const message = `[pgboot] ${error.message}`;
  if (error.file === undefined) return { message };
  return { message, file: join(dir, error.file), line: error.line ?? 1 };
}

/**
 * The error thrown into webpack and Rspack, whose loader errors show a message, not a location:
 * the message ends with the file's absolute path and line, and the stack stays out of the output.
 * (Not on a line starting with 'at': webpack drops such lines as stack frames.)
 */
export function loaderError(error: PgbootError, dir: string): Error {
  const { message, file, line } = describeBuildError(error, dir);
  const thrown = new Error(file === undefined ? message : `${message}\n    file: ${file}:${line}`, { cause: error });
  thrown.name = error.name;
  // webpack's ModuleBuildError prints `message` instead of `stack` when `hideStack` is set.
  return Object.assign(thrown, { hideStack: true });
}
