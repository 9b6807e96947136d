import type { ImageEntry } from './image-to-indexeddb.js';
import { databaseOf } from './indexeddb-data-dir.js';
import { MarkedIdbFs } from './marked-idb-fs.js';

/**
 * PGlite's IndexedDB filesystem for a first boot from the image: PGlite starts from the image's
 * files put straight into its memory, while pgboot writes the same files into IndexedDB
 * (`written`, image-to-indexeddb.ts). Reading them back from IndexedDB, as PGlite otherwise does
 * when it starts, would cost what writing them did, in series.
 *
 * PGlite's flushes (Emscripten's IDBFS) write only the files whose modification time differs from
 * their record's `timestamp` and delete records of files that are gone. The files here carry the
 * times pgboot's records carry, so PGlite's first flush, which waits for pgboot's write, writes
 * only what Postgres changed since it started. Should that write fail, IndexedDB holds nothing
 * and the same flush writes every file.
 *
 * When the image cannot be had (its download or unpacking failed), `fromImage` stays false and
 * PGlite reads IndexedDB as usual: it holds nothing, and PGlite creates the database.
 */
export class ImageFs extends MarkedIdbFs {
  /** Whether PGlite started from the image (known once `PGlite.create` resolved). */
  fromImage = false;
  readonly #image: Promise<readonly ImageEntry[]>;
  readonly #written: Promise<unknown>;

  constructor(name: string, image: Promise<readonly ImageEntry[]>, written: Promise<unknown>) {
    super(name);
    this.#image = image;
    this.#written = written;
  }

  protected override async loadDataDir(): Promise<void> {
    let entries: readonly ImageEntry[];
    try {
      entries = await this.#image;
    } catch {
      return super.loadDataDir();
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
    this.fromImage = true;
  }

  override async syncToFs(relaxedDurability?: boolean): Promise<void> {
    await this.#written.catch(() => undefined);
    return super.syncToFs(relaxedDurability);
  }
}
