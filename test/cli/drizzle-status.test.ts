import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as drizzleMigrate } from 'drizzle-orm/pglite/migrator';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempProject } from './run-cli.js';

// A drizzle-kit classic folder (journal + NNNN_tag.sql), of which drizzle-orm's own migrator has
// applied the first two files to a database on disk before the project switched to pgboot.
const journal = (tags: string[]) =>
  JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: tags.map((tag, idx) => ({ idx, version: '7', when: 1_760_000_000_000 + idx * 1000, tag, breakpoints: true })),
  });
const FILES = {
  '0000_init.sql': 'CREATE TABLE "users" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"name" text NOT NULL\n);\n',
  '0001_roles.sql': 'ALTER TABLE "users" ADD COLUMN "role" text DEFAULT \'reader\' NOT NULL;',
  '0002_bio.sql': 'ALTER TABLE "users" ADD COLUMN "bio" text;',
};

describe('pgboot status on a database drizzle-orm migrated', { timeout: 240_000 }, () => {
  let project: string;
  beforeAll(async () => {
    const tags = Object.keys(FILES).map((file) => file.replace('.sql', ''));
    project = await tempProject({
      'drizzle/meta/_journal.json': journal(tags.slice(0, 2)),
      'drizzle/0000_init.sql': FILES['0000_init.sql'],
      'drizzle/0001_roles.sql': FILES['0001_roles.sql'],
    });
    const db = new PGlite(join(project, 'data'));
    await drizzleMigrate(drizzle(db), { migrationsFolder: join(project, 'drizzle') });
    await db.close();
    // The next generated migration, not applied by drizzle.
    await writeFile(join(project, 'drizzle/meta/_journal.json'), journal(tags));
    await writeFile(join(project, 'drizzle/0002_bio.sql'), FILES['0002_bio.sql']);
  });

  it("should show drizzle's migrations as applied and adoptable, then record them at up", async () => {
    const args = ['--dir', 'drizzle', '--db', 'data'];
    const before = await runCli(project, ['status', '--json', ...args]);
    expect(before).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(before.stdout) as { totals: Record<string, number>; migrations: { id: string; state: string; adoptable: boolean }[] };
    expect(report.migrations.map((m) => [m.id, m.state, m.adoptable])).toEqual([
      ['0000_init', 'applied', true],
      ['0001_roles', 'applied', true],
      ['0002_bio', 'pending', false],
    ]);
    expect(report.totals).toMatchObject({ applied: 2, pending: 1 });

    const table = await runCli(project, ['status', ...args]);
    expect(table.stdout).toMatch(/applied\s+0000_init\s+.*applied by drizzle-orm's migrator; recorded at the next up/);

    const up = await runCli(project, ['up', ...args]);
    expect(up).toMatchObject({ code: 0 });
    expect(up.stdout).toContain('Applied 1 migration(s)');
    const after = JSON.parse((await runCli(project, ['status', '--json', ...args])).stdout) as typeof report;
    expect(after.migrations.map((m) => [m.id, m.state, m.adoptable])).toEqual([
      ['0000_init', 'applied', false],
      ['0001_roles', 'applied', false],
      ['0002_bio', 'applied', false],
    ]);
  });
});
