// Issue 15, the `pgboot` command run as a subprocess against hostile folders and database paths.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/node/index.js';
import { BIN, runCli, tempProject, type CliRun } from '../cli/run-cli.js';

const NOBODY = 65534;

/** Runs the command as the unprivileged user `nobody` (the tests run as root, who may read and write anything). */
function runCliAsNobody(cwd: string, args: string[]): Promise<CliRun> {
  return new Promise((done, fail) => {
    execFile(
      'setpriv',
      [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, BIN, ...args],
      { cwd, env: { ...process.env, HOME: '/tmp', NO_COLOR: undefined, FORCE_COLOR: undefined }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return fail(error);
        done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

const projects: string[] = [];
async function project(files: Record<string, string | Buffer> = {}): Promise<string> {
  const cwd = await tempProject();
  projects.push(cwd);
  await chmod(cwd, 0o755);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(cwd, path, '..'), { recursive: true });
    await writeFile(join(cwd, path), content);
  }
  return cwd;
}
afterAll(async () => {
  for (const cwd of projects) await rm(cwd, { recursive: true, force: true });
});

const FIRST = { 'migrations/001_first.sql': 'CREATE TABLE first (id int);\n' };
/** Any control character but newline, once pgboot's own colour sequences are taken out. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters in the CLI's output
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips pgboot's own colour codes, which start with ESC
const withoutOwnColors = (text: string) => text.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '');

describe('pgboot reading a folder of bad bytes (items 2, 3)', () => {
  it('should refuse a Latin-1 file before creating the database, naming file and line', async () => {
    const cwd = await project({
      ...FIRST,
      'migrations/002_cafe.sql': Buffer.from("CREATE TABLE menu (name text);\n\nINSERT INTO menu VALUES ('caf\xe9');\n", 'latin1'),
    });
    const run = await runCli(cwd, ['up']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 002_cafe.sql:3: the file holds the byte 0xE9, which is not valid UTF-8');
    expect(existsSync(join(cwd, '.pgboot'))).toBe(false);
  });
});

describe('pgboot --db pointing at something that is not a database (items 4, 5)', () => {
  it('should refuse a regular file in status and up, and leave it as it was', async () => {
    const cwd = await project({ ...FIRST, 'notes.txt': 'my notes\n' });
    for (const command of ['status', 'up']) {
      const run = await runCli(cwd, [command, '--db', 'notes.txt']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error: Cannot use ${join(cwd, 'notes.txt')} as a database: it is a regular file, not a folder.`);
      expect(run.stderr).not.toContain('[object Object]');
      expect(run.stdout).not.toContain('does not exist yet');
    }
    expect(await readFile(join(cwd, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect((await readdir(cwd)).sort()).toEqual(['migrations', 'notes.txt']);
  });

  it('should refuse a folder of other files, writing nothing into it or beside it', async () => {
    const cwd = await project({ ...FIRST, 'documents/taxes.pdf': 'pdf', 'documents/letter.md': '# hello' });
    for (const command of ['up', 'status']) {
      const run = await runCli(cwd, [command, '--db', 'documents']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `error: Cannot use ${join(cwd, 'documents')} as a database: the folder holds other files (letter.md, taxes.pdf) but no PGlite database (no PG_VERSION file).`,
      );
      expect(run.stderr).toContain('nothing was written');
    }
    expect((await readdir(join(cwd, 'documents'))).sort()).toEqual(['letter.md', 'taxes.pdf']);
    expect((await readdir(cwd)).sort()).toEqual(['documents', 'migrations']);
  });
});

// Runs the command as `nobody` with setpriv, which needs root (as on this project's machines).
describe.skipIf(process.getuid?.() !== 0)('pgboot without the permissions it needs (item 9)', () => {
  it("should name the folder when the database's parent is not writable", async () => {
    const cwd = await project({ ...FIRST });
    await mkdir(join(cwd, 'locked'), { mode: 0o555 });
    await chmod(join(cwd, 'locked'), 0o555);
    const run = await runCliAsNobody(cwd, ['up', '--db', 'locked/db']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `error: Cannot use ${join(cwd, 'locked/db')} as a database: this process (user nobody) cannot create files in ${join(cwd, 'locked')}`,
    );
    expect(run.stderr).toContain('Run as the user that owns the database');
    expect(run.stderr).not.toContain('EACCES');
    expect(await readdir(join(cwd, 'locked'))).toEqual([]);
  });

  it('should name the database when it belongs to another user', { timeout: 120_000 }, async () => {
    const cwd = await project({ ...FIRST });
    expect((await runCli(cwd, ['up', '--db', 'db'])).code).toBe(0);
    await chmod(join(cwd, 'db'), 0o700);
    for (const command of ['status', 'up']) {
      const run = await runCliAsNobody(cwd, [command, '--db', 'db']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `error: Cannot use ${join(cwd, 'db')} as a database: this process (user nobody) cannot read and write ${join(cwd, 'db')} (it belongs to user id 0)`,
      );
      expect(run.stderr).not.toContain('failed to initialize');
    }
  });
});

describe('pgboot printing hostile text (item 6)', () => {
  it('should escape control characters in file names', async () => {
    const cwd = await project({ ...FIRST, 'migrations/002_title\u001b]0;pwned\u0007\u001b[2J.sql': 'SELECT 1;\n' });
    const run = await runCli(cwd, ['status']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('002_title\\x1b]0;pwned\\x07\\x1b[2J.sql');
    expect(RAW_CONTROL.test(run.stderr + run.stdout)).toBe(false);
  });

  it('should escape control characters in Postgres messages, with colours on', { timeout: 120_000 }, async () => {
    const cwd = await project({
      ...FIRST,
      'migrations/002_raise.sql': "DO $$ BEGIN RAISE EXCEPTION 'boom%', E'\\x1b]0;pwned\\x07\\x1b[2J\\r\\u009b'; END $$;\n",
    });
    const run = await runCli(cwd, ['up'], { FORCE_COLOR: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('boom\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x9b');
    expect(run.stderr).toContain('\u001b[31m'); // pgboot's own colours still work
    expect(RAW_CONTROL.test(withoutOwnColors(run.stderr + run.stdout))).toBe(false);
  });
});

describe('pgboot with a TS migration that does not await (item 8)', () => {
  it('should report the migration and its query, and exit without crashing', { timeout: 120_000 }, async () => {
    const cwd = await project({ ...FIRST, 'migrations/002_forgot.ts': "export async function up(db) {\n  db.query('SELECT 1/0');\n}\n" });
    const run = await runCli(cwd, ['up']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: 002_forgot.ts: migration failed: division by zero (SQLSTATE 22012) in a query that was not awaited');
    expect(run.stderr).toContain('in statement: SELECT 1/0');
    expect(run.stderr).not.toContain('_migrations');
    expect(run.stderr.length).toBeLessThan(1500);
    expect(run.stdout).toContain('✓ 001_first');
  });
});

describe('pgboot and symbolic links (item 10)', () => {
  it('should warn about a dangling link and one that leads outside the folder', async () => {
    const cwd = await project({ ...FIRST, 'shared/seed.sql': 'SELECT 1;\n' });
    await symlink(join(cwd, 'migrations/missing.sql'), join(cwd, 'migrations/002_dangling.sql'));
    await symlink(join(cwd, 'shared/seed.sql'), join(cwd, 'migrations/003_seed.sql'));
    const run = await runCli(cwd, ['status']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning 002_dangling.sql: a dangling symbolic link');
    expect(run.stderr).toContain(`warning 003_seed.sql: a symbolic link to ${join(cwd, 'shared/seed.sql')}, outside the migrations folder`);
  });
});

describe("pgboot's advice names its own flags (item 11)", () => {
  it('should advise --allow-drift, --ignore-ahead and pgboot status, never API options', { timeout: 180_000 }, async () => {
    const cwd = await project({ ...FIRST, 'migrations/002_second.sql': 'CREATE TABLE second (id int);\n' });
    expect((await runCli(cwd, ['up'])).code).toBe(0);

    await writeFile(join(cwd, 'migrations/001_first.sql'), 'CREATE TABLE first (id bigint);\n');
    const drift = await runCli(cwd, ['up']);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("run 'pgboot up --allow-drift' to accept the edit");
    expect(drift.stderr).not.toContain('onDrift');

    await rm(join(cwd, 'migrations/002_second.sql'));
    const ahead = await runCli(cwd, ['up', '--allow-drift']);
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain('or run with --ignore-ahead if this build is known to work');
    expect(ahead.stderr).not.toContain('onAhead');

    const target = await runCli(cwd, ['down', '--to', '999_nothing']);
    expect(target.code).toBe(1);
    expect(target.stderr).toContain("use an id that 'pgboot status' lists as applied");
    expect(target.stderr).not.toContain('getStatus');
  });

  it('should take --lock-timeout and advise it when the database is locked', { timeout: 120_000 }, async () => {
    const cwd = await project({ ...FIRST });
    const lock = await acquireDataDirLock(join(cwd, 'db'));
    try {
      const run = await runCli(cwd, ['up', '--db', 'db', '--lock-timeout', '300']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error: The database '${join(cwd, 'db')}' is open in process ${process.pid}`);
      expect(run.stderr).toContain('or wait for it (pass --lock-timeout <ms>)');
      expect(run.stderr).not.toContain('lockTimeout');
    } finally {
      await lock.release();
    }
  });

  it('should say what is wrong with a drizzle tag that leaves the folder', async () => {
    const journal = {
      version: '7',
      dialect: 'postgresql',
      entries: [{ idx: 0, version: '7', when: 1700000000000, tag: '../0000_outside', breakpoints: true }],
    };
    const cwd = await project({ 'migrations/meta/_journal.json': JSON.stringify(journal), '0000_outside.sql': 'SELECT 1;\n' });
    const run = await runCli(cwd, ['status']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`meta/_journal.json: entry 0 has the tag "../0000_outside", which is not a plain file name`);
    expect(run.stderr).not.toContain("lacks a numeric 'idx'");
  });
});
