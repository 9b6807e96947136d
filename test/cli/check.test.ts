import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run-cli.js';

const GOOD_UP_DOWN = (table: string) => `-- migrate:up\nCREATE TABLE ${table} (id int PRIMARY KEY);\n-- migrate:down\nDROP TABLE ${table};\n`;

/** Runs `pgboot check` on a folder made of `files` (names relative to migrations/). */
async function check(files: Record<string, string>, ...args: string[]) {
  const cwd = await tempProject(Object.fromEntries(Object.entries(files).map(([name, text]) => [`migrations/${name}`, text])));
  return runCli(cwd, ['check', ...args]);
}

describe('pgboot check: errors found without a database', () => {
  // These stop before the run from scratch, so no PGlite is opened: cheap enough to run each alone.
  it('should fail on a bad file name, naming the file', async () => {
    const run = await check({ '001_init.sql': GOOD_UP_DOWN('a'), '002_AddUsers.sql': GOOD_UP_DOWN('b') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error   002_AddUsers.sql: 'AddUsers' is not lowercase words joined by underscores");
    expect(run.stdout).toContain('- not run: fix the errors above first');
    expect(run.stdout).toContain('check failed: 1 error(s), 0 warning(s) in 2 file(s)');
  });

  it('should fail on a repeated id, naming both files', async () => {
    const run = await check({ '001_init.sql': GOOD_UP_DOWN('a'), '001_init.ts': 'export async function up(db) {}\n' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error   Migration id '001_init' is used by 2 files (001_init.sql, 001_init.ts)");
  });

  it('should fail on a SQL file with its own BEGIN/COMMIT, naming file and line', async () => {
    const run = await check({ '001_init.sql': GOOD_UP_DOWN('a'), '002_own_tx.sql': 'CREATE TABLE x (id int);\nBEGIN;\nCREATE TABLE y (id int);\nCOMMIT;\n' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error   002_own_tx.sql:2: 'BEGIN' controls the transaction itself");
  });

  it('should fail on a module without up, and on one that does not load', async () => {
    const run = await check({
      '001_no_up.ts': 'export async function down(db) {}\n',
      '002_broken.ts': 'export async function up(db) {\n',
      '003_fine.ts': 'export async function up(db: unknown): Promise<void> {}\nexport async function down() {}\n',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error   001_no_up.ts: it does not export 'up'");
    expect(run.stdout).toContain('error   002_broken.ts: the module could not be loaded');
    expect(run.stdout).not.toContain('003_fine.ts');
    expect(run.stdout).toContain('check failed: 2 error(s), 0 warning(s) in 3 file(s)');
  });

  it('should fail on numbered and timestamped files mixed', async () => {
    const run = await check({ '001_init.sql': GOOD_UP_DOWN('a'), '20260101000000_next.sql': GOOD_UP_DOWN('b') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error   001_init.sql: numbered migration in a folder of timestamped ones');
  });

  it('should exit 1 with a clear message when the folder is missing', async () => {
    const run = await runCli(await tempProject(), ['check', '--dir', 'db/migrations']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('No migrations folder at db/migrations');
  });
});

describe('pgboot check: the run from scratch', { timeout: 120_000 }, () => {
  it('should fail on a SQL error, naming file, line and statement', async () => {
    const run = await check({
      '001_init.sql': GOOD_UP_DOWN('a'),
      '002_typo.sql': '-- migrate:up\nCREATE TABLE b (id int);\nALTER TABLE b ADD COLUMN name txt;\n-- migrate:down\nDROP TABLE b;\n',
      '003_after.sql': GOOD_UP_DOWN('c'),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error   002_typo.sql:3: migration failed: type "txt" does not exist (SQLSTATE 42704)');
    expect(run.stdout).toContain('in statement: ALTER TABLE b ADD COLUMN name txt');
    expect(run.stdout).toContain('✗ applying from scratch stopped at 002_typo.sql');
    expect(run.stderr).toBe('');
  });

  it('should pass with warnings on a repeated version, a missing down and an empty up, and fail on them with --strict --json', async () => {
    const files = {
      '001_init.sql': GOOD_UP_DOWN('a'),
      '002_users.sql': GOOD_UP_DOWN('users'),
      '002_posts.ts':
        "import type { MigrationDb } from 'pgboot';\nexport async function up(db: MigrationDb) { await db.exec('CREATE TABLE posts (id int)'); }\n",
      '003_more.sql': GOOD_UP_DOWN('more'),
      '004_left_empty.sql': '-- migrate:up\n-- nothing written yet\n\n-- migrate:down\n',
    };
    const run = await check(files);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning 002_users.sql: shares version 002 with 002_posts.ts');
    expect(run.stdout).toContain('warning 002_posts.ts: has no down');
    expect(run.stdout).toContain(
      "warning 004_left_empty.sql: its up section has no statements, so it is not applied until it has some (is it still the template from 'pgboot create'?)",
    );
    // The empty newest one waits, as it would at boot: not applied, not rolled back.
    expect(run.stdout).toContain('✓ applied 4 migration(s) one by one to a fresh in-memory database');
    expect(run.stdout).toContain('✓ rolled back each of the 3 with a down right after its up, restoring the schema, and applied it again (1 without a down)');
    expect(run.stdout).toContain('check passed: 0 error(s), 3 warning(s) in 5 file(s)');

    const strict = await check(files, '--strict', '--json');
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as { ok: boolean; errors: number; warnings: number; findings: { level: string; file: string }[] };
    expect(report).toMatchObject({ ok: false, errors: 0, warnings: 3 });
    expect(report.findings.map((f) => [f.level, f.file])).toEqual([
      ['warning', '002_users.sql'],
      ['warning', '002_posts.ts'],
      ['warning', '004_left_empty.sql'],
    ]);
  });

  it('should fail when a down does not undo its up', async () => {
    const run = await check({
      '001_init.sql': GOOD_UP_DOWN('a'),
      '002_index.sql': '-- migrate:up\nCREATE TABLE b (id int);\nCREATE INDEX b_id ON b (id);\n-- migrate:down\nDROP INDEX b_id;\n',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error   002_index.sql: its down does not undo its up: after down the schema differs from before up:');
    expect(run.stdout).toContain('+ table public.b');
    expect(run.stdout).toContain('+ column public.b.id integer');
  });
});

describe('pgboot check on the notes example', () => {
  it("should check the demo's migrations clean: no error, no warning (comment-only baseline, drizzle-kit downs)", async () => {
    // Run from examples/notes, as its README says: the default folder is its migrations/.
    const run = await runCli(resolve(import.meta.dirname, '../../examples/notes'), ['check']);
    expect(run.stdout).toContain('check passed: 0 error(s), 0 warning(s)');
    expect(run.stdout).not.toMatch(/^\s*warning /m);
    expect(run.code).toBe(0);
  });
});
