import type { MigrationModule } from './types.js';

/**
 * A TS/JS migration's module as the engine runs it, from its exports (`export default { up, down }`
 * is accepted as well as named exports), or what is wrong with them. Pure and free of error
 * classes: `validateModule` (prepare.ts) throws the problem, a boot's fast check (up-to-date.ts) only asks.
 */
export function readModuleExports(exports: unknown): { module: MigrationModule } | { problem: string } {
  if (typeof exports !== 'object' || exports === null) return { problem: 'the module exports nothing' };
  let candidate = exports as Record<string, unknown>;
  if (candidate.up === undefined && typeof candidate.default === 'object' && candidate.default !== null) {
    candidate = candidate.default as Record<string, unknown>;
  }
  if (candidate.up === undefined) return { problem: "it does not export 'up'" };
  if (typeof candidate.up !== 'function') return { problem: `its 'up' export is a ${typeof candidate.up}, not a function` };
  if (candidate.down !== undefined && typeof candidate.down !== 'function')
    return { problem: `its 'down' export is a ${typeof candidate.down}, not a function` };
  if (candidate.transaction !== undefined && typeof candidate.transaction !== 'boolean') return { problem: `its 'transaction' export must be true or false` };
  if (candidate.description !== undefined && typeof candidate.description !== 'string') return { problem: `its 'description' export must be a string` };
  return { module: candidate as unknown as MigrationModule };
}
