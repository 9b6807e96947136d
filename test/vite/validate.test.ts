import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import { describe, expect, it } from 'vitest';
import { DuplicateMigrationIdError, InvalidMigrationModuleError, InvalidMigrationNameError, OwnTransactionError } from '../../src/core/errors.js';
import type { MigrationEntry } from '../../src/core/layouts/types.js';
import { validateMigrationEntries } from '../../src/bundler/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'pgboot-validate-'));
const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
const importModule = (path: string) => jiti.import(join(dir, path));

function sql(file: string, text: string): MigrationEntry {
  return { kind: 'sql', file, sql: text, checksum: 'x' };
}
function moduleFile(file: string, text: string): MigrationEntry {
  writeFileSync(join(dir, file), text);
  return { kind: 'module', file, path: file, checksum: 'x' };
}

describe('validateMigrationEntries', () => {
  it('should accept a valid set and return warnings for shared versions', async () => {
    const entries = [
      sql('001_a.sql', 'CREATE TABLE a (id int);'),
      sql('001_b.sql', 'CREATE TABLE b (id int);'),
      moduleFile('002_c.ts', 'export async function up(db: unknown) {}\nexport const description: string = "typed";\n'),
    ];
    const warnings = await validateMigrationEntries(entries, importModule);
    expect(warnings).toEqual([{ file: '001_b.sql', message: expect.stringContaining('shares version 001') }]);
  });

  it('should reject a bad file name, naming the file', async () => {
    const error = await validateMigrationEntries([sql('001_Add-Users.sql', 'SELECT 1;')], importModule).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidMigrationNameError);
    expect(error).toMatchObject({ file: '001_Add-Users.sql' });
  });

  it('should reject a repeated id', async () => {
    const error = await validateMigrationEntries([sql('001_a.sql', 'SELECT 1;'), moduleFile('001_a.ts', 'export function up() {}')], importModule).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DuplicateMigrationIdError);
    expect(error.message).toContain('001_a.sql, 001_a.ts');
  });

  it('should reject a SQL file with its own BEGIN/COMMIT, naming file and line', async () => {
    const error = await validateMigrationEntries([sql('001_a.sql', 'CREATE TABLE a (id int);\nBEGIN;\nSELECT 1;\nCOMMIT;\n')], importModule).catch((e) => e);
    expect(error).toBeInstanceOf(OwnTransactionError);
    expect(error).toMatchObject({ file: '001_a.sql', line: 2 });
  });

  it('should load each module and reject one without up', async () => {
    const error = await validateMigrationEntries([moduleFile('003_no_up.ts', 'export async function down() {}\n')], importModule).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidMigrationModuleError);
    expect(error.message).toMatch(/^003_no_up\.ts: it does not export 'up'/);
  });

  it('should reject a module that fails to load, with the loader error', async () => {
    const error = await validateMigrationEntries([moduleFile('004_broken.ts', 'export async function up( {\n')], importModule).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidMigrationModuleError);
    expect(error.message).toContain('004_broken.ts: the module could not be loaded');
  });
});
