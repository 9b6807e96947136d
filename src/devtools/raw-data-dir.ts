import { exportRawDataDir } from '../browser/export-raw-data-dir.js';
import { IncompatibleDataDirError } from '../core/internal.js';
import { h } from './dom.js';

/** Whether the panel should offer the raw data directory: the boot stopped at a database this PGlite cannot open. */
export function offersRawDataDir(bootError: unknown): boolean {
  return bootError instanceof IncompatibleDataDirError || (bootError instanceof Error && bootError.name === 'IncompatibleDataDirError');
}

/**
 * Downloads database `name`'s data directory as PGlite stored it in IndexedDB (a tar, read
 * without opening PGlite), to open with the PGlite version that wrote it. Resolves to the notice to show.
 */
export async function downloadRawDataDir(name: string): Promise<string> {
  const tar = await exportRawDataDir(name);
  if (!tar) return `There is no database '${name}' in IndexedDB.`;
  const file = `${name}-data-dir.tar`;
  const url = URL.createObjectURL(tar);
  h('a', { attrs: { href: url, download: file } }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `Downloading ${file} (${(tar.size / 1e6).toFixed(1)} MB): open it with the PGlite version that wrote it, new PGlite({ loadDataDir }), then pg_dump.`;
}
