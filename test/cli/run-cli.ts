import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The command, as users run it (in this checkout it runs src/cli/ through jiti; see bin/pgboot.js). */
export const BIN = resolve(import.meta.dirname, '../../bin/pgboot.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/pgboot.js ...args` in `cwd` as a subprocess; colours off unless `env` asks for them. */
export function runCli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return fail(error);
        done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** A new temporary project folder with the given files (paths relative to it). */
export async function tempProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pgboot-cli-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
