import { describe, expect, it } from 'vitest';
import {
  checksumOf,
  DuplicateMigrationIdError,
  InvalidMigrationModuleError,
  InvalidMigrationNameError,
  MixedVersioningError,
  prepareMigrations,
  type MigrationSource,
} from '../../src/core/index.js';

describe('prepareMigrations', () => {
  it('should order migrations by version, then name, and warn about a shared version', async () => {
    const { migrations, warnings } = await prepareMigrations([
      { file: '20260102000000_b.sql', sql: 'SELECT 2;' },
      { file: '20260101000000_z.sql', sql: 'SELECT 1;' },
      { file: '20260102000000_a.sql', sql: 'SELECT 3;' },
    ]);
    expect(migrations.map((m) => m.id)).toEqual(['20260101000000_z', '20260102000000_a', '20260102000000_b']);
    expect(warnings).toEqual([
      {
        file: '20260102000000_b.sql',
        message:
          '20260102000000_b.sql: shares version 20260102000000 with 20260102000000_a.sql; they run in name order. Give each migration its own version to make the order explicit.',
      },
    ]);
  });

  it('should reject a repeated id, naming both files', async () => {
    const error = await prepareMigrations([
      { file: '001_init.sql', sql: 'SELECT 1;' },
      { file: '001_init.ts', checksum: 'c', module: { up: async () => {} } },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateMigrationIdError);
    expect(error).toMatchObject({ id: '001_init', files: ['001_init.sql', '001_init.ts'] });
    expect((error as Error).message).toContain("Migration id '001_init' is used by 2 files (001_init.sql, 001_init.ts)");
  });

  it('should reject a bad file name', async () => {
    const error = await prepareMigrations([{ file: 'AddUsers.sql', sql: 'SELECT 1;' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMigrationNameError);
    expect(error).toMatchObject({ file: 'AddUsers.sql' });
  });

  it('should reject numbered and timestamped names mixed in one folder', async () => {
    const error = await prepareMigrations([
      { file: '20260101000000_init.sql', sql: 'SELECT 1;' },
      { file: '002_more.sql', sql: 'SELECT 2;' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MixedVersioningError);
    expect(error).toMatchObject({ file: '002_more.sql' });
    expect((error as Error).message).toContain('numbered migration in a folder of timestamped ones (e.g. 20260101000000_init.sql)');
  });

  it.each([
    [{}, "it does not export 'up'"],
    [{ up: 'CREATE TABLE a ()' }, "its 'up' export is a string, not a function"],
    [{ up: async () => {}, down: 42 }, "its 'down' export is a number, not a function"],
    [{ up: async () => {}, transaction: 'no' }, "its 'transaction' export must be true or false"],
  ])('should reject a module with the wrong shape (%#)', async (module, reason) => {
    const error = await prepareMigrations([{ file: '001_mod.ts', checksum: 'c', module: module as never }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMigrationModuleError);
    expect((error as Error).message).toContain(`001_mod.ts: ${reason}`);
  });

  it('should accept a default-exported module and a module that fails to load is reported with its file', async () => {
    const ok = await prepareMigrations([{ file: '001_mod.ts', checksum: 'c', module: { default: { up: async () => {}, description: 'd' } } as never }]);
    expect(ok.migrations[0]).toMatchObject({ id: '001_mod', description: 'd', transaction: true, down: undefined });
    const error = await prepareMigrations([{ file: '002_broken.ts', checksum: 'c', module: () => Promise.reject(new SyntaxError('Unexpected token')) }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidMigrationModuleError);
    expect((error as Error).message).toContain('002_broken.ts: the module could not be loaded (Unexpected token)');
  });

  it('should give a file with CRLF line ends the same checksum as with LF', async () => {
    const lf = '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const sources: MigrationSource[] = [{ file: '001_a.sql', sql: lf }];
    const [fromLf] = (await prepareMigrations(sources)).migrations;
    const [fromCrlf] = (await prepareMigrations([{ file: '001_a.sql', sql: crlf }])).migrations;
    expect(fromCrlf!.checksum).toBe(fromLf!.checksum);
    expect(fromLf!.checksum).toBe(await checksumOf(lf));
    expect(fromLf!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await checksumOf(lf + ' ')).not.toBe(fromLf!.checksum);
  });
});
