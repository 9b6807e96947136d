import { execFile } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const example = resolve(repo, 'examples/notes');

describe('npx pgboot in examples/notes, as its README says', () => {
  it('should find the repository own CLI, not look for pgboot in the registry', async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      // --no-install: fail instead of downloading, which is what npx does when it does not see the project's bin.
      execFile(
        'npx',
        ['--no-install', 'pgboot', 'status'],
        { cwd: example, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
        (error, stdout, stderr) => done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).not.toContain('npm error');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('create_notes');
  });

  it("should keep the example's Vite cache out of examples/notes (a node_modules there makes npm take the folder for a project)", async () => {
    const { default: config } = await createJiti(import.meta.url).import<{ default: { cacheDir: string } }>(resolve(example, 'vite.config.ts'));
    expect(relative(example, config.cacheDir).startsWith('..')).toBe(true);
  });
});
