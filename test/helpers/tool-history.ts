import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

/**
 * One migration of a generated history, tool-neutral: its statements, its down statements
 * (empty for the steps that cannot be undone, such as adding an enum value), and whether it
 * manages its own transaction (`wrapped`: BEGIN ... COMMIT around everything; `mid-commit`: a
 * COMMIT in the middle, so a value added to an enum is usable after it).
 */
export interface HistoryStep {
  name: string;
  up: string[];
  down: string[];
  ownTransaction: 'none' | 'wrapped' | 'mid-commit';
}

/**
 * A history of `count` migrations of the kinds real apps accumulate: tables with an index and
 * rows, columns with backfills, enum values added (empty down) and used by a later migration,
 * plpgsql functions and tables inside the file's own BEGIN/COMMIT, a value added and used
 * across a COMMIT in the middle of a file, foreign keys, views.
 */
export function generateHistory(count: number): HistoryStep[] {
  const steps: HistoryStep[] = [
    {
      name: 'init',
      up: [`CREATE TYPE mood AS ENUM ('calm')`, `CREATE TABLE t0 (id serial PRIMARY KEY, label text NOT NULL)`, `INSERT INTO t0 (label) VALUES ('first')`],
      down: [`DROP TABLE t0`, `DROP TYPE mood`],
      ownTransaction: 'none',
    },
  ];
  // The newest table, and the newest enum value, that later steps build on.
  let table = 't0';
  let value = 'calm';
  for (let i = 1; i < count; i++) {
    switch (i % 8) {
      case 1:
        table = `t${i}`;
        steps.push({
          name: `create_${table}`,
          up: [
            `CREATE TABLE ${table} (id serial PRIMARY KEY, label text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
            `CREATE INDEX ${table}_label_idx ON ${table} (label)`,
            `INSERT INTO ${table} (label) SELECT 'row ' || g FROM generate_series(1, 5) g`,
          ],
          down: [`DROP TABLE ${table}`],
          ownTransaction: 'none',
        });
        break;
      case 2:
        steps.push({
          name: `add_note_${i}`,
          up: [`ALTER TABLE ${table} ADD COLUMN note_${i} text`, `UPDATE ${table} SET note_${i} = label || '!'`],
          down: [`ALTER TABLE ${table} DROP COLUMN note_${i}`],
          ownTransaction: 'none',
        });
        break;
      case 3:
        // Postgres cannot drop an enum value: the down is empty. Wrapped in its own BEGIN/COMMIT,
        // as drizzle users do so that a later migration in the same drizzle run can use the value.
        value = `m${i}`;
        steps.push({ name: `add_mood_${value}`, up: [`ALTER TYPE mood ADD VALUE '${value}'`], down: [], ownTransaction: 'wrapped' });
        break;
      case 4:
        steps.push({
          name: `use_mood_${value}`,
          up: [`ALTER TABLE ${table} ADD COLUMN mood_${i} mood NOT NULL DEFAULT '${value}'`, `UPDATE ${table} SET mood_${i} = '${value}' WHERE id = 1`],
          down: [`ALTER TABLE ${table} DROP COLUMN mood_${i}`],
          ownTransaction: 'none',
        });
        break;
      case 5:
        steps.push({
          name: `audit_${i}`,
          up: [
            `CREATE TABLE audit_${i} (id serial PRIMARY KEY, row_id int NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
            `CREATE FUNCTION log_${i}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit_${i} (row_id) VALUES (NEW.id); RETURN NEW; END; $$`,
            `CREATE TRIGGER log_${i} AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION log_${i}()`,
          ],
          down: [`DROP TRIGGER log_${i} ON ${table}`, `DROP FUNCTION log_${i}()`, `DROP TABLE audit_${i}`],
          ownTransaction: 'wrapped',
        });
        break;
      case 6:
        steps.push({
          name: `child_${i}`,
          up: [`CREATE TABLE child_${i} (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES ${table} (id) ON DELETE CASCADE)`],
          down: [`DROP TABLE child_${i}`],
          ownTransaction: 'none',
        });
        break;
      case 7:
        value = `n${i}`;
        steps.push({
          name: `add_and_use_${value}`,
          up: [
            `ALTER TYPE mood ADD VALUE '${value}'`,
            `COMMIT`,
            `INSERT INTO ${table} (label) VALUES ('${value}')`,
            `UPDATE ${table} SET mood_${i - 3} = '${value}' WHERE label = '${value}'`,
          ],
          down: [`DELETE FROM ${table} WHERE label = '${value}'`],
          ownTransaction: 'mid-commit',
        });
        break;
      default:
        steps.push({
          name: `view_${i}`,
          up: [`CREATE VIEW v${i} AS SELECT id, label FROM ${table} WHERE label LIKE 'row%'`],
          down: [`DROP VIEW v${i}`],
          ownTransaction: 'none',
        });
    }
  }
  return steps;
}

/** The step's up text as a file of the tool holds it. `separator` joins statements (drizzle-kit puts its breakpoints there). */
export function upText(step: HistoryStep, separator = ';\n'): string {
  const statements = step.ownTransaction === 'wrapped' ? ['BEGIN', ...step.up, 'COMMIT'] : step.up;
  return `${statements.join(separator)};\n`;
}

export function downText(step: HistoryStep): string {
  return step.down.length === 0 ? '' : `${step.down.join(';\n')};\n`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A UTC timestamp `YYYYMMDDHHmmss`, one second per migration from 2024-01-01. */
export function stamp(index: number): string {
  return new Date(Date.UTC(2024, 0, 1) + index * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** How one tool lays a step out in its folder, and the pgboot id the layout gives it. */
export interface ToolFolder {
  files: Record<string, string>;
  ids: string[];
}

export function golangMigrateFolder(steps: HistoryStep[]): ToolFolder {
  const files: Record<string, string> = {};
  const ids = steps.map((step, i) => {
    const id = `${pad(i + 1, 6)}_${step.name}`; // `migrate create -seq` numbering
    files[`${id}.up.sql`] = upText(step);
    files[`${id}.down.sql`] = downText(step); // empty for the enum steps
    return id;
  });
  return { files, ids };
}

/** dbmate: markers in one file; a file that manages its own transaction says `transaction:false`, as dbmate requires. */
export function dbmateFolder(steps: HistoryStep[]): ToolFolder {
  const files: Record<string, string> = {};
  const ids = steps.map((step, i) => {
    const id = `${stamp(i)}_${step.name}`;
    const option = step.ownTransaction === 'none' ? '' : ' transaction:false';
    files[`${id}.sql`] = `-- migrate:up${option}\n${upText(step)}\n-- migrate:down${option}\n${downText(step)}`;
    return id;
  });
  return { files, ids };
}

/** Prisma: `<timestamp>_<name>/migration.sql`, no downs, and the lock file. */
export function prismaFolder(steps: HistoryStep[]): ToolFolder {
  const files: Record<string, string> = { 'migration_lock.toml': 'provider = "postgresql"\n' };
  const ids = steps.map((step, i) => {
    const id = `${stamp(i)}_${step.name}`;
    files[`${id}/migration.sql`] = upText(step);
    return id;
  });
  return { files, ids };
}

/** diesel: `<YYYY-MM-DD-HHMMSS>_<name>/{up,down}.sql`; a file with its own transaction sets `run_in_transaction = false`. */
export function dieselFolder(steps: HistoryStep[]): ToolFolder {
  const files: Record<string, string> = {};
  const ids = steps.map((step, i) => {
    const version = stamp(i);
    const dir = `${version.slice(0, 4)}-${version.slice(4, 6)}-${version.slice(6, 8)}-${version.slice(8)}_${step.name}`;
    files[`${dir}/up.sql`] = upText(step);
    files[`${dir}/down.sql`] = downText(step);
    if (step.ownTransaction !== 'none') files[`${dir}/metadata.toml`] = 'run_in_transaction = false\n';
    return `${version}_${step.name}`;
  });
  return { files, ids };
}

/** drizzle-kit 0.x: `<idx>_<name>.sql` with breakpoints between statements, listed in `meta/_journal.json`. */
export function drizzleFolder(steps: HistoryStep[]): ToolFolder & { journal: (upTo: number) => string } {
  const files: Record<string, string> = {};
  const ids = steps.map((step, i) => {
    const tag = `${pad(i, 4)}_${step.name}`;
    files[`${tag}.sql`] = upText(step, ';\n--> statement-breakpoint\n');
    return tag;
  });
  const journal = (upTo: number) =>
    JSON.stringify(
      {
        version: '7',
        dialect: 'postgresql',
        entries: ids.slice(0, upTo).map((tag, idx) => ({ idx, version: '7', when: 1_700_000_000_000 + idx * 1000, tag, breakpoints: true })),
      },
      null,
      2,
    );
  files['meta/_journal.json'] = journal(ids.length);
  return { files, ids, journal };
}

/** Writes a folder's files under a new temporary directory and returns its path. */
export async function writeFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgboot-history-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

// What each tool does when it applies a migration, with its tracking table written exactly as the
// tool writes it (DDL and statements read from the tools' sources). A text sent with `exec` goes
// over Postgres's simple query protocol, as the Go, Rust and Prisma drivers send a migration file.

/** golang-migrate (postgres driver): SetVersion(v, dirty=true), the whole file in one Exec, SetVersion(v, false). */
export async function applyLikeGolangMigrate(db: PGlite, folder: ToolFolder, count: number): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "schema_migrations" (version bigint not null primary key, dirty boolean not null)`);
  const setVersion = (version: number, dirty: boolean) =>
    db.transaction(async (tx) => {
      await tx.query(`TRUNCATE "schema_migrations"`);
      await tx.query(`INSERT INTO "schema_migrations" (version, dirty) VALUES ($1, $2)`, [version, dirty]);
    });
  for (const id of folder.ids.slice(0, count)) {
    const version = Number(id.slice(0, id.indexOf('_')));
    await setVersion(version, true);
    await db.exec(folder.files[`${id}.up.sql`]!);
    await setVersion(version, false);
  }
}

/** dbmate: the up section and its version row in one transaction, or without one for `transaction:false`. */
export async function applyLikeDbmate(db: PGlite, folder: ToolFolder, count: number): Promise<void> {
  await db.exec(`create table if not exists schema_migrations (version varchar(128) primary key)`);
  for (const id of folder.ids.slice(0, count)) {
    const text = folder.files[`${id}.sql`]!;
    const up = text.slice(text.indexOf('\n') + 1, text.indexOf('-- migrate:down'));
    const version = id.slice(0, id.indexOf('_'));
    if (text.startsWith('-- migrate:up transaction:false')) {
      await db.exec(up);
      await db.query(`insert into schema_migrations (version) values ($1)`, [version]);
    } else {
      await db.transaction(async (tx) => {
        await tx.exec(up);
        await tx.query(`insert into schema_migrations (version) values ($1)`, [version]);
      });
    }
  }
}

/** Prisma Migrate's `_prisma_migrations`, as its schema engine creates it. */
export const PRISMA_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma's `migrate deploy`: a row when the migration starts, the script as one text, then finished_at and the step count. */
export async function applyLikePrisma(db: PGlite, folder: ToolFolder, count: number): Promise<void> {
  await db.exec(PRISMA_TABLE);
  for (const name of folder.ids.slice(0, count)) {
    const script = folder.files[`${name}/migration.sql`]!;
    const id = randomUUID();
    await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
      id,
      createHash('sha256').update(script).digest('hex'),
      name,
    ]);
    await db.exec(script);
    await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
  }
}

/** diesel's `__diesel_schema_migrations`, as diesel_migrations creates it. */
export const DIESEL_TABLE = `CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (
       version VARCHAR(50) PRIMARY KEY NOT NULL,
       run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)`;

/** diesel: batch_execute(up.sql) and the version row in one transaction, or without one for `run_in_transaction = false`. */
export async function applyLikeDiesel(db: PGlite, folder: ToolFolder, count: number): Promise<void> {
  await db.exec(DIESEL_TABLE);
  const dirs = Object.keys(folder.files)
    .filter((f) => f.endsWith('/up.sql'))
    .sort()
    .map((f) => f.slice(0, -'/up.sql'.length));
  for (const dir of dirs.slice(0, count)) {
    const up = folder.files[`${dir}/up.sql`]!;
    const version = dir.slice(0, dir.indexOf('_')).replace(/-/g, '');
    if (folder.files[`${dir}/metadata.toml`]?.includes('run_in_transaction = false')) {
      await db.exec(up);
      await db.query(`INSERT INTO __diesel_schema_migrations (version) VALUES ($1)`, [version]);
    } else {
      await db.transaction(async (tx) => {
        await tx.exec(up);
        await tx.query(`INSERT INTO __diesel_schema_migrations (version) VALUES ($1)`, [version]);
      });
    }
  }
}
