import { describe, expect, it } from 'vitest';
import { wantsColor } from '../../src/cli/colors.js';
import { runCli, tempProject } from './run-cli.js';

describe('pgboot --help', () => {
  it('should print each command its own help with exit code 0', async () => {
    const cwd = await tempProject();
    for (const command of ['create', 'status', 'up', 'down', 'check']) {
      for (const flag of ['--help', '-h']) {
        const run = await runCli(cwd, [command, flag]);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`Usage: pgboot ${command}`);
        expect(run.stdout).toContain('Exit code');
      }
    }
  });

  it('should list the commands for --help, and exit 2 without a command', async () => {
    const cwd = await tempProject();
    const help = await runCli(cwd, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/create <name>[\s\S]*status[\s\S]*up[\s\S]*down[\s\S]*check/);
    const bare = await runCli(cwd, []);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: pgboot <command>');
  });

  it('should exit 2 for an unknown command', async () => {
    const run = await runCli(await tempProject(), ['migrate']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain("unknown command 'migrate'");
  });

  it('should not colour piped output, and colour it with FORCE_COLOR', async () => {
    const cwd = await tempProject();
    const piped = await runCli(cwd, ['create', 'plain']);
    expect(piped.stdout).not.toContain('\u001b[');
    const forced = await runCli(cwd, ['create', 'coloured'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[32mcreated\u001b[39m');
    const error = await runCli(cwd, ['create', 'Bad'], { FORCE_COLOR: '1' });
    expect(error.stderr).toContain('\u001b[31merror:\u001b[39m');
  });
});

describe('wantsColor', () => {
  it('should colour a terminal unless NO_COLOR or TERM=dumb, and anything with FORCE_COLOR', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect([
      wantsColor(tty, {}),
      wantsColor(tty, { NO_COLOR: '1' }),
      wantsColor(tty, { NO_COLOR: '' }),
      wantsColor(tty, { TERM: 'dumb' }),
      wantsColor(pipe, {}),
      wantsColor(pipe, { FORCE_COLOR: '1' }),
      wantsColor(tty, { FORCE_COLOR: '0' }),
    ]).toEqual([true, false, true, false, false, true, true]);
  });
});
