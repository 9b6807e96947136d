import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run-cli.js';

describe('pgboot up after pgboot create', () => {
  it('should not apply the empty template, say so, and show it as empty; once written it applies', async () => {
    const cwd = await tempProject({ 'migrations/20260101000000_create_items.sql': 'CREATE TABLE items (id int);\n' });
    expect((await runCli(cwd, ['create', 'add_gadgets'])).code).toBe(0);
    const file = (await readdir(join(cwd, 'migrations'))).find((f) => f.endsWith('_add_gadgets.sql'))!;

    const up = await runCli(cwd, ['up']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('Applied 1 migration(s)');
    expect(up.stdout).not.toContain('add_gadgets');
    expect(up.stderr).toContain(`warning ${file}: has no statements yet (only comments), so it is not applied; it will be once its up has some.`);

    const status = await runCli(cwd, ['status']);
    expect(status.stdout).toMatch(new RegExp(`empty\\s+${file.replace('.sql', '')}\\s+no statements yet: not applied until it has some`));
    expect(status.stdout).toContain('1 applied, 0 pending, 0 drifted, 0 unknown, 1 empty (2 total)');
    const json = JSON.parse((await runCli(cwd, ['status', '--json'])).stdout) as { totals: Record<string, number> };
    expect(json.totals).toMatchObject({ applied: 1, pending: 0, empty: 1 });

    const template = await readFile(join(cwd, 'migrations', file), 'utf8');
    await writeFile(join(cwd, 'migrations', file), template.replace('-- migrate:up\n', '-- migrate:up\nCREATE TABLE gadgets (id int);\n'));
    const written = await runCli(cwd, ['up']);
    expect(written.stdout).toMatch(/✓ \d{14}_add_gadgets\s+applied/);
    expect(written.stderr).toBe('');
  });
});
