/** One entry of a tar archive written by `writeTar`. */
export interface TarEntry {
  /** Relative path inside the archive, `/`-separated. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
  /** File contents (files only). */
  data?: Uint8Array;
  /** Link target (symlinks only). */
  link?: string;
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/**
 * A POSIX ustar archive of `entries`, the format `tar -xf` and PGlite's `loadDataDir` read.
 * Paths up to 255 bytes (split into ustar's prefix and name); longer ones throw.
 *
 * @example
 * const tar = writeTar([{ path: 'PG_VERSION', type: 'file', data: new TextEncoder().encode('17\n'), mode: 0o600, mtime: Date.now() }]);
 */
export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const size = entries.reduce((sum, entry) => sum + BLOCK + padded(entry.type === 'file' ? (entry.data?.byteLength ?? 0) : 0), 2 * BLOCK);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const entry of entries) {
    const data = entry.type === 'file' ? (entry.data ?? new Uint8Array()) : new Uint8Array();
    out.set(header(entry, data.byteLength), offset);
    offset += BLOCK;
    out.set(data, offset);
    offset += padded(data.byteLength);
  }
  return out; // ends with two zero blocks, as the format asks
}

function header(entry: TarEntry, size: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  const path = entry.type === 'directory' && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  const [prefix, name] = splitPath(path);
  field(block, 0, 100, encoder.encode(name));
  field(block, 100, 8, octal(entry.mode & 0o7777, 7));
  field(block, 108, 8, octal(0, 7));
  field(block, 116, 8, octal(0, 7));
  field(block, 124, 12, octal(size, 11));
  field(block, 136, 12, octal(Math.floor(entry.mtime / 1000), 11));
  block.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  block[156] = { file: 0x30, directory: 0x35, symlink: 0x32 }[entry.type];
  if (entry.link) field(block, 157, 100, encoder.encode(entry.link));
  field(block, 257, 6, encoder.encode('ustar\0'));
  field(block, 263, 2, encoder.encode('00'));
  field(block, 345, 155, encoder.encode(prefix));
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  field(block, 148, 8, encoder.encode(checksum.toString(8).padStart(6, '0') + '\0 '));
  return block;
}

function splitPath(path: string): [string, string] {
  const bytes = encoder.encode(path).byteLength;
  if (bytes <= 100) return ['', path];
  // ustar: prefix (up to 155 bytes) + '/' + name (up to 100), split at a slash.
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (encoder.encode(prefix).byteLength <= 155 && encoder.encode(name).byteLength <= 100) return [prefix, name];
  }
  throw new RangeError(`writeTar: the path '${path}' is too long for a ustar archive.`);
}

function field(block: Uint8Array, offset: number, length: number, value: Uint8Array): void {
  block.set(value.subarray(0, length), offset);
}

function octal(value: number, digits: number): Uint8Array {
  return encoder.encode(value.toString(8).padStart(digits, '0') + '\0');
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

const decoder = new TextDecoder();

/** One entry as `readTar` finds it: its path, header fields and where its bytes are. */
export interface TarRecord {
  path: string;
  type: TarEntry['type'];
  mode: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** The file's bytes (a view into the archive); empty for folders and links. */
  data: Uint8Array;
  link: string;
  /** The entry's blocks in the archive, header included: `tar.subarray(start, end)`. */
  start: number;
  end: number;
}

/**
 * The entries of a ustar archive (PGlite's `dumpDataDir`, `writeTar`'s), in order. Entry types
 * other than file, folder and symlink are skipped. Throws a RangeError on an archive cut short.
 *
 * @example
 * for (const entry of readTar(tar)) console.log(entry.path, entry.data.byteLength);
 */
export function* readTar(tar: Uint8Array): Generator<TarRecord> {
  let offset = 0;
  while (offset + BLOCK <= tar.byteLength) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return; // the end-of-archive blocks
    const size = Number.parseInt(text(block, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) throw new RangeError(`readTar: the entry at byte ${offset} has no valid size.`);
    const end = offset + BLOCK + padded(size);
    if (end > tar.byteLength) throw new RangeError(`readTar: the archive ends inside the entry at byte ${offset}.`);
    const prefix = text(block, 345, 155);
    const name = text(block, 0, 100);
    const flag = String.fromCharCode(block[156]!);
    const type = flag === '5' ? 'directory' : flag === '2' ? 'symlink' : flag === '0' || flag === '\0' ? 'file' : undefined;
    if (type) {
      const path = (prefix ? `${prefix}/${name}` : name).replace(/\/$/, '');
      yield {
        path,
        type,
        mode: Number.parseInt(text(block, 100, 8).trim() || '0', 8),
        mtime: Number.parseInt(text(block, 136, 12).trim() || '0', 8) * 1000,
        data: type === 'file' ? tar.subarray(offset + BLOCK, offset + BLOCK + size) : new Uint8Array(),
        link: text(block, 157, 100),
        start: offset,
        end,
      };
    }
    offset = end;
  }
}

/**
 * `tar` without the entries `drop` selects; the kept entries' blocks are copied unchanged. For
 * trimming an archive another writer made (PGlite's `dumpDataDir`) without re-encoding it.
 *
 * @example
 * const trimmed = dropTarEntries(tar, (path) => path.endsWith('/postmaster.pid'));
 */
export function dropTarEntries(tar: Uint8Array, drop: (path: string) => boolean): Uint8Array {
  const kept = [...readTar(tar)].filter((entry) => !drop(entry.path)).map((entry) => tar.subarray(entry.start, entry.end));
  const out = new Uint8Array(kept.reduce((sum, part) => sum + part.byteLength, 2 * BLOCK));
  let at = 0;
  for (const part of kept) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out; // the trailing zero blocks are already there (new Uint8Array is zeroed)
}

/** A NUL-terminated header field. */
function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}
