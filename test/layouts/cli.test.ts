import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../cli/run-cli.js';

// The CLI on a foreign layout, as a subprocess of the built package: no --extension flags,
// the extensions the migrations create are found and loaded by pgboot.
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('pgboot CLI on a foreign layout', () => {
  it('should apply a golang-migrate folder that creates extensions without --extension, and reopen it for status and down', async () => {
    const cwd = await tempProject();
    projects.push(cwd);
    const dir = resolve('test/fixtures/golang-migrate');
    const db = join(cwd, 'data');

    const up = await runCli(cwd, ['up', '--dir', dir, '--db', db]);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/Applied 23 migration\(s\)/);

    const status = await runCli(cwd, ['status', '--dir', dir, '--db', db]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('000023_create_project_stats');

    const down = await runCli(cwd, ['down', '--dir', dir, '--db', db, '--steps', '2']);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('000022_normalize_project_names');
  });
});
