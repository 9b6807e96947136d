// A long history in each foreign layout, applied by pgboot, against the floor: the same SQL
// applied by a plain loop of `exec` calls, one implicit transaction per migration, no bookkeeping.
// Side by side in one run, alternating which goes first each round; each run starts from an
// empty schema in the same PGlite instance (in memory, then on disk).
// Writes bench/results/layouts.md. Usage: node bench/layouts.bench.mjs [migrations] [rounds]   (defaults 300, 5)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createJiti } from 'jiti';
import { writeResultsMd } from './results-md.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const COUNT = Number(process.argv[2] ?? 300);
const ROUNDS = Number(process.argv[3] ?? 5);
// The sources, not dist/: the bench measures the engine as it is in the tree now.
const jiti = createJiti(import.meta.url);
const { migrate, prepareMigrations } = await jiti.import(join(here, '../src/core/index.ts'));
const { loadMigrations } = await jiti.import(join(here, '../src/node/load-migrations.ts'));

/** Migration i of the history: a realistic mix of DDL, functions, triggers and data changes. */
function history(count) {
  const steps = [];
  for (let i = 0; i < count; i++) {
    const t = `t${i}`;
    switch (i % 4) {
      case 0:
        steps.push([
          `CREATE TABLE ${t} (\n  id serial PRIMARY KEY,\n  name text NOT NULL,\n  note text DEFAULT 'a; b',\n  created_at timestamptz NOT NULL DEFAULT now()\n);\nCREATE INDEX ${t}_name ON ${t} (name);\nINSERT INTO ${t} (name) SELECT 'row ' || g FROM generate_series(1, 20) g;`,
          `DROP TABLE ${t};`,
        ]);
        break;
      case 1:
        steps.push([
          `ALTER TABLE t${i - 1} ADD COLUMN score integer NOT NULL DEFAULT 0;\nUPDATE t${i - 1} SET score = length(name);\nCREATE INDEX t${i - 1}_score ON t${i - 1} (score);`,
          `ALTER TABLE t${i - 1} DROP COLUMN score;`,
        ]);
        break;
      case 2:
        steps.push([
          `CREATE FUNCTION f${i}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.note := coalesce(NEW.note, '') || ';';\n  RETURN NEW;\nEND;\n$$;\nCREATE TRIGGER tr${i} BEFORE UPDATE ON t${i - 2} FOR EACH ROW EXECUTE FUNCTION f${i}();`,
          `DROP TRIGGER tr${i} ON t${i - 2};\nDROP FUNCTION f${i}();`,
        ]);
        break;
      default:
        steps.push([
          `CREATE TYPE e${i} AS ENUM ('a', 'b');\nALTER TABLE t${i - 3} ADD COLUMN kind e${i} NOT NULL DEFAULT 'a';\nUPDATE t${i - 3} SET kind = 'b' WHERE id % 2 = 0;`,
          `ALTER TABLE t${i - 3} DROP COLUMN kind;\nDROP TYPE e${i};`,
        ]);
    }
  }
  return steps;
}

const stamp = (i) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dashed = (s) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}-${s.slice(8)}`;

/** Writes the history into a folder in the given layout. */
const WRITERS = {
  'golang-migrate': (dir, steps) =>
    steps.forEach(([up, down], i) => {
      const v = String(i + 1).padStart(6, '0');
      writeFileSync(join(dir, `${v}_m${i}.up.sql`), up);
      writeFileSync(join(dir, `${v}_m${i}.down.sql`), down);
    }),
  diesel: (dir, steps) =>
    steps.forEach(([up, down], i) => {
      const d = join(dir, `${dashed(stamp(i))}_m${i}`);
      mkdirSync(d);
      writeFileSync(join(d, 'up.sql'), up);
      writeFileSync(join(d, 'down.sql'), down);
    }),
  prisma: (dir, steps) => {
    writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    steps.forEach(([up], i) => {
      const d = join(dir, `${stamp(i)}_m${i}`);
      mkdirSync(d);
      writeFileSync(join(d, 'migration.sql'), up);
    });
  },
  dbmate: (dir, steps) =>
    steps.forEach(([up, down], i) => {
      if (i % 2 === 0) writeFileSync(join(dir, `${stamp(i)}_m${i}.sql`), `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`);
      else {
        writeFileSync(join(dir, `${stamp(i)}_m${i}.sql`), up);
        writeFileSync(join(dir, `${stamp(i)}_m${i}.down.sql`), down);
      }
    }),
};

async function reset(db) {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  // Untimed: clear the catalogs' dead rows, so later rounds do not run against a bloated catalog.
  await db.exec('VACUUM');
}

/**
 * Wall time, and this process's CPU time: PGlite runs in this thread, and the machines here are
 * shared, so CPU time is the steadier of the two when other work competes for the cores.
 */
async function measure(work) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

async function timeFloor(db, texts) {
  await reset(db);
  return measure(async () => {
    for (const sql of texts) await db.exec(sql);
  });
}

async function timePgboot(db, migrations) {
  await reset(db);
  return measure(async () => {
    const result = await migrate(db, { migrations, onWarning: () => {} });
    if (result.applied.length !== migrations.length) throw new Error(`pgboot applied ${result.applied.length} of ${migrations.length}`);
  });
}

// The fastest round: on shared machines, interference only ever adds time.
const best = (xs) => Math.min(...xs);

const work = mkdtempSync(join(tmpdir(), 'pgboot-bench-layouts-'));
const steps = history(COUNT);
const folders = {};
for (const [layout, write] of Object.entries(WRITERS)) {
  const dir = join(work, layout);
  mkdirSync(dir);
  write(dir, steps);
  const migrations = await loadMigrations(dir);
  // The floor runs exactly the up text pgboot runs (dbmate's marker files cut at their markers).
  const { migrations: prepared } = await prepareMigrations(migrations);
  folders[layout] = { migrations, texts: prepared.map((m) => m.up.sql) };
}

const rows = [];
for (const [where, open] of [
  ['in memory', async () => PGlite.create()],
  ['on disk', async () => PGlite.create({ dataDir: join(work, 'data') })],
]) {
  const db = await open();
  for (const [layout, { migrations, texts }] of Object.entries(folders)) {
    const floor = [];
    const pgboot = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        floor.push(await timeFloor(db, texts));
        pgboot.push(await timePgboot(db, migrations));
      } else {
        pgboot.push(await timePgboot(db, migrations));
        floor.push(await timeFloor(db, texts));
      }
    }
    const pick = (runs, key) => best(runs.map((run) => run[key]));
    const row = {
      where,
      layout,
      floor: pick(floor, 'wall'),
      pgboot: pick(pgboot, 'wall'),
      floorCpu: pick(floor, 'cpu'),
      pgbootCpu: pick(pgboot, 'cpu'),
    };
    row.ratio = row.pgboot / row.floor;
    row.cpuRatio = row.pgbootCpu / row.floorCpu;
    rows.push(row);
    console.log(
      `${where.padEnd(9)} ${layout.padEnd(14)} wall: floor ${row.floor.toFixed(0).padStart(6)} ms, pgboot ${row.pgboot.toFixed(0).padStart(6)} ms, ratio ${row.ratio.toFixed(2)}` +
        `   cpu: floor ${row.floorCpu.toFixed(0).padStart(6)} ms, pgboot ${row.pgbootCpu.toFixed(0).padStart(6)} ms, ratio ${row.cpuRatio.toFixed(2)}`,
    );
  }
  await db.close();
}
rmSync(work, { recursive: true, force: true });

const table = rows
  .map(
    (r) =>
      `| ${r.where} | ${r.layout} | ${r.floor.toFixed(0)} | ${r.pgboot.toFixed(0)} | ${r.ratio.toFixed(2)}x | ${r.floorCpu.toFixed(0)} | ${r.pgbootCpu.toFixed(0)} | ${r.cpuRatio.toFixed(2)}x |`,
  )
  .join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'layouts.md'),
  `## Foreign layouts: ${COUNT} migrations applied by pgboot vs a plain exec loop\n\n` +
    `\`node bench/layouts.bench.mjs ${COUNT} ${ROUNDS}\`, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, PGlite 0.5.16. ` +
    `Each migration is 2-4 statements (tables with indexes and rows, columns with backfills, plpgsql triggers, enums). ` +
    `Floor: the same up texts, one \`db.exec()\` each (one implicit transaction per migration, nothing recorded). ` +
    `pgboot: \`migrate()\` on the folder loaded with \`loadMigrations()\` (tracking tables, plan, one transaction per migration with its ` +
    `\`_migrations\` row and history entry). Fastest of ${ROUNDS} rounds (interference only adds time), alternating which runs first. ` +
    `Wall time, and the process's CPU time (PGlite runs in the same thread; the steadier figure on these shared 2-core machines, ` +
    `load average ${loadavg()[0].toFixed(1)} when this run ended).\n\n` +
    `| where | layout | floor wall (ms) | pgboot wall (ms) | wall ratio | floor CPU (ms) | pgboot CPU (ms) | CPU ratio |\n` +
    `| --- | --- | --- | --- | --- | --- | --- | --- |\n${table}\n`,
);
console.log(`wrote bench/results/layouts.md`);
writeResultsMd(); // bench/RESULTS.md: this section and the others, with their notes
