import { copyFile, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempProject } from './run-cli.js';

const repo = resolve(import.meta.dirname, '../..');

/** A checkout of the repository right after `npm install`: bin/, src/, node_modules/, and no dist/. */
async function freshCheckout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgboot-checkout-'));
  await mkdir(join(dir, 'bin'));
  await copyFile(join(repo, 'bin/pgboot.js'), join(dir, 'bin/pgboot.js'));
  await copyFile(join(repo, 'package.json'), join(dir, 'package.json'));
  await symlink(join(repo, 'src'), join(dir, 'src'));
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function run(bin: string, cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    );
  });
}

describe('bin/pgboot.js in a checkout without a build', () => {
  it('should run the commands from the TypeScript sources (no dist/ needed)', async () => {
    const checkout = await freshCheckout();
    expect(existsSync(join(checkout, 'dist'))).toBe(false);
    const bin = join(checkout, 'bin/pgboot.js');
    const project = await tempProject({ 'migrations/001_create_items.sql': 'CREATE TABLE items (id integer);\n' });

    const up = await run(bin, project, ['up']);
    expect(up.stderr).toBe('');
    expect(up).toMatchObject({ code: 0 });
    expect(up.stdout).toContain('Applied 1 migration');
    const status = await run(bin, project, ['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/applied\s+001_create_items/);
  });
});
