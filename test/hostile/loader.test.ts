// Issue 15, reading the folder: bytes that are not UTF-8 text, and symbolic links.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MigrationWarning } from '../../src/core/index.js';
import { loadMigrations } from '../../src/node/index.js';
import { readEntries } from '../../src/bundler/read-entries.js';
import { firstInvalidUtf8 } from '../../src/core/decode-text.js';

let dir: string;
let outside: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgboot-hostile-'));
  outside = await mkdtemp(join(tmpdir(), 'pgboot-outside-'));
  await writeFile(join(dir, '001_first.sql'), 'CREATE TABLE first (id int);\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('files that are not UTF-8 text (items 2 and 3)', () => {
  const cases = [
    {
      name: 'a NUL byte in a string literal',
      content: bytes("CREATE TABLE b (x text);\nINSERT INTO b VALUES ('a", [0], "b');\n"),
      line: 2,
      says: 'a NUL byte (0x00)',
    },
    {
      name: 'binary garbage (a PNG header)',
      content: bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d]),
      line: 1,
      says: 'the byte 0x89, which is not valid UTF-8',
    },
    {
      name: "Latin-1 'café' on line 3",
      content: bytes("CREATE TABLE b (x text);\n\nINSERT INTO b VALUES ('caf", [0xe9], "');\n"),
      line: 3,
      says: 'the byte 0xE9, which is not valid UTF-8',
    },
    { name: 'a UTF-8 sequence cut short at the end', content: bytes("SELECT 'ok';\nSELECT '", [0xe2, 0x82]), line: 2, says: 'the byte 0xE2' },
  ];

  for (const { name, content, line, says } of cases) {
    it(`should reject ${name}, naming file and line, in the Node loader and the Vite plugin's reader`, async () => {
      await writeFile(join(dir, '002_bad.sql'), content);
      for (const read of [() => loadMigrations(dir), () => readEntries(dir)]) {
        const error = await read().then(
          () => undefined,
          (e: unknown) => e as Error & { file?: string; line?: number },
        );
        expect(error).toMatchObject({ name: 'InvalidFileEncodingError', file: '002_bad.sql', line });
        expect(error!.message).toContain(`002_bad.sql:${line}: the file holds ${says}`);
        expect(error!.message).toContain('save the file as UTF-8');
      }
    });
  }

  it('should keep reading valid UTF-8, a byte-order mark included', async () => {
    await writeFile(join(dir, '002_bom.sql'), bytes([0xef, 0xbb, 0xbf], "SELECT 'café ✓ 𝄞';\n"));
    const sources = await loadMigrations(dir);
    expect(sources.map((s) => ('sql' in s ? s.sql : ''))).toEqual(['CREATE TABLE first (id int);\n', "\uFEFFSELECT 'café ✓ 𝄞';\n"]);
  });
});

describe('symbolic links in the folder (item 10)', () => {
  it('should warn about each skipped link, naming it and saying why', async () => {
    await writeFile(join(outside, 'shared.sql'), 'CREATE TABLE shared (id int);\n');
    await symlink(join(dir, 'gone.sql'), join(dir, '002_dangling.sql'));
    await symlink(join(outside, 'shared.sql'), join(dir, '003_outside.sql'));
    await symlink(join(dir, '001_first.sql'), join(dir, '004_alias.sql'));
    const warnings: MigrationWarning[] = [];
    const sources = await loadMigrations(dir, { onWarning: (w) => warnings.push(w) });
    expect(sources.map((s) => s.file)).toEqual(['001_first.sql']);
    expect(warnings.map((w) => w.file)).toEqual(['002_dangling.sql', '003_outside.sql', '004_alias.sql']);
    expect(warnings[0]!.message).toContain('002_dangling.sql: a dangling symbolic link');
    expect(warnings[1]!.message).toContain(`003_outside.sql: a symbolic link to ${join(outside, 'shared.sql')}, outside the migrations folder`);
    expect(warnings[2]!.message).toContain('004_alias.sql: a symbolic link to 001_first.sql in the same folder');
    for (const w of warnings) expect(w.message).toContain('copy the file itself into the folder');
  });
});

describe('firstInvalidUtf8', () => {
  it("should agree with the platform's strict UTF-8 decoder on random and edge-case bytes", () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const accepts = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const samples: Uint8Array[] = [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xef, 0xbf, 0xbf],
      [0xc2],
      [0xff],
    ].map((b) => Uint8Array.from(b));
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 2000; n++) {
      // Mostly valid text with a few high bytes, so both outcomes occur often.
      samples.push(
        Uint8Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
          random() < 0.6 ? 0x20 + Math.floor(random() * 90) : 0x80 + Math.floor(random() * 128),
        ),
      );
    }
    for (const bytes of samples) expect(firstInvalidUtf8(bytes) === -1, Array.from(bytes).join(',')).toBe(accepts(bytes));
  });
});
