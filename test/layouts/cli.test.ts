import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExtensions, loadMigrations } from '../../src/node/index.js';
import { runCli, tempProject } from '../cli/run-cli.js';
import { applyLikeGolangMigrate } from '../helpers/tool-history.js';

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

  it('should show what golang-migrate applied as adoptable, then adopt it and apply the rest at up', async () => {
    const cwd = await tempProject();
    projects.push(cwd);
    const dir = resolve('test/fixtures/golang-migrate');
    const data = join(cwd, 'data');
    // The database golang-migrate left at version 20 of the fixture's 23.
    const names = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
    const files = Object.fromEntries(await Promise.all(names.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
    const ids = names.filter((f) => f.endsWith('.up.sql')).map((f) => f.slice(0, -'.up.sql'.length));
    const db = await PGlite.create({ dataDir: data, extensions: await loadExtensions(await loadMigrations(dir)) });
    await applyLikeGolangMigrate(db, { files, ids }, 20);
    await db.close();

    const status = await runCli(cwd, ['status', '--dir', dir, '--db', data, '--json']);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { migrations: { id: string; state: string; adoptedFrom: string | null }[] };
    expect(report.migrations.map((m) => [m.state, m.adoptedFrom])).toEqual(ids.map((_, i) => (i < 20 ? ['applied', 'golang-migrate'] : ['pending', null])));

    const up = await runCli(cwd, ['up', '--dir', dir, '--db', data]);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Recorded 20 migration(s) another tool had applied, without running them.');
    expect(up.stdout).toMatch(/Applied 3 migration\(s\)/);
  });
});
