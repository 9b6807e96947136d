import { describe, expect, it } from 'vitest';
import {
  checksumOf,
  InvalidMigrationFolderError,
  prepareMigrations,
  readMigrationFolder,
  type MigrationEntry,
  type MigrationSource,
} from '../../src/core/index.js';
import { openFolder } from '../../src/node/load-migrations.js';
import { memoryFolder } from './memory-folder.js';

const sources = (entries: MigrationEntry[]): MigrationSource[] =>
  entries.map((entry) => {
    if (entry.kind !== 'sql') throw new Error('expected SQL');
    const { kind: _kind, ...source } = entry;
    return source;
  });

describe('layout detection', () => {
  it.each([
    ['golang-migrate', 'golang-migrate'],
    ['diesel', 'diesel'],
    ['prisma', 'prisma'],
    ['dbmate', 'dbmate'],
    ['app-history', 'pgboot'],
  ])('should detect test/fixtures/%s as %s', async (fixture, layout) => {
    const found = await readMigrationFolder(await openFolder(`test/fixtures/${fixture}`));
    expect(found.layout).toBe(layout);
    expect(found.entries.length).toBeGreaterThanOrEqual(20);
  });

  it('should read a marker-only dbmate folder as pgboot (same format), and as dbmate when asked', async () => {
    const folder = memoryFolder({
      '20151129054053_test_migration.sql':
        '-- migrate:up\ncreate table users (id integer, name varchar(255));\n\n-- migrate:down\ndrop table if exists users;\n',
    });
    expect((await readMigrationFolder(folder)).layout).toBe('pgboot');
    const { migrations } = await prepareMigrations(sources((await readMigrationFolder(folder, { layout: 'dbmate' })).entries));
    expect(migrations.map((m) => [m.id, m.up.kind === 'sql' && m.up.sql.trim(), m.down?.kind === 'sql' && m.down.sql.trim()])).toEqual([
      ['20151129054053_test_migration', 'create table users (id integer, name varchar(255));', 'drop table if exists users;'],
    ]);
  });

  it('should tell a Prisma folder (migration_lock.toml) from a drizzle-kit 1.x folder (snapshot.json)', async () => {
    const prisma = { 'migration_lock.toml': 'provider = "postgresql"\n', '20240110093011_init/migration.sql': 'CREATE TABLE a (id int);' };
    const drizzle = { '20240110093011_init/migration.sql': 'CREATE TABLE a (id int);', '20240110093011_init/snapshot.json': '{}' };
    expect((await readMigrationFolder(memoryFolder(prisma))).layout).toBe('prisma');
    expect((await readMigrationFolder(memoryFolder(drizzle))).layout).not.toBe('prisma');
  });
});

describe('golang-migrate layout', () => {
  it('should pair up and down files, order by numeric version, and checksum the up file', async () => {
    const folder = memoryFolder({
      '10_later.up.sql': 'CREATE TABLE later (id int);',
      '2_first.up.sql': 'CREATE TABLE first (id int);',
      '2_first.down.sql': '-- nothing to undo\n',
      '3_Mixed-Case.up.sql': 'SELECT 1;',
      '3_Mixed-Case.down.sql': '',
      'README.md': '# notes',
    });
    const { layout, entries } = await readMigrationFolder(folder);
    expect(layout).toBe('golang-migrate');
    const { migrations } = await prepareMigrations(sources(entries));
    expect(migrations.map((m) => [m.id, m.file, m.down !== undefined])).toEqual([
      ['2_first', '2_first.up.sql', true],
      ['3_Mixed-Case', '3_Mixed-Case.up.sql', true],
      ['10_later', '10_later.up.sql', false],
    ]);
    expect(migrations[0]!.checksum).toBe(await checksumOf('CREATE TABLE first (id int);'));
  });

  it('should name a down file that has no up file', async () => {
    const folder = memoryFolder({ '1_a.up.sql': 'SELECT 1;', '2_b.down.sql': 'SELECT 1;' });
    await expect(readMigrationFolder(folder)).rejects.toThrow(InvalidMigrationFolderError);
    await expect(readMigrationFolder(folder)).rejects.toThrow(/^2_b\.down\.sql: a down migration without its up file 2_b\.up\.sql/);
  });
});

describe('diesel layout', () => {
  it('should drop the dashes from versions for the id, keep the folder in file, and order as diesel does', async () => {
    const folder = memoryFolder({
      '2021-09-20-140000_create_users/up.sql': 'CREATE TABLE users (id int);',
      '2021-09-20-140000_create_users/down.sql': 'DROP TABLE users;',
      '00000000000000_diesel_initial_setup/up.sql': 'SELECT 1;',
      '00000000000000_diesel_initial_setup/down.sql': 'SELECT 1;',
      '2021-10-01-090000_no_down/up.sql': 'SELECT 2;',
      '2021-09-20-135959_earlier_same_day/up.sql': 'SELECT 3;',
      '2021-09-20-135959_earlier_same_day/down.sql': 'SELECT 3;',
      '.keep': '',
    });
    const { layout, entries } = await readMigrationFolder(folder);
    expect(layout).toBe('diesel');
    const { migrations } = await prepareMigrations(sources(entries));
    expect(migrations.map((m) => [m.id, m.file, m.down !== undefined])).toEqual([
      ['00000000000000_diesel_initial_setup', '00000000000000_diesel_initial_setup/up.sql', true],
      ['20210920135959_earlier_same_day', '2021-09-20-135959_earlier_same_day/up.sql', true],
      ['20210920140000_create_users', '2021-09-20-140000_create_users/up.sql', true],
      ['20211001090000_no_down', '2021-10-01-090000_no_down/up.sql', false],
    ]);
  });

  it('should run a migration outside a transaction when its metadata.toml says run_in_transaction = false', async () => {
    const folder = memoryFolder({
      '2021-09-20-140000_index/up.sql': 'CREATE INDEX CONCURRENTLY users_name ON users (name);',
      '2021-09-20-140000_index/down.sql': 'DROP INDEX CONCURRENTLY users_name;',
      '2021-09-20-140000_index/metadata.toml': 'run_in_transaction = false # needed for CONCURRENTLY\n',
      '2021-09-21-140000_plain/up.sql': 'SELECT 1;',
      '2021-09-21-140000_plain/metadata.toml': 'run_in_transaction = true\n',
    });
    const { migrations } = await prepareMigrations(sources((await readMigrationFolder(folder)).entries));
    expect(migrations.map((m) => [m.id, m.transaction, m.downTransaction])).toEqual([
      ['20210920140000_index', false, false],
      ['20210921140000_plain', true, true],
    ]);
  });

  it('should name a folder that is not <version>_<name>', async () => {
    const folder = memoryFolder({ '2021-09-20-140000_ok/up.sql': 'SELECT 1;', '2021-09-21-xx/up.sql': 'SELECT 1;' });
    await expect(readMigrationFolder(folder, { layout: 'diesel' })).rejects.toThrow(/^2021-09-21-xx\/up\.sql: the folder name/);
  });
});

describe('dbmate layout', () => {
  it('should read marker files and files with a .down.sql or _down.sql sibling', async () => {
    const folder = memoryFolder({
      '001_users.sql': '-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n',
      '002_posts.sql': 'CREATE TABLE posts (id int);\n',
      '002_posts.down.sql': 'DROP TABLE posts;\n',
      '003_tags.sql': 'CREATE TABLE tags (id int);\n',
      '003_tags_down.sql': 'DROP TABLE tags;\n',
      'schema.sql': 'this is a dump, not a migration',
    });
    const { layout, entries } = await readMigrationFolder(folder);
    expect(layout).toBe('dbmate');
    const { migrations } = await prepareMigrations(sources(entries));
    expect(migrations.map((m) => [m.id, m.down?.kind === 'sql' ? m.down.sql.trim() : undefined])).toEqual([
      ['001_users', 'DROP TABLE users;'],
      ['002_posts', 'DROP TABLE posts;'],
      ['003_tags', 'DROP TABLE tags;'],
    ]);
  });

  it('should refuse a down kept in two places', async () => {
    const folder = memoryFolder({ '001_a.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n', '001_a.down.sql': 'SELECT 2;' });
    await expect(readMigrationFolder(folder)).rejects.toThrow(/^001_a\.sql: has a '-- migrate:down' section and a down file \(001_a\.down\.sql\)/);
  });
});
