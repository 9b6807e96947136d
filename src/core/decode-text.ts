import { InvalidFileEncodingError } from './errors.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A migration file's bytes as text, refusing what Postgres would choke on or silently alter:
 * bytes that are not UTF-8 (a Latin-1 'café' would be stored as 'caf\uFFFD') and NUL bytes
 * (binary data; Postgres rejects them with no file named). The error names the file and line.
 * A byte-order mark is kept, so checksums stay those of the file's text.
 *
 * @example
 * const text = decodeMigrationText('001_init.sql', await readFile(path));
 */
export function decodeMigrationText(file: string, bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidUtf8(bytes);
  if (nul === -1 && invalid === -1) return strict.decode(bytes);
  if (nul !== -1 && (invalid === -1 || nul < invalid)) {
    throw new InvalidFileEncodingError(file, lineOfByte(bytes, nul), 'a NUL byte (0x00), so it is binary data, not SQL or script text');
  }
  const hex = bytes[invalid]!.toString(16).toUpperCase().padStart(2, '0');
  throw new InvalidFileEncodingError(file, lineOfByte(bytes, invalid), `the byte 0x${hex}, which is not valid UTF-8 (a Latin-1 or Windows-1252 file?)`);
}

/**
 * Rejects a NUL character in SQL handed over as text (sources built in code, or by a loader that
 * decoded the file itself): Postgres refuses it without naming the file.
 */
export function rejectNulCharacter(file: string, text: string): void {
  const nul = text.indexOf('\0');
  if (nul === -1) return;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < nul; i = text.indexOf('\n', i + 1)) line++;
  throw new InvalidFileEncodingError(file, line, 'a NUL character (U+0000), so it is binary data, not SQL text');
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) length = 3;
    else if (lead >= 0xf0 && lead <= 0xf4) length = 4;
    else return i;
    // The second byte's range excludes overlong forms, surrogates and values past U+10FFFF.
    min = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    if (lead === 0xed) max = 0x9f;
    if (lead === 0xf4) max = 0x8f;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? min : 0x80) || next > (k === 1 ? max : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}
