import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_DIR } from '../help.js';
import type { CliIo } from '../io.js';
import { sqlTemplate, tsTemplate } from '../migration-templates.js';
import { nextVersion } from '../next-version.js';
import { parseCommandArgs } from '../parse-args.js';
import { displayPath } from '../project.js';
import { UsageError } from '../usage-error.js';

const NAME = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/**
 * `pgboot create <name> [--sql|--ts] [--dir]`: writes a new migration from a template.
 *
 * @example
 * await create(['add_user_preferences', '--ts'], io); // migrations/20260120154111_add_user_preferences.ts
 */
export async function create(args: string[], io: CliIo): Promise<number | 'help'> {
  const { values, positionals } = parseCommandArgs(
    'create',
    args,
    { sql: { type: 'boolean' }, ts: { type: 'boolean' }, dir: { type: 'string', default: DEFAULT_DIR } },
    true,
  );
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'missing the migration name, e.g. pgboot create add_users'
        : `expected one name, got ${positionals.length}: ${positionals.join(' ')}`,
      'create',
    );
  }
  if (values.sql && values.ts) throw new UsageError('pass either --sql or --ts, not both', 'create');
  const name = positionals[0]!;
  checkName(name);

  const dir = resolve(io.cwd, values.dir!);
  await mkdir(dir, { recursive: true });
  const versions = (await readdir(dir)).map((file) => /^(\d+)_/.exec(file)?.[1]).filter((v): v is string => v !== undefined);
  const id = `${nextVersion(versions, io.now())}_${name}`;
  const extension = values.ts ? 'ts' : 'sql';
  const path = join(dir, `${id}.${extension}`);
  // 'wx': never overwrite, even if another `create` raced us to the same name.
  await writeFile(path, extension === 'ts' ? tsTemplate(id) : sqlTemplate(id), { flag: 'wx' });
  io.out(`${io.outColors.green('created')} ${displayPath(io, path)}`);
  return 0;
}

function checkName(name: string): void {
  if (NAME.test(name)) return;
  const suggestion = name
    .replace(/\.(sql|ts|mts|js|mjs)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const hint = suggestion && NAME.test(suggestion) ? `, e.g. '${suggestion}'` : '';
  throw new UsageError(`'${name}' is not a valid migration name: use lowercase letters and digits, words joined by underscores${hint}`, 'create');
}
