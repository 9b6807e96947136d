// Every error class, to revive any of them by name: imported from errors.ts itself, because a namespace
// re-exported by internal.ts made Rolldown keep errors.ts in chunks that never use it (measured).
// biome-ignore lint/style/noRestrictedImports: see above
import * as errorClasses from '../core/errors.js';
import { IncompatibleDataDirError } from '../core/internal.js';

/** An error in a form that survives `postMessage` with its class, message and fields. */
export interface TransferredError {
  name: string;
  message: string;
  stack: string | undefined;
  /** Own enumerable fields (e.g. `MigrationError.results`), themselves transferable. */
  fields: Record<string, unknown>;
  cause: TransferredError | unknown;
}

// Errors that cross from the leader worker to a tab come back as instances of the same class.
const classes = new Map<string, { prototype: Error }>(
  [...Object.values(errorClasses as Record<string, unknown>), IncompatibleDataDirError]
    .filter(
      (value): value is { errorName: string; prototype: Error } => typeof value === 'function' && value.prototype instanceof Error && 'errorName' in value,
    )
    .map((type) => [type.errorName, type]),
);

/**
 * Turns an error into plain data for `postMessage` (structured clone keeps only an Error's
 * name and message, not pgboot's fields).
 */
export function transferError(error: unknown): TransferredError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined, fields: {}, cause: undefined };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'cause' && typeof value !== 'function') fields[key] = value;
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
    cause: error.cause instanceof Error ? transferError(error.cause) : error.cause,
  };
}

/** Rebuilds an error made by `transferError`: pgboot's classes come back as themselves, so `instanceof` works. */
export function reviveError(data: TransferredError): Error {
  const type = classes.get(data.name);
  const error: Error = type ? Object.create(type.prototype) : new Error(data.message);
  Object.defineProperties(error, {
    message: { value: data.message, writable: true, configurable: true },
    name: { value: data.name, writable: true, configurable: true },
    stack: { value: data.stack ?? `${data.name}: ${data.message}`, writable: true, configurable: true },
  });
  Object.assign(error, data.fields);
  if (data.cause !== undefined) {
    const cause = isTransferred(data.cause) ? reviveError(data.cause) : data.cause;
    Object.defineProperty(error, 'cause', { value: cause, writable: true, configurable: true });
  }
  return error;
}

function isTransferred(value: unknown): value is TransferredError {
  return typeof value === 'object' && value !== null && 'name' in value && 'message' in value && 'fields' in value;
}
