import type { PGlite, Transaction } from '@electric-sql/pglite';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { getStatus, migrate, readHistory, rollback, type MigrationSource, type SqlMigrationSource } from '../../src/core/index.js';
import { emptiedBeforeEach } from '../helpers/database.js';

// The one run path (src/core/run-batch.ts): what every path records, what a status handed to
// migrate saves, and what a boot bundle carries.
let db: PGlite;
emptiedBeforeEach((opened) => {
  db = opened;
});

const SLEEP_MS = 120;
const sleep = `SELECT pg_sleep(${SLEEP_MS / 1000})`;
const sql = (file: string, text: string, extra: Partial<SqlMigrationSource> = {}): SqlMigrationSource => ({ file, sql: text, ...extra });

/** One migration of every kind of run, each sleeping in its up and in its down. */
const everyKind: MigrationSource[] = [
  sql('001_plain.sql', `-- migrate:up\nCREATE TABLE a (id int);\n${sleep};\n-- migrate:down\n${sleep};\nDROP TABLE a;\n`),
  {
    file: '002_module.ts',
    checksum: 'module-checksum',
    module: {
      up: async (tx) => void (await tx.exec(`CREATE TABLE b (id int); ${sleep};`)),
      down: async (tx) => void (await tx.exec(`${sleep}; DROP TABLE b;`)),
    },
  },
  sql('003_outside.sql', `-- migrate:up transaction:false\nCREATE TABLE c (id int);\n${sleep};\n-- migrate:down transaction:false\n${sleep};\nDROP TABLE c;\n`),
  // A foreign layout's file with its own BEGIN/COMMIT (run statement by statement).
  sql('004_own.sql', `BEGIN;\nCREATE TABLE d (id int);\n${sleep};\nCOMMIT;\n`, {
    markers: false,
    ownTransactions: 'allow',
    downSql: `BEGIN;\n${sleep};\nDROP TABLE d;\nCOMMIT;\n`,
  }),
];

describe('duration_ms', () => {
  it("should measure the migration's own statements, the same way on every path, going up and going down", async () => {
    await migrate(db, { migrations: everyKind, onWarning: () => {} });
    const rows = (await db.query<{ id: string; duration_ms: number }>(`SELECT id, duration_ms FROM _migrations ORDER BY id`)).rows;
    expect(rows.map((r) => r.id)).toEqual(['001_plain', '002_module', '003_outside', '004_own']);
    for (const row of rows) {
      expect(row.duration_ms, row.id).toBeGreaterThanOrEqual(SLEEP_MS - 1);
      expect(row.duration_ms, row.id).toBeLessThan(SLEEP_MS + 5000);
    }
    await rollback(db, { migrations: everyKind, to: 0, onWarning: () => {} });

    const history = (await readHistory(db)).filter((e) => e.action === 'up' || e.action === 'down');
    expect(history).toHaveLength(8);
    for (const entry of history) {
      expect(entry.durationMs, `${entry.action} ${entry.migrationId}`).toBeGreaterThanOrEqual(SLEEP_MS - 1);
      expect(entry.durationMs, `${entry.action} ${entry.migrationId}`).toBeLessThan(SLEEP_MS + 5000);
    }
    // The row and its history entry agree.
    const ups = new Map(history.filter((e) => e.action === 'up').map((e) => [e.migrationId, e.durationMs]));
    for (const row of rows) expect(ups.get(row.id), row.id).toBe(row.duration_ms);
  });

  it('should measure a redo as its down and its new up together', async () => {
    const v1 = sql('001_items.sql', `-- migrate:up\nCREATE TABLE items (id int);\n${sleep};\n-- migrate:down\n${sleep};\nDROP TABLE items;\n`);
    const v2 = sql('001_items.sql', `-- migrate:up\nCREATE TABLE items (id int, name text);\n${sleep};\n-- migrate:down\nDROP TABLE items;\n`);
    await migrate(db, { migrations: [v1] });
    const result = await migrate(db, { migrations: [v2], onDrift: 'redo', onWarning: () => {} });
    expect(result.redone).toEqual(['001_items']);
    const [up, down] = (await readHistory(db)).filter((e) => e.action === 'up' || e.action === 'down');
    expect([up!.action, down!.action]).toEqual(['up', 'down']);
    expect(up!.durationMs).toBeGreaterThanOrEqual(2 * SLEEP_MS - 1);
    expect(down!.durationMs).toBe(up!.durationMs);
  });
});

/** The SQL texts sent through a real PGlite, inside and outside its transactions. */
function counting(target: PGlite): { db: PGlite; sent: string[] } {
  const sent: string[] = [];
  // `query` or `exec` of `t`, noting each text sent.
  const recording =
    (t: object, key: 'query' | 'exec') =>
    (text: string, ...rest: unknown[]) => {
      sent.push(text);
      return (Reflect.get(t, key) as (...a: unknown[]) => unknown).call(t, text, ...rest);
    };
  const wrap = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(t, key) {
        if (key === 'query' || key === 'exec') return recording(t, key);
        const value = Reflect.get(t, key);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const proxy = new Proxy(target, {
    get(t, key) {
      if (key === 'transaction') return <T>(work: (tx: Transaction) => Promise<T>) => t.transaction((tx) => work(wrap(tx)));
      if (key === 'query' || key === 'exec') return recording(t, key);
      const value = Reflect.get(t, key);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
  return { db: proxy, sent };
}

const readsApplied = (text: string) => /SELECT id, version, name, checksum, applied_at/.test(text);

describe('migrate({ status })', () => {
  const migrations = [
    sql('001_a.sql', '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n'),
    sql('002_b.sql', '-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n'),
  ];

  it('should plan from the status it is handed instead of reading _migrations again', async () => {
    await migrate(db, { migrations: migrations.slice(0, 1) });
    const { db: counted, sent } = counting(db);

    const status = await getStatus(counted, { migrations });
    expect(status.pending).toEqual(['002_b']);
    const afterStatus = sent.length;
    const result = await migrate(counted, { migrations, status });
    const byMigrate = sent.slice(afterStatus);

    expect(result).toMatchObject({ applied: ['002_b'], pending: [] });
    expect(byMigrate.filter(readsApplied)).toEqual([]);
    // The same run without a status reads the rows again.
    await rollback(db, { migrations });
    sent.length = 0;
    expect((await migrate(counted, { migrations })).applied).toEqual(['002_b']);
    expect(sent.filter(readsApplied)).toHaveLength(1);
    expect(byMigrate.length).toBe(sent.length - 1);
  });

  it("should plan again when the status found another tool's history to adopt", async () => {
    await db.exec(
      `CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL); INSERT INTO schema_migrations VALUES (1, false); CREATE TABLE a (id int);`,
    );
    const status = await getStatus(db, { migrations });
    expect(status.adoptable).toEqual(['001_a']);
    const result = await migrate(db, { migrations, status });
    expect(result).toMatchObject({ adopted: ['001_a'], applied: ['002_b'] });
  });
});

describe('adoption', () => {
  it("should stay out of the code a boot loads until a database has another tool's table", async () => {
    const output = await build({
      entryPoints: ['src/core/migrate.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      write: false,
      outdir: 'out',
      external: ['@electric-sql/pglite'],
    });
    const [entry, ...chunks] = output.outputFiles;
    expect(entry!.path).toMatch(/migrate\.js$/);
    expect(entry!.text).not.toContain('golang-migrate');
    expect(entry!.text).toContain('import("./');
    expect(chunks.some((chunk) => chunk.text.includes('golang-migrate'))).toBe(true);
  });
});
