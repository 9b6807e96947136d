import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getStatus, migrate, rollback, type MigrationSource } from '../../src/core/index.js';
import { loadExtensions, loadMigrations } from '../../src/node/index.js';
import { appliedIds, emptyDatabase, schemaSnapshot, userTables } from '../helpers/database.js';

const LAYOUTS = ['golang-migrate', 'diesel', 'prisma', 'dbmate'] as const;
const histories = new Map<string, MigrationSource[]>();
let db: PGlite;
let extensionKeys: string[];

beforeAll(async () => {
  for (const layout of LAYOUTS) histories.set(layout, await loadMigrations(`test/fixtures/${layout}`));
  // One database for every layout, opened with what the migrations need, found by pgboot.
  const extensions = await loadExtensions([...histories.values()].flat());
  extensionKeys = Object.keys(extensions).sort();
  db = await PGlite.create({ extensions });
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await emptyDatabase(db);
  await db.exec('DROP EXTENSION IF EXISTS pg_trgm, hstore, citext, "uuid-ossp"');
});

const silent = { onWarning: () => {} };
const dieselVersions = async () =>
  (await db.query<{ version: string }>('SELECT version FROM __diesel_schema_migrations ORDER BY version')).rows.map((r) => r.version);

/** What the shared history must have built, whatever the layout. */
async function expectTaskTrackerSchema(): Promise<void> {
  expect(await userTables(db)).toEqual(expect.arrayContaining(['audit_log', 'comments', 'labels', 'projects', 'task_labels', 'tasks', 'users']));
  const enumValues = await db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::task_status))::text AS v`);
  expect(enumValues.rows.map((r) => r.v)).toEqual(['todo', 'doing', 'blocked', 'done']);
  // Data migrations ran in order: 'blocked' was added, then used by the next migration.
  const tasks = await db.query<{ title: string; status: string; priority: number; source: string }>(
    `SELECT title, status::text, priority, attributes -> 'source' AS source FROM tasks WHERE project_id = (SELECT min(id) FROM projects) ORDER BY title`,
  );
  expect(tasks.rows).toEqual([
    { title: 'fix the compiler', status: 'doing', priority: 1, source: 'seed' },
    { title: 'order parts', status: 'blocked', priority: 2, source: 'seed' },
    { title: 'write the spec', status: 'done', priority: 0, source: 'seed' },
  ]);
  // Extensions work: citext compares case-insensitively, pg_trgm's similarity, uuid-ossp's default.
  expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'ADA@example.COM'`)).rows).toEqual([{ n: 1 }]);
  expect((await db.query<{ s: number }>(`SELECT similarity('compiler', 'compilers') > 0.5 AS s`)).rows).toEqual([{ s: true }]);
  // Triggers fire: the audit trigger logged the two seeded comments, set_updated_at moves updated_at.
  expect((await db.query(`SELECT table_name, operation FROM audit_log`)).rows).toEqual([1, 2].map(() => ({ table_name: 'comments', operation: 'INSERT' })));
  const before = (await db.query<{ u: Date }>(`SELECT updated_at AS u FROM tasks WHERE title = 'order parts' LIMIT 1`)).rows[0]!.u;
  await db.query(`UPDATE tasks SET title = 'order more parts' WHERE title = 'order parts'`);
  const after = (await db.query<{ u: Date }>(`SELECT updated_at AS u FROM tasks WHERE title = 'order more parts' LIMIT 1`)).rows[0]!.u;
  expect(after.getTime()).toBeGreaterThanOrEqual(before.getTime());
  expect((await db.query(`SELECT open_task_count(min(id))::int AS n FROM projects`)).rows).toEqual([{ n: 2 }]);
  expect((await db.query(`SELECT total::int, done::int FROM project_stats((SELECT min(id) FROM projects))`)).rows).toEqual([{ total: 3, done: 1 }]);
}

describe('layout fixtures in Node', () => {
  it("should find the extensions the fixtures create and load PGlite's modules for them", () => {
    expect(extensionKeys).toEqual(['citext', 'hstore', 'pg_trgm', 'uuid_ossp']);
  });

  for (const layout of ['golang-migrate', 'diesel', 'dbmate'] as const) {
    it(`should apply the ${layout} fixture, roll it back fully, and apply it again to the same schema`, async () => {
      const migrations = histories.get(layout)!;
      expect(migrations.length).toBeGreaterThanOrEqual(20);
      const first = await migrate(db, { migrations, ...silent });
      expect(first.applied).toHaveLength(migrations.length);
      await expectTaskTrackerSchema();
      const status = await getStatus(db, { migrations });
      expect(status.entries.every((e) => e.state === 'applied')).toBe(true);
      await db.query(`UPDATE tasks SET title = 'order parts' WHERE title = 'order more parts'`);
      const applied = await schemaSnapshot(db);

      // diesel's own table is kept as diesel keeps it: one version per applied migration.
      if (layout === 'diesel') expect(await dieselVersions()).toEqual(first.applied.map((id) => id.slice(0, id.indexOf('_'))));

      const back = await rollback(db, { migrations, to: 0, ...silent });
      expect(back.reverted).toEqual([...first.applied].reverse());
      // diesel never drops its table; rolled back, it is empty.
      expect(await userTables(db)).toEqual(layout === 'diesel' ? ['__diesel_schema_migrations'] : []);
      if (layout === 'diesel') expect(await dieselVersions()).toEqual([]);
      const empty = await schemaSnapshot(db);
      expect(empty.extensions).toEqual([]);
      expect(empty.enums).toEqual([]);
      expect(empty.functions).toEqual([]);
      expect(await appliedIds(db)).toEqual([]);

      const again = await migrate(db, { migrations, ...silent });
      expect(again.applied).toEqual(first.applied);
      expect(await schemaSnapshot(db)).toEqual(applied);
    });
  }

  it('should apply the Prisma fixture, whose enum rewrite runs in its own BEGIN/COMMIT', async () => {
    const migrations = histories.get('prisma')!;
    const result = await migrate(db, { migrations, ...silent });
    expect(result.applied).toHaveLength(migrations.length);
    await expectTaskTrackerSchema();
    const kinds = await db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::comment_kind))::text AS v`);
    expect(kinds.rows.map((r) => r.v)).toEqual(['note', 'question', 'answer']);
    expect((await db.query(`SELECT typname FROM pg_type WHERE typname LIKE 'comment_kind%' ORDER BY 1`)).rows).toEqual([{ typname: 'comment_kind' }]);
    expect(await appliedIds(db)).toEqual(result.applied);
    expect(result.applied.at(-1)).toMatch(/^\d{14}_remove_spam_kind$/);
  });

  it('should build the same schema from golang-migrate, dbmate and diesel folders (diesel adds its helpers)', async () => {
    const snapshots: Record<string, Record<string, unknown[]>> = {};
    for (const layout of ['golang-migrate', 'dbmate', 'diesel'] as const) {
      await emptyDatabase(db);
      await db.exec('DROP EXTENSION IF EXISTS pg_trgm, hstore, citext, "uuid-ossp"');
      await migrate(db, { migrations: histories.get(layout)!, ...silent });
      const { functions, triggers, columns, indexes, ...rest } = await schemaSnapshot(db);
      snapshots[layout] = {
        ...rest,
        functions: functions!.filter((f) => !String((f as { proname: string }).proname).startsWith('diesel_')),
        indexes: indexes!.filter((i) => !String((i as { indexname: string }).indexname).startsWith('__diesel')),
      };
    }
    expect(snapshots.dbmate).toEqual(snapshots['golang-migrate']);
    const { relations: _r, constraints: _c, ...dieselRest } = snapshots.diesel!;
    const { relations: _r2, constraints: _c2, ...golangRest } = snapshots['golang-migrate']!;
    expect(dieselRest).toEqual(golangRest);
  });
});
