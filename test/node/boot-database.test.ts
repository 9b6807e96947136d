import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, MigrationError } from '../../src/core/index.js';
import { bootDatabase, loadMigrations, lockPathOf } from '../../src/node/index.js';
import { runCli } from '../cli/run-cli.js';

const HOLDER = resolve(import.meta.dirname, 'fixtures/hold-database.mjs');

/** Starts a second node process (plain Node on the built package, like an Electron main process) that boots the database and keeps it open; resolves once it is ready. */
async function startHolder(dataDir: string, dir: string): Promise<{ child: ChildProcess; report: { ready: boolean; pid: number; applied: string[] } }> {
  const child = spawn(process.execPath, [HOLDER, dataDir, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await new Promise<string[]>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (text) => done([text]));
    child.once('exit', (code) => fail(new Error(`holder exited with ${code} before it was ready`)));
  });
  return { child, report: JSON.parse(line!) };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

describe('bootDatabase (pgboot/node) with two processes on one data directory', { timeout: 180_000 }, () => {
  let root: string;
  let dataDir: string;
  let dir: string;
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pgboot-node-'));
    dataDir = join(root, 'app-db');
    dir = join(root, 'migrations');
    await mkdir(dir);
    await writeFile(
      join(dir, '001_notes.sql'),
      '-- migrate:up\nCREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);\n-- migrate:down\nDROP TABLE notes;\n',
    );
    // A TypeScript migration, loaded by plain Node through jiti.
    await writeFile(
      join(dir, '002_note_tags.ts'),
      "import type { MigrationDb } from 'pgboot';\nexport async function up(db: MigrationDb): Promise<void> {\n  await db.exec('ALTER TABLE notes ADD COLUMN tags text[] NOT NULL DEFAULT {}'.replace('{}', \"'{}'\"));\n}\n",
    );
  });

  afterAll(async () => {
    if (holder && holder.exitCode === null && holder.signalCode === null) await killHard(holder);
  });

  it('should give a second process DatabaseLockedError while the first holds the database', async () => {
    const started = await startHolder(dataDir, dir);
    holder = started.child;
    expect(started.report).toEqual({ ready: true, pid: holder.pid, applied: ['001_notes', '002_note_tags'] });
    expect(JSON.parse(await readFile(lockPathOf(dataDir), 'utf8'))).toMatchObject({ pid: holder.pid });

    // This process: refused before PGlite is even opened.
    const attempt = bootDatabase({ dataDir, dir });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(attempt).rejects.toThrow(`The database '${dataDir}' is open in process ${holder.pid} since`);

    // The CLI, a third process: exit code 1 and the same message.
    const cli = await runCli(root, ['up', '--db', dataDir, '--dir', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`error: The database '${dataDir}' is open in process ${holder.pid}`);
  });

  it('should recover the lock of a process killed with SIGKILL, with its committed data intact', async () => {
    await killHard(holder!);
    // The crashed holder could not clean up: its lock is still there.
    expect(JSON.parse(await readFile(lockPathOf(dataDir), 'utf8'))).toMatchObject({ pid: holder!.pid });

    const { db, result } = await bootDatabase({ dataDir, dir });
    try {
      expect(result.applied).toEqual([]);
      expect(JSON.parse(await readFile(lockPathOf(dataDir), 'utf8'))).toMatchObject({ pid: process.pid });
      const { rows } = await db.query<{ body: string; tags: string[] }>('SELECT body, tags FROM notes');
      expect(rows).toEqual([{ body: `written by ${holder!.pid}`, tags: [] }]);
    } finally {
      await db.close();
    }
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });

  it('should close the database and release the lock when a migration fails', async () => {
    const migrations = [
      ...(await loadMigrations(dir)),
      { file: '003_broken.sql', sql: 'ALTER TABLE notes ADD COLUMN due date;\nALTER TABLE nowhere ADD COLUMN x int;\n' },
    ];
    const attempt = bootDatabase({ dataDir, migrations });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow('003_broken.sql:2: migration failed: relation "nowhere" does not exist');
    expect(existsSync(lockPathOf(dataDir))).toBe(false);
  });
});
