import { IdbFs } from '@electric-sql/pglite';
import { markBoot } from './boot-marks.js';

/**
 * PGlite's own IndexedDB filesystem (what `dataDir: 'idb://<name>'` creates), marking on the
 * Performance timeline when PGlite's WebAssembly has started (it then loads the data directory)
 * and when the data directory is in memory: a boot's read of IndexedDB, told apart from the rest.
 */
export class MarkedIdbFs extends IdbFs {
  override async initialSyncFs(): Promise<void> {
    markBoot('wasm-started');
    await this.loadDataDir();
    markBoot('data-dir-loaded');
  }

  /** Fills PGlite's memory with the data directory: here, read from IndexedDB, as PGlite does. */
  protected loadDataDir(): Promise<void> {
    return super.initialSyncFs();
  }
}
