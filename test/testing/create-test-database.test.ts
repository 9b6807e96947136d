import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, type MigrationSource } from '../../src/core/index.js';
import { createTestDatabase } from '../../src/testing/index.js';

// Counts how often each migration set really ran: a template must be built once, not per test.
const runs = { seed: 0 };

const MIGRATIONS: MigrationSource[] = [
  { file: '001_users.sql', sql: 'CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL UNIQUE);' },
  {
    file: '002_posts.sql',
    sql: '-- migrate:up\nCREATE TABLE posts (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users, title text);\n-- migrate:down\nDROP TABLE posts;\n',
  },
  {
    file: '003_seed_admin.ts',
    checksum: 'seed-admin-v1',
    module: {
      async up(db) {
        runs.seed++;
        await db.query("INSERT INTO users (name) VALUES ('admin')");
      },
    },
  },
];

const opened: PGlite[] = [];
async function fresh(options: Parameters<typeof createTestDatabase>[0] = { migrations: MIGRATIONS }): Promise<PGlite> {
  const db = await createTestDatabase(options);
  opened.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

async function names(db: PGlite): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT name FROM users ORDER BY name')).rows.map((r) => r.name);
}

describe('createTestDatabase', { timeout: 120_000 }, () => {
  it('should give a fully migrated database', async () => {
    const db = await fresh();
    expect(await names(db)).toEqual(['admin']);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM _migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(['001_users', '002_posts', '003_seed_admin']);
  });

  it('should give each test its own database: rows written in one are not seen by another', async () => {
    const a = await fresh();
    const b = await fresh();
    await a.query("INSERT INTO users (name) VALUES ('ada')");
    await b.query("INSERT INTO users (name) VALUES ('grace')");
    await b.exec('DROP TABLE posts');
    expect(await names(a)).toEqual(['ada', 'admin']);
    expect(await names(b)).toEqual(['admin', 'grace']);
    expect((await a.query("SELECT to_regclass('posts') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
    // A third one, made after the others wrote, starts from the template again.
    expect(await names(await fresh())).toEqual(['admin']);
  });

  it('should migrate once per migration set, not once per database', async () => {
    await fresh();
    await fresh();
    expect(runs.seed).toBe(1);
  });

  it('should build a new template when a migration changes, and read a folder with dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgboot-testing-'));
    await writeFile(join(dir, '001_items.sql'), 'CREATE TABLE items (id int PRIMARY KEY);\n');
    const before = await fresh({ dir });
    await writeFile(join(dir, '001_items.sql'), 'CREATE TABLE items (id int PRIMARY KEY, label text);\n');
    const after = await fresh({ dir });
    const columns = (db: PGlite) =>
      db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position");
    expect((await columns(before)).rows.map((r) => r.column_name)).toEqual(['id']);
    expect((await columns(after)).rows.map((r) => r.column_name)).toEqual(['id', 'label']);
  });

  it('should reject with MigrationError when a migration fails, and not keep the failure', async () => {
    let failing = true;
    const flaky: MigrationSource[] = [
      { file: '001_users.sql', sql: 'CREATE TABLE users (id int);\n' },
      {
        file: '002_flaky.ts',
        checksum: 'flaky-v1',
        module: {
          async up(db) {
            if (failing) await db.query('INSERT INTO missing VALUES (1)');
            await db.exec('CREATE TABLE done (id int)');
          },
        },
      },
    ];
    const attempt = fresh({ migrations: flaky });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow('002_flaky.ts: migration failed: relation "missing" does not exist');
    failing = false; // same migration set, same key: the next call must build again, not replay the failure
    const db = await fresh({ migrations: flaky });
    expect((await db.query("SELECT to_regclass('done') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
  });

  it('should say what it needs when given neither migrations nor dir', async () => {
    await expect(createTestDatabase({})).rejects.toThrow("createTestDatabase needs 'migrations' or 'dir'.");
  });
});
