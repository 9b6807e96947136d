import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { MigrationError, migrate } from '../core/index.js';
import { describeError } from './describe-error.js';
import { formatBytes, formatDuration, formatValue, shortChecksum } from './format.js';
import { matchesShortcut, parseShortcut } from './shortcut.js';

// The panel's text helpers, without a browser. The panel itself is tested in Chromium (e2e/devtools*.spec.ts).
const key = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {}, key = code) =>
  ({ code, key, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods }) as KeyboardEvent;

describe('parseShortcut / matchesShortcut', () => {
  it('should match Alt+Shift+D by its key code, whatever character Alt makes', () => {
    const shortcut = parseShortcut('Alt+Shift+D');
    expect(matchesShortcut(key('KeyD', { altKey: true, shiftKey: true }, 'Î'), shortcut)).toBe(true);
    expect(matchesShortcut(key('KeyD', { altKey: true }), shortcut)).toBe(false);
    expect(matchesShortcut(key('KeyD', { altKey: true, shiftKey: true, ctrlKey: true }), shortcut)).toBe(false);
  });

  it('should match named keys by key, and reject what is not a modifier', () => {
    expect(matchesShortcut(key('F12', { ctrlKey: true }), parseShortcut('Ctrl+F12'))).toBe(true);
    expect(() => parseShortcut('Hyper+D')).toThrow(/'hyper' in the shortcut 'Hyper\+D' is not a modifier/);
    expect(() => parseShortcut('Alt+')).toThrow(/names no key/);
  });
});

describe('format', () => {
  it('should format sizes, durations, checksums and values as text', () => {
    expect([formatBytes(512), formatBytes(4608), formatBytes(7_969_177)]).toEqual(['512 B', '4.5 kB', '7.6 MB']);
    expect([formatDuration(12.4), formatDuration(1530), formatDuration(null)]).toEqual(['12 ms', '1.53 s', '']);
    expect(shortChecksum('a9d2be36f00d')).toBe('a9d2be36');
    expect([formatValue(null), formatValue({ a: 1n }), formatValue(new Uint8Array([1, 255])), formatValue('<b>')]).toEqual([
      'NULL',
      '{"a":"1"}',
      '\\x01ff',
      '<b>',
    ]);
  });
});

describe('describeError', () => {
  it('should give a MigrationError in full: message, migration, SQLSTATE and position', async () => {
    const db = new PGlite();
    const error = await migrate(db, { migrations: [{ file: '001_bad.sql', sql: `SELECT 'x'::integer;` }], onWarning: () => {} }).catch((e: unknown) => e);
    await db.close();
    expect(error).toBeInstanceOf(MigrationError);
    const { title, text } = describeError(error);
    expect(title).toBe('MigrationError');
    expect(text.split('\n').slice(-3)).toEqual([
      'migration: 001_bad (up)',
      'postgres: SQLSTATE 22P02 at character 8 of the statement',
      'this run: 001_bad failed',
    ]);
    expect(text).toContain(`001_bad.sql:1: migration failed: invalid input syntax for type integer: "x"`);
  });

  it('should describe anything thrown', () => {
    expect(describeError('plain')).toEqual({ title: 'Error', text: 'plain' });
    expect(describeError(new TypeError('bad', { cause: new Error('root') })).text).toBe('TypeError: bad\ncaused by: Error: root');
  });
});
