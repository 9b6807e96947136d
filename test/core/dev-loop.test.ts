import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  getStatus,
  migrate,
  MigrationError,
  readHistory,
  rollback,
  type MigrationSource,
  type MigrationWarning,
  type SqlMigrationSource,
} from '../../src/core/index.js';
import { appliedIds, userTables, emptiedBeforeEach } from '../helpers/database.js';

// The everyday loop: `pgboot create`, write the file, save, edit it again. An empty newest
// migration waits instead of being recorded; in development (`onDrift: 'redo'`) the newest
// applied migration is re-run when its file changes, and production still refuses drift.
let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

const sql = (file: string, text: string): SqlMigrationSource => ({ file, sql: text });
const TEMPLATE = '-- 002_add_gadgets\n-- a comment from the template\n\n-- migrate:up\n\n\n-- migrate:down\n-- Undo the up section.\n';
const first = sql('001_create_items.sql', '-- migrate:up\nCREATE TABLE items (id int);\n-- migrate:down\nDROP TABLE items;\n');
const gadgets = (columns: string) => sql('002_add_gadgets.sql', `-- migrate:up\nCREATE TABLE gadgets (${columns});\n-- migrate:down\nDROP TABLE gadgets;\n`);
const columns = async (table: string) =>
  (
    await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [table])
  ).rows.map((r) => r.column_name);

describe('an empty newest migration', () => {
  it('should wait, not applied, and say so; status shows it as empty; once written it applies', async () => {
    const warnings: MigrationWarning[] = [];
    const result = await migrate(db, { migrations: [first, sql('002_add_gadgets.sql', TEMPLATE)], onWarning: (w) => warnings.push(w) });
    expect(result).toMatchObject({ applied: ['001_create_items'], empty: ['002_add_gadgets'], pending: [] });
    expect(warnings.map((w) => w.message)).toEqual([
      '002_add_gadgets.sql: has no statements yet (only comments), so it is not applied; it will be once its up has some.',
    ]);
    const status = await getStatus(db, { migrations: [first, sql('002_add_gadgets.sql', TEMPLATE)] });
    expect(status.entries.map((e) => [e.id, e.state])).toEqual([
      ['001_create_items', 'applied'],
      ['002_add_gadgets', 'empty'],
    ]);
    expect(status).toMatchObject({ empty: ['002_add_gadgets'], pending: [], drifted: [] });

    // Written: plain pending, applied, no drift.
    const written = await migrate(db, { migrations: [first, gadgets('id int')], onWarning: () => {} });
    expect(written.applied).toEqual(['002_add_gadgets']);
    expect(await userTables(db)).toEqual(['gadgets', 'items']);
  });

  it('should be recorded like any other when a migration with statements follows it (a placeholder or baseline)', async () => {
    const baseline = sql('002_baseline.sql', '-- the schema so far, as a comment\n/* CREATE TABLE items (id int); */\n');
    const more = sql('003_more.sql', '-- migrate:up\nCREATE TABLE more (id int);\n-- migrate:down\nDROP TABLE more;\n');
    const result = await migrate(db, { migrations: [first, baseline, more], onWarning: () => {} });
    expect(result).toMatchObject({ applied: ['001_create_items', '002_baseline', '003_more'], empty: [] });
    // Doing nothing, it is undone by doing nothing: rolling back through it works.
    const reverted = await rollback(db, { migrations: [first, baseline, more], to: '001_create_items' });
    expect(reverted.reverted).toEqual(['003_more', '002_baseline']);
    expect(await appliedIds(db)).toEqual(['001_create_items']);
  });
});

describe("onDrift: 'redo'", () => {
  it('should re-run the newest applied migration after its file changed: the down it was applied with, then the new up', async () => {
    await migrate(db, { migrations: [first, gadgets('id int')] });
    const before = (await getStatus(db, { migrations: [first, gadgets('id int')] })).entries[1]!.checksum;
    // The down changes too: the kept one (DROP TABLE gadgets) is what runs, not the new text.
    const edited = sql('002_add_gadgets.sql', '-- migrate:up\nCREATE TABLE gadgets (id int, name text);\n-- migrate:down\nDROP TABLE gadgets_renamed;\n');
    const warnings: string[] = [];
    const result = await migrate(db, { migrations: [first, edited], onDrift: 'redo', appBuild: 'dev', onWarning: (w) => warnings.push(w.message) });
    expect(result).toMatchObject({ applied: ['002_add_gadgets'], redone: ['002_add_gadgets'], pending: [] });
    expect(warnings).toEqual([`002_add_gadgets.sql: changed since it was applied; re-ran it (onDrift: 'redo'): its down as it was applied, then the new up.`]);
    expect(await columns('gadgets')).toEqual(['id', 'name']);
    expect((await getStatus(db, { migrations: [first, edited] })).drifted).toEqual([]);
    const after = (await getStatus(db, { migrations: [first, edited] })).entries[1]!.checksum;
    const history = (await readHistory(db)).slice(0, 2).map((e) => [e.action, e.migrationId, e.appBuild, e.checksum]);
    expect(history).toEqual([
      ['up', '002_add_gadgets', 'dev', after],
      ['down', '002_add_gadgets', 'dev', before],
    ]);
    // And the next edit undoes with the down of this version (DROP TABLE gadgets_renamed: fails, all rolled back).
    const again = await migrate(db, { migrations: [first, gadgets('id int, size int')], onDrift: 'redo', onWarning: () => {} }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MigrationError);
    expect((again as MigrationError).direction).toBe('down');
    expect((again as MigrationError).message).toContain('table "gadgets_renamed" does not exist');
    expect(await columns('gadgets')).toEqual(['id', 'name']);
  });

  it('should refuse drift of an older migration, and refuse everything without it (production)', async () => {
    await migrate(db, { migrations: [first, gadgets('id int')] });
    const olderEdited = sql('001_create_items.sql', '-- migrate:up\nCREATE TABLE items (id bigint);\n-- migrate:down\nDROP TABLE items;\n');
    const older = await migrate(db, { migrations: [olderEdited, gadgets('id int')], onDrift: 'redo' }).catch((e: unknown) => e);
    expect(older).toBeInstanceOf(ChecksumMismatchError);
    expect((older as Error).message).toContain('Only the newest applied migration (002_add_gadgets) is re-run');
    const production = await migrate(db, { migrations: [first, gadgets('id int, name text')] }).catch((e: unknown) => e);
    expect(production).toBeInstanceOf(ChecksumMismatchError);
    expect((production as Error).message).toContain("in development, { onDrift: 'redo' } re-runs the newest applied migration");
    expect(await columns('gadgets')).toEqual(['id']);
  });

  it('should refuse to re-run a migration without a down, leaving the database untouched', async () => {
    const noDown = (text: string) => sql('002_add_gadgets.sql', text);
    await migrate(db, { migrations: [first, noDown('CREATE TABLE gadgets (id int);')] });
    const error = await migrate(db, { migrations: [first, noDown('CREATE TABLE gadgets (id int, name text);')], onDrift: 'redo' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as Error).message).toContain('It cannot be re-run in development: it has no down.');
    expect(await appliedIds(db)).toEqual(['001_create_items', '002_add_gadgets']);
  });

  it("should re-run a module with its current down (a module's applied code is not kept)", async () => {
    const module = (column: string): MigrationSource => ({
      file: '002_add_gadgets.ts',
      checksum: column.padEnd(64, '0'),
      module: {
        up: async (tx) => void (await tx.exec(`CREATE TABLE gadgets (${column} int)`)),
        down: async (tx) => void (await tx.exec('DROP TABLE gadgets')),
      },
    });
    await migrate(db, { migrations: [first, module('a')] });
    const warnings: string[] = [];
    const result = await migrate(db, { migrations: [first, module('b')], onDrift: 'redo', onWarning: (w) => warnings.push(w.message) });
    expect(result.redone).toEqual(['002_add_gadgets']);
    expect(warnings[0]).toContain('its current down (the applied code of a module is not kept)');
    expect(await columns('gadgets')).toEqual(['b']);
  });
});
