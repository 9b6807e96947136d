import { describe, expect, it } from 'vitest';
import { compareMigrationOrder, InvalidMigrationNameError, isMigrationFile, parseMigrationFileName } from '../../src/core/index.js';

describe('parseMigrationFileName', () => {
  it('should split a timestamped SQL file into id, version and name', () => {
    expect(parseMigrationFileName('20260120154111_add_user_preferences.sql')).toEqual({
      id: '20260120154111_add_user_preferences',
      version: '20260120154111',
      name: 'add_user_preferences',
      extension: 'sql',
    });
  });

  it('should accept a zero-padded sequence and a TS module', () => {
    expect(parseMigrationFileName('001_init.ts')).toEqual({ id: '001_init', version: '001', name: 'init', extension: 'ts' });
  });

  it.each([
    ['add_users.sql', 'does not start with a version number'],
    ['20260101.sql', "is not followed by '_<name>'"],
    ['20260101_AddUsers.sql', "'AddUsers' is not lowercase words joined by underscores"],
    ['001_add-users.sql', "'add-users' is not lowercase"],
    ['001_add__users.sql', "'add__users' is not lowercase"],
  ])('should reject %s, naming the file and the problem', (file, reason) => {
    const error = (() => {
      try {
        parseMigrationFileName(file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidMigrationNameError);
    expect((error as InvalidMigrationNameError).file).toBe(file);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).toContain('pgboot create');
  });
});

describe('isMigrationFile', () => {
  it('should skip files that are not migrations', () => {
    const files = ['README.md', '.DS_Store', '_helpers.ts', 'types.d.ts', '001_a.test.ts', 'meta.json', '001_a.sql', '002_b.ts', '003_c.mjs', '004_d.js'];
    expect(files.filter(isMigrationFile)).toEqual(['001_a.sql', '002_b.ts', '003_c.mjs', '004_d.js']);
  });
});

describe('compareMigrationOrder', () => {
  it('should order by version as a number, then by name', () => {
    const ids = ['10_b', '9_z', '010_a', '0009_a', '100_a'];
    const sorted = ids
      .map((id) => ({ id, version: id.split('_')[0]!, name: id.split('_')[1]! }))
      .sort(compareMigrationOrder)
      .map((m) => m.id);
    expect(sorted).toEqual(['0009_a', '9_z', '010_a', '10_b', '100_a']);
  });
});
