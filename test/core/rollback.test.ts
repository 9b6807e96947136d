import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import {
  IrreversibleMigrationError,
  migrate,
  MigrationError,
  readHistory,
  rollback,
  UnknownMigrationTargetError,
  type MigrationSource,
} from '../../src/core/index.js';
import { appliedIds, schemaSnapshot, userTables, emptiedBeforeEach } from '../helpers/database.js';

let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

const table = (n: number, name: string): MigrationSource => ({
  file: `00${n}_${name}.sql`,
  sql: `-- migrate:up\nCREATE TABLE ${name} (id int);\n-- migrate:down\nDROP TABLE ${name};\n`,
});
const four = [table(1, 'a'), table(2, 'b'), table(3, 'c'), table(4, 'd')];

describe('rollback', () => {
  it('should revert the newest migration by default and remove its row', async () => {
    await migrate(db, { migrations: four });
    const result = await rollback(db, { migrations: four });
    expect(result.reverted).toEqual(['004_d']);
    expect(result.results.map(({ id, direction, status }) => ({ id, direction, status }))).toEqual([{ id: '004_d', direction: 'down', status: 'reverted' }]);
    expect(await appliedIds(db)).toEqual(['001_a', '002_b', '003_c']);
    expect(await userTables(db)).toEqual(['a', 'b', 'c']);
  });

  it('should revert newest first by steps, down to an id, and all the way with 0', async () => {
    await migrate(db, { migrations: four });
    expect((await rollback(db, { migrations: four, steps: 2 })).reverted).toEqual(['004_d', '003_c']);
    await migrate(db, { migrations: four });
    expect((await rollback(db, { migrations: four, to: '001_a' })).reverted).toEqual(['004_d', '003_c', '002_b']);
    expect(await appliedIds(db)).toEqual(['001_a']);
    await migrate(db, { migrations: four });
    expect((await rollback(db, { migrations: four, to: 0 })).reverted).toEqual(['004_d', '003_c', '002_b', '001_a']);
    expect(await userTables(db)).toEqual([]);
    const history = await readHistory(db);
    expect(history.slice(0, 4).map((e) => [e.action, e.migrationId])).toEqual([
      ['down', '001_a'],
      ['down', '002_b'],
      ['down', '003_c'],
      ['down', '004_d'],
    ]);
  });

  it('should refuse up front to roll back through a migration without down', async () => {
    const migrations = [table(1, 'a'), { file: '002_b.sql', sql: 'CREATE TABLE b (id int);' }, table(3, 'c')];
    await migrate(db, { migrations });
    const before = await schemaSnapshot(db);
    const error = await rollback(db, { migrations, to: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrreversibleMigrationError);
    expect(error).toMatchObject({ id: '002_b', file: '002_b.sql' });
    expect((error as Error).message).toContain('002_b.sql: has no down migration, so the rollback stops before running anything');
    expect(await appliedIds(db)).toEqual(['001_a', '002_b', '003_c']);
    expect(await schemaSnapshot(db)).toEqual(before);
  });

  it('should refuse to roll back a migration this build does not include', async () => {
    await migrate(db, { migrations: four });
    const error = await rollback(db, { migrations: four.slice(0, 3) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrreversibleMigrationError);
    expect((error as Error).message).toContain('004_d: is applied, but this build does not include it');
  });

  it('should reject a target that is not applied, and bad steps', async () => {
    await migrate(db, { migrations: four.slice(0, 2) });
    await expect(rollback(db, { migrations: four, to: '003_c' })).rejects.toThrow(UnknownMigrationTargetError);
    await expect(rollback(db, { migrations: four, steps: 0 })).rejects.toThrow(UnknownMigrationTargetError);
    expect(await appliedIds(db)).toEqual(['001_a', '002_b']);
  });

  it('should stop at a failing down: it rolls back, the ones before it stay reverted', async () => {
    const migrations = [
      table(1, 'a'),
      { file: '002_b.sql', sql: '-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\nDROP TABLE nope;\n' },
      table(3, 'c'),
    ];
    await migrate(db, { migrations });
    const error = (await rollback(db, { migrations, to: 0 }).catch((e: unknown) => e)) as MigrationError;
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ id: '002_b', direction: 'down', line: 5, statement: 'DROP TABLE nope', postgres: { code: '42P01' } });
    expect(error.results.map((r) => [r.id, r.status])).toEqual([
      ['003_c', 'reverted'],
      ['002_b', 'failed'],
    ]);
    expect(await appliedIds(db)).toEqual(['001_a', '002_b']);
    expect(await userTables(db)).toEqual(['a', 'b']);
  });

  it('should run a TS down and an empty database rolls back nothing', async () => {
    expect((await rollback(db, { migrations: four })).reverted).toEqual([]);
    const migrations: MigrationSource[] = [
      {
        file: '001_ts.ts',
        checksum: 'c',
        module: {
          up: async (tx) => void (await tx.exec('CREATE TABLE ts (id int)')),
          down: async (tx) => void (await tx.exec('DROP TABLE ts')),
        },
      },
    ];
    await migrate(db, { migrations });
    expect((await rollback(db, { migrations })).reverted).toEqual(['001_ts']);
    expect(await userTables(db)).toEqual([]);
  });
});
