import type { MigrationFolder } from '../../src/core/index.js';

/** A migrations folder held in memory: path -> text. */
export function memoryFolder(files: Record<string, string>): MigrationFolder {
  return {
    files: Object.keys(files).sort(),
    readText: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no such file: ${path}`);
      return text;
    },
  };
}
