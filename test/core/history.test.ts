import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { getStatus, migrate, readHistory, rollback, type MigrationSource } from '../../src/core/index.js';
import { loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, schemaSnapshot, sharedDatabase, userTables } from '../helpers/database.js';

// A year of a task tracker's history (37 migrations: SQL and TS, enums and added values,
// $$ functions and triggers, pg_trgm, data migrations, transaction:false, renames).
const fixture = fileURLToPath(new URL('../fixtures/app-history', import.meta.url));

let db: PGlite;
let migrations: MigrationSource[];
beforeAll(async () => {
  db = await sharedDatabase();
  await emptyDatabase(db);
  migrations = await loadMigrations(fixture);
});

describe('a realistic history', () => {
  it('should apply from scratch, roll back fully, re-apply, and end with an identical schema', async () => {
    const warnings: string[] = [];
    const first = await migrate(db, { migrations, onWarning: (w) => warnings.push(w.message) });
    expect(first.applied).toHaveLength(migrations.length);
    expect(migrations.length).toBeGreaterThanOrEqual(30);
    expect(warnings).toEqual([expect.stringContaining('shares version 20250114093012')]);
    const migrated = await schemaSnapshot(db);
    expect(migrated.extensions).toEqual([{ extname: 'pg_trgm' }]);
    expect((migrated.enums as { typname: string; enumlabel: string }[]).filter((e) => e.typname === 'task_status').map((e) => e.enumlabel)).toContain(
      'blocked',
    );
    expect((migrated.triggers as unknown[]).length).toBeGreaterThan(3);

    const reverted = await rollback(db, { migrations, to: 0 });
    expect(reverted.reverted).toEqual([...first.applied].reverse());
    expect(await userTables(db)).toEqual([]);
    const empty = await schemaSnapshot(db);
    expect(empty.extensions).toEqual([]);
    expect(empty.enums).toEqual([]);
    expect(empty.functions).toEqual([]);
    expect(empty.views).toEqual([]);
    expect(await appliedIds(db)).toEqual([]);

    const second = await migrate(db, { migrations, onWarning: () => {} });
    expect(second.applied).toEqual(first.applied);
    expect(await schemaSnapshot(db)).toEqual(migrated);

    const status = await getStatus(db, { migrations });
    expect(status).toMatchObject({ pending: [], drifted: [], unknown: [], outOfOrder: [] });
    expect(status.applied).toEqual(first.applied);
    const history = await readHistory(db, { limit: 10_000 });
    expect(history.filter((e) => e.action === 'up')).toHaveLength(2 * migrations.length);
    expect(history.filter((e) => e.action === 'down')).toHaveLength(migrations.length);
    expect(history.filter((e) => e.action === 'failed')).toEqual([]);
  });

  it('should carry existing rows through its data migrations, and back', async () => {
    await emptyDatabase(db);
    await migrate(db, { migrations, to: '20250129104517_create_tasks', onWarning: () => {} });
    await db.exec(`
      INSERT INTO users (id, email, full_name) VALUES ('00000000-0000-0000-0000-000000000001', 'ada@example.com', 'Ada van Lovelace');
      INSERT INTO workspaces (id, name, owner_id) VALUES ('00000000-0000-0000-0000-0000000000aa', 'Engines', '00000000-0000-0000-0000-000000000001');
      INSERT INTO projects (workspace_id, key, name) VALUES ('00000000-0000-0000-0000-0000000000aa', 'AE', 'Analytical Engine!');
    `);

    const rest = await migrate(db, { migrations, onWarning: () => {} });
    expect(rest.applied).toHaveLength(migrations.length - 4);
    expect((await db.query('SELECT first_name, last_name FROM users')).rows).toEqual([{ first_name: 'Ada', last_name: 'van Lovelace' }]);
    expect((await db.query('SELECT slug FROM projects')).rows).toEqual([{ slug: 'analytical-engine' }]);

    await rollback(db, { migrations, to: '20250129104517_create_tasks' });
    expect((await db.query('SELECT full_name FROM users')).rows).toEqual([{ full_name: 'Ada van Lovelace' }]);
    expect(await appliedIds(db)).toHaveLength(4);
  });
});
