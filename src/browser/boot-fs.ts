import { IdbFs } from '@electric-sql/pglite';
import { markBoot } from './boot-marks.js';
import type { ImageEntry } from './image-to-indexeddb.js';
import { databaseOf } from './indexeddb-data-dir.js';

/** Where PGlite's data directory comes from on this boot, decided once pgboot inspected IndexedDB. */
export type DataDirSource =
  | { from: 'indexeddb' }
  /** The image's files, and pgboot's write of them into IndexedDB (image-to-indexeddb.ts). */
  | { from: 'image'; entries: Promise<readonly ImageEntry[]>; written: Promise<unknown> };

/**
 * PGlite's IndexedDB filesystem (what `dataDir: 'idb://<name>'` creates) for a PGlite started
 * before pgboot knows how to open the database: PGlite downloads and compiles its WebAssembly
 * while pgboot inspects IndexedDB and checks the image, and loads the data directory only once
 * pgboot called `open` (or fails with `abandon`'s error). It marks both ends on the Performance timeline.
 *
 * From the image, PGlite starts from the image's files put straight into its memory, while
 * pgboot writes the same files into IndexedDB: reading them back, as PGlite otherwise does when
 * it starts, would cost what writing them did, in series. PGlite's flushes (Emscripten's IDBFS)
 * write only the files whose modification time differs from their record's `timestamp`; the
 * files here carry the records' times, so the first flush, which waits for pgboot's write, writes
 * only what Postgres changed. Should that write fail, IndexedDB holds nothing and the same flush
 * writes every file. Should the image be unusable (download or unpacking failed), `fromImage`
 * stays false and PGlite reads IndexedDB, which holds nothing: it creates the database.
 */
export class BootFs extends IdbFs {
  /** Whether PGlite started from the image (known once `PGlite.create` resolved). */
  fromImage = false;
  readonly #source: Promise<DataDirSource>;
  #decide: { resolve: (source: DataDirSource) => void; reject: (error: unknown) => void } | undefined;
  #written: Promise<unknown> = Promise.resolve();
  #flushed = false;

  constructor(name: string) {
    super(name);
    this.#source = new Promise((resolve, reject) => (this.#decide = { resolve, reject }));
    this.#source.catch(() => undefined); // PGlite reads it, if it gets that far
  }

  /** Lets PGlite load its data directory. */
  open(source: DataDirSource): void {
    this.#decide?.resolve(source);
  }

  /** PGlite must not open the data directory: its start rejects with `error`. */
  abandon(error: unknown): void {
    this.#decide?.reject(error);
  }

  override async initialSyncFs(): Promise<void> {
    markBoot('wasm-started');
    const source = await this.#source;
    if (source.from === 'image') {
      this.#written = source.written;
      this.fromImage = await this.#loadImage(source.entries);
    }
    if (!this.fromImage) await super.initialSyncFs();
    markBoot('data-dir-loaded');
  }

  override async syncToFs(relaxedDurability?: boolean): Promise<void> {
    if (!this.#flushed) markBoot('flush'); // the first only: a mark per query would pile up
    this.#flushed = true;
    await this.#written.catch(() => undefined);
    return super.syncToFs(relaxedDurability);
  }

  /** Puts the image's files into PGlite's memory; false when there is no image to put. */
  async #loadImage(image: Promise<readonly ImageEntry[]>): Promise<boolean> {
    let entries: readonly ImageEntry[];
    try {
      entries = await image;
    } catch {
      return false;
    }
    // The mount point IDBFS syncs, also the IndexedDB database's name.
    const root = databaseOf(this.dataDir!);
    const FS = this.pg!.Module.FS;
    for (const entry of entries) {
      const path = `${root}/${entry.path}`;
      if (entry.type === 'directory') FS.mkdirTree(path, entry.mode);
      else if (entry.type === 'symlink') FS.symlink(entry.link, path);
      else FS.writeFile(path, entry.data); // copied: the archive's views are not handed over
      if (entry.type !== 'symlink') FS.chmod(path, entry.mode);
    }
    // Times last: creating a file changes its folder's time.
    for (const entry of entries) {
      if (entry.type !== 'symlink') FS.utime(`${root}/${entry.path}`, entry.mtime, entry.mtime);
    }
    return true;
  }
}
