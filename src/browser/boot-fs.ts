import { IdbFs } from '@electric-sql/pglite';
import { markBoot } from './boot-marks.js';
import type { ImageEntry } from './image-to-indexeddb.js';
import { databaseOf } from './indexeddb-data-dir.js';

/** Where PGlite's data directory comes from on this boot, decided once pgboot inspected IndexedDB. */
export type DataDirSource =
  | { from: 'indexeddb' }
  /** The image's files, and pgboot's write of them into IndexedDB (image-to-indexeddb.ts), started once they are in memory. */
  | { from: 'image'; entries: Promise<readonly ImageEntry[]>; write: () => Promise<unknown> };

/**
 * PGlite's IndexedDB filesystem (what `dataDir: 'idb://<name>'` creates) for a PGlite started
 * before pgboot knows how to open the database: PGlite downloads and compiles its WebAssembly
 * while pgboot inspects IndexedDB and checks the image, and loads the data directory only once
 * pgboot called `open` (or fails with `abandon`'s error). It marks both ends on the Performance timeline.
 *
 * From the image, PGlite starts from the image's files put straight into its memory, and pgboot
 * writes the same files into IndexedDB once the boot is over (`booted`): reading them back, as
 * PGlite otherwise does when it starts, would cost what writing them did, in series. PGlite's
 * flushes (Emscripten's IDBFS) write only the files whose modification time differs from their
 * record's `timestamp`; the files here carry the records' times, so the first flush that saves
 * something, which waits for pgboot's write, writes only what changed. Should that write fail,
 * IndexedDB holds nothing and the same flush writes every file. Should the image be unusable (download or unpacking failed), `fromImage`
 * stays false and PGlite reads IndexedDB, which holds nothing: it creates the database.
 */
export class BootFs extends IdbFs {
  /** Whether PGlite started from the image (known once `PGlite.create` resolved). */
  fromImage = false;
  readonly #source: Promise<DataDirSource>;
  #decide: { resolve: (source: DataDirSource) => void; reject: (error: unknown) => void } | undefined;
  #written: Promise<unknown> = Promise.resolve();
  /** pgboot's write of the image, until it starts (see `booted`). */
  #write: (() => Promise<unknown>) | undefined;
  /** Set once the boot is over (`booted`): the write then waits for an idle moment, until `#writeDeadline`. */
  #writeTimer: ReturnType<typeof setTimeout> | undefined;
  #writeDeadline = 0;
  #flushed = false;
  /** Until `opened`: PGlite is starting a database storage already holds (see `syncToFs`). */
  #starting = false;
  /** Every file's and folder's modification time as of the last flush (or as loaded); undefined: flush for real. */
  #flushedTimes: Map<string, number> | undefined;

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

  /** PGlite's start is over (`PGlite.create` resolved): from now on, whatever changed is flushed. */
  opened(): void {
    this.#starting = false;
  }

  /**
   * The boot is over (`bootDatabase`'s result is ready). pgboot's write of the image into
   * IndexedDB starts once the database has been idle for a moment (no query for 300 ms, and within
   * 2 s whatever happens), or at once when a flush has something to save, which then waits for it.
   * Written during the boot and the app's first queries, its 17 MB slowed a first boot by about
   * 100 ms here (the puts on this thread, the commit on the other core).
   */
  booted(): void {
    if (!this.#write) return;
    this.#writeDeadline = performance.now() + WRITE_WITHIN_MS;
    this.#writeWhenIdle();
  }

  #writeWhenIdle(): void {
    clearTimeout(this.#writeTimer);
    const wait = Math.max(0, Math.min(IDLE_MS, this.#writeDeadline - performance.now()));
    this.#writeTimer = setTimeout(() => this.#startWrite(), wait);
  }

  #startWrite(): void {
    clearTimeout(this.#writeTimer);
    const write = this.#write;
    this.#write = undefined;
    if (write) this.#written = write();
  }

  override async initialSyncFs(): Promise<void> {
    markBoot('wasm-started');
    const source = await this.#source;
    if (source.from === 'image') {
      this.fromImage = await this.#loadImage(source.entries);
      // Not yet (see `booted`): nothing before the first flush that saves something needs it.
      if (this.fromImage) this.#write = source.write;
    }
    if (!this.fromImage) await super.initialSyncFs();
    // IndexedDB holds these files (or will, once pgboot's write of the image commits).
    const times = this.#fileTimes();
    if (times.has(`${this.#root}/PG_VERSION`)) {
      this.#starting = true;
      this.#flushedTimes = times;
    }
    markBoot('data-dir-loaded');
  }

  /**
   * Skips a flush with nothing to save, which IDBFS would still pay for (it reads every record's
   * time from IndexedDB, 40-150 ms here, even after a `SELECT 1`):
   * - while PGlite starts a database storage already holds: Postgres's start changes a few files
   *   (pg_control, ...) but nothing anyone wrote, and a start from storage's files redoes it;
   *   those changes go with the next flush that has something to save;
   * - when no file or folder changed since the last flush: a read.
   * Any other flush is IDBFS's, which writes every file that differs from its record: always the
   * whole difference, in one transaction, so storage never holds half of a change.
   */
  override async syncToFs(relaxedDurability?: boolean): Promise<void> {
    if (!this.#flushed) markBoot('flush'); // the first only: a mark per query would pile up
    this.#flushed = true;
    const times = this.#fileTimes();
    if (this.#starting || (this.#flushedTimes && sameTimes(times, this.#flushedTimes))) {
      this.#flushedTimes = times;
      if (this.#write && this.#writeTimer !== undefined) this.#writeWhenIdle(); // a query: not idle yet
      return;
    }
    this.#startWrite();
    await this.#written.catch(() => undefined);
    await super.syncToFs(relaxedDurability);
    this.#flushedTimes = times;
  }

  /** The mount point IDBFS syncs, also the IndexedDB database's name. */
  get #root(): string {
    return databaseOf(this.dataDir!);
  }

  /**
   * Path -> modification time (ms) of everything under the data directory, as IDBFS compares them.
   * Walked through the in-memory nodes (0.3 ms for 1,600 files here; path by path with `FS.lstat`,
   * which resolves every path from the root, 5-9 ms): this runs before every query's flush.
   */
  #fileTimes(): Map<string, number> {
    const FS = this.pg!.Module.FS;
    const times = new Map<string, number>();
    const walk = (node: FsNode, path: string) => {
      for (const [name, child] of Object.entries(node.contents as Record<string, FsNode>)) {
        const childPath = `${path}/${name}`;
        times.set(childPath, +child.mtime);
        if (FS.isDir(child.mode)) walk(child, childPath);
      }
    };
    walk(FS.lookupPath(this.#root).node as FsNode, this.#root);
    return times;
  }

  /** Puts the image's files into PGlite's memory; false when there is no image to put. */
  async #loadImage(image: Promise<readonly ImageEntry[]>): Promise<boolean> {
    let entries: readonly ImageEntry[];
    try {
      entries = await image;
    } catch {
      return false;
    }
    const root = this.#root;
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

const IDLE_MS = 300;
const WRITE_WITHIN_MS = 2_000;

/** An Emscripten MEMFS node (IDBFS keeps its files in MEMFS): a folder's `contents` maps names to nodes. */
interface FsNode {
  mode: number;
  mtime: number | Date;
  contents: unknown;
}

function sameTimes(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, time] of a) if (b.get(path) !== time) return false;
  return true;
}
