import { checksumOf } from '../checksum.js';
import { findExtensionsInCode } from '../extensions.js';
import { isMigrationFile } from '../file-name.js';
import type { MigrationEntry, MigrationFolder, MigrationLayout } from './types.js';

/**
 * pgboot's own layout: `<version>_<name>.sql|.ts|.js` files at the top of the folder.
 * Other files (README.md, dotfiles, `_helpers.ts`, `*.d.ts`, tests, subfolders) are skipped.
 */
export const nativeLayout: MigrationLayout = {
  name: 'pgboot',
  detect: () => true,
  async read(folder: MigrationFolder): Promise<MigrationEntry[]> {
    const files = folder.files.filter((file) => !file.includes('/') && isMigrationFile(file));
    return Promise.all(
      files.map(async (file): Promise<MigrationEntry> => {
        const text = await folder.readText(file);
        const checksum = await checksumOf(text);
        if (file.endsWith('.sql')) return { kind: 'sql', file, sql: text, checksum };
        const extensionUses = findExtensionsInCode(file, text);
        return { kind: 'module', file, path: file, checksum, ...(extensionUses.length > 0 ? { extensionUses } : {}) };
      }),
    );
  },
};
