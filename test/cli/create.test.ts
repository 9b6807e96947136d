import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run-cli.js';

/** `YYYYMMDDHHmmss` of a Date, in UTC. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

describe('pgboot create', () => {
  it('should write a SQL migration named with the current UTC timestamp', async () => {
    const cwd = await tempProject();
    const before = stamp(new Date());
    const run = await runCli(cwd, ['create', 'add_users']);
    const after = stamp(new Date());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const files = await readdir(join(cwd, 'migrations'));
    expect(files).toHaveLength(1);
    const [file] = files as [string];
    expect(file).toMatch(/^\d{14}_add_users\.sql$/);
    expect(file.slice(0, 14) >= before && file.slice(0, 14) <= after).toBe(true);
    expect(run.stdout).toBe(`created migrations/${file}\n`);
    const text = await readFile(join(cwd, 'migrations', file), 'utf8');
    expect(text).toContain('-- migrate:up');
    expect(text).toContain('-- migrate:down');
  });

  it('should never reuse a timestamp already in the folder', async () => {
    const cwd = await tempProject();
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await runCli(cwd, ['create', 'same_second']));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const versions = (await readdir(join(cwd, 'migrations'))).map((f) => f.slice(0, 14)).sort();
    expect(new Set(versions).size).toBe(3);
  });

  it('should bump past a newer timestamp already in the folder', async () => {
    const cwd = await tempProject({ 'migrations/20990101000000_from_the_future.sql': 'SELECT 1;' });
    const run = await runCli(cwd, ['create', 'next_one']);
    expect(run.code).toBe(0);
    expect((await readdir(join(cwd, 'migrations'))).sort()).toEqual(['20990101000000_from_the_future.sql', '20990101000001_next_one.sql']);
  });

  it('should continue a numbered folder with the next number', async () => {
    const cwd = await tempProject({ 'db/001_init.sql': 'SELECT 1;', 'db/002_more.sql': 'SELECT 1;' });
    const run = await runCli(cwd, ['create', 'third', '--dir', 'db']);
    expect(run).toEqual({ code: 0, stdout: 'created db/003_third.sql\n', stderr: '' });
  });

  it('should write a typed TypeScript module with --ts', async () => {
    const cwd = await tempProject();
    const run = await runCli(cwd, ['create', 'add_posts', '--ts']);
    expect(run.code).toBe(0);
    const [file] = (await readdir(join(cwd, 'migrations'))) as [string];
    expect(file).toMatch(/^\d{14}_add_posts\.ts$/);
    const text = await readFile(join(cwd, 'migrations', file), 'utf8');
    expect(text).toContain("import type { MigrationDb } from 'pgboot';");
    expect(text).toContain('export async function up(db: MigrationDb): Promise<void>');
    expect(text).toContain('export async function down(db: MigrationDb): Promise<void>');
  });

  it('should refuse a bad name with exit code 2 and suggest a fix', async () => {
    const cwd = await tempProject();
    const run = await runCli(cwd, ['create', 'AddUser-Prefs']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("'AddUser-Prefs' is not a valid migration name");
    expect(run.stderr).toContain("e.g. 'add_user_prefs'");
    expect(run.stderr).toContain("Run 'pgboot create --help' for usage.");
    await expect(readdir(join(cwd, 'migrations'))).rejects.toThrow(/ENOENT/);
  });

  it('should treat a missing name, --sql with --ts and unknown options as usage errors', async () => {
    const cwd = await tempProject();
    const runs = await Promise.all([runCli(cwd, ['create']), runCli(cwd, ['create', 'x', '--sql', '--ts']), runCli(cwd, ['create', 'x', '--yaml'])]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[0]!.stderr).toContain('missing the migration name');
    expect(runs[1]!.stderr).toContain('either --sql or --ts');
    expect(runs[2]!.stderr).toContain("Unknown option '--yaml'");
  });
});
