import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject, type CliRun } from './run-cli.js';

// One project folder for the whole story (status, up, down, drift, failure): each on-disk open
// of PGlite costs seconds here, so the steps build on one another and run in order.
const USERS = `-- migrate:up
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
-- migrate:down
DROP TABLE users;
`;
const POSTS = `-- migrate:up
CREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users, title text);
-- migrate:down
DROP TABLE posts;
`;
const TAGS_TS = `import type { MigrationDb } from 'pgboot';
export const description = 'tags, from a TypeScript module';
export async function up(db: MigrationDb): Promise<void> {
  await db.exec('CREATE TABLE tags (name text PRIMARY KEY)');
}
export async function down(db: MigrationDb): Promise<void> {
  await db.exec('DROP TABLE tags');
}
`;
const IDS = ['20260101000000_create_users', '20260102000000_create_posts', '20260103000000_create_tags'];

interface StatusJson {
  databaseExists: boolean;
  totals: Record<string, number>;
  migrations: { id: string; state: string; appliedAt: string | null; durationMs: number | null; reversible: boolean }[];
}

function json(run: CliRun): StatusJson {
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as StatusJson;
}

describe('pgboot status, up and down against a database on disk', { timeout: 240_000 }, () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(cwd, args);

  beforeAll(async () => {
    cwd = await tempProject({
      [`migrations/${IDS[0]}.sql`]: USERS,
      [`migrations/${IDS[1]}.sql`]: POSTS,
      [`migrations/${IDS[2]}.ts`]: TAGS_TS,
      'migrations/README.md': 'not a migration',
    });
  });

  it('should report everything pending before the database exists, without creating it', async () => {
    const table = await cli('status');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('against .pgboot/dev-db (does not exist yet)');
    for (const id of IDS) expect(table.stdout).toMatch(new RegExp(`pending +${id}`));
    expect(table.stdout).toContain('0 applied, 3 pending, 0 drifted, 0 unknown (3 total)');
    const report = json(await cli('status', '--json'));
    expect(report.databaseExists).toBe(false);
    expect(report.totals).toEqual({ total: 3, applied: 0, pending: 3, drifted: 0, unknown: 0, outOfOrder: 0, empty: 0 });
    await expect(readFile(join(cwd, '.pgboot/dev-db/PG_VERSION'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('should apply up to --to, then the rest', async () => {
    const first = await cli('up', '--to', IDS[1]!);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`✓ ${IDS[0]} +applied +\\d+ ms\\n  ✓ ${IDS[1]} +applied`));
    expect(first.stdout).toContain('Applied 2 migration(s) to .pgboot/dev-db');
    expect(first.stdout).toContain('1 migration(s) still pending');

    const report = json(await cli('status', '--json'));
    expect(report.databaseExists).toBe(true);
    expect(report.migrations.map((m) => [m.id, m.state])).toEqual([
      [IDS[0], 'applied'],
      [IDS[1], 'applied'],
      [IDS[2], 'pending'],
    ]);
    expect(Date.now() - Date.parse(report.migrations[0]!.appliedAt!)).toBeLessThan(120_000);
    expect(report.migrations[0]!.durationMs).toBeGreaterThanOrEqual(0);

    const rest = await cli('up');
    expect(rest.code).toBe(0);
    expect(rest.stdout).toMatch(new RegExp(`✓ ${IDS[2]} +applied`));
    const again = await cli('up');
    expect(again.stdout).toContain('Nothing to apply: .pgboot/dev-db is up to date.');
  });

  it('should show applied migrations with time and duration in the table', async () => {
    const table = await cli('status');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/STATE +ID +APPLIED AT \(UTC\) +DURATION +NOTE/);
    for (const id of IDS) expect(table.stdout).toMatch(new RegExp(`applied +${id} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+ ms`));
    expect(table.stdout).toContain('3 applied, 0 pending, 0 drifted, 0 unknown (3 total)');
  });

  it('should roll back the newest by default, --steps n, and --to an id', async () => {
    const one = await cli('down');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(new RegExp(`^  ✓ ${IDS[2]} +reverted[^\\n]*\\nRolled back 1 migration\\(s\\)`));
    const two = await cli('down', '--steps', '2');
    expect(two.stdout).toMatch(new RegExp(`^  ✓ ${IDS[1]} +reverted[^\\n]*\\n  ✓ ${IDS[0]} +reverted[^\\n]*\\nRolled back 2`));
    // Everything was rolled back, so everything applies again.
    const up = await cli('up');
    expect(up.stdout).toContain('Applied 3 migration(s)');
    const to = await cli('down', '--to', IDS[0]!);
    expect(to.stdout).toMatch(new RegExp(`^  ✓ ${IDS[2]} +reverted[^\\n]*\\n  ✓ ${IDS[1]} +reverted[^\\n]*\\nRolled back 2`));
    expect(json(await cli('status', '--json')).migrations.map((m) => m.state)).toEqual(['applied', 'pending', 'pending']);
  });

  it('should refuse bad down options as usage errors', async () => {
    const both = await cli('down', '--to', '0', '--steps', '1');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --to or --steps');
    const steps = await cli('down', '--steps', 'two');
    expect(steps.code).toBe(2);
    expect(steps.stderr).toContain("--steps expects a whole number of at least 1, got 'two'");
  });

  it('should show drifted and unknown migrations, and refuse to run over drift', async () => {
    await cli('up');
    const usersFile = join(cwd, `migrations/${IDS[0]}.sql`);
    await writeFile(usersFile, USERS.replace('name text NOT NULL', 'name text'));
    await rm(join(cwd, `migrations/${IDS[2]}.ts`));
    const report = json(await cli('status', '--json'));
    expect(report.migrations.map((m) => [m.id, m.state])).toEqual([
      [IDS[0], 'drifted'],
      [IDS[1], 'applied'],
      [IDS[2], 'unknown'],
    ]);
    const table = await cli('status');
    expect(table.stdout).toContain('1 applied, 0 pending, 1 drifted, 1 unknown (3 total)');
    expect(table.stdout).toMatch(new RegExp(`drifted +${IDS[0]}.*file changed since it was applied`));

    const up = await cli('up');
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(`error: ${IDS[0]}.sql: this migration was applied with checksum`);
    expect(up.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    await writeFile(usersFile, USERS);
    await writeFile(join(cwd, `migrations/${IDS[2]}.ts`), TAGS_TS);
  });

  it('should report a failing migration with its file and line and exit 1', async () => {
    await writeFile(
      join(cwd, 'migrations/20260104000000_broken.sql'),
      `-- migrate:up\nCREATE TABLE fine (id int);\nINSERT INTO nowhere VALUES (1);\n-- migrate:down\nDROP TABLE fine;\n`,
    );
    const up = await cli('up');
    expect(up.code).toBe(1);
    expect(up.stdout).toMatch(/✗ 20260104000000_broken +failed/);
    expect(up.stderr).toContain('error: 20260104000000_broken.sql:3: migration failed: relation "nowhere" does not exist (SQLSTATE 42P01)');
    expect(up.stderr).not.toMatch(/\n\s+at /);
    const report = json(await cli('status', '--json'));
    expect(report.migrations.map((m) => m.state)).toEqual(['applied', 'applied', 'applied', 'pending']);
  });

  it('should fail clearly without a migrations folder', async () => {
    const run = await cli('status', '--dir', 'nope');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: No migrations folder at nope. Pass --dir <path>, or create the first migration with 'pgboot create <name>'.");
  });
});
