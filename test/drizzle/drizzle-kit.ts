import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The project's node_modules, with drizzle-kit 0.31 and drizzle-orm 0.45. */
export const projectModules = join(root, 'node_modules');
export const schemaFixture = (version: 'v1' | 'v2' | 'v3') => join(root, 'test/fixtures/drizzle-schema', `${version}.ts`);

export interface DrizzleKitProject {
  /** The temporary project folder (schema.ts, drizzle.config.ts, node_modules link). */
  dir: string;
  /** drizzle-kit's output folder. */
  out: string;
  /** Copies a schema fixture to schema.ts and runs `drizzle-kit generate`, as a user would. */
  generate(schema: 'v1' | 'v2' | 'v3', options?: { name?: string; custom?: boolean }): Promise<string>;
  remove(): Promise<void>;
}

/**
 * A throw-away project in which the real drizzle-kit CLI generates migrations from the schema
 * fixtures. `modules` is the node_modules folder whose drizzle-kit (and drizzle-orm, which the
 * schema imports) to use.
 */
export async function drizzleKitProject(
  options: { modules?: string; prefix?: 'index' | 'timestamp' | 'unix' | 'none'; out?: string } = {},
): Promise<DrizzleKitProject> {
  const modules = options.modules ?? projectModules;
  const dir = await mkdtemp(join(tmpdir(), 'pgboot-drizzle-'));
  await symlink(modules, join(dir, 'node_modules'), 'dir');
  const outName = options.out ?? 'drizzle';
  const migrations = options.prefix ? `, migrations: { prefix: ${JSON.stringify(options.prefix)} }` : '';
  await writeFile(
    join(dir, 'drizzle.config.ts'),
    `export default { dialect: 'postgresql', schema: './schema.ts', out: ${JSON.stringify(`./${outName}`)}${migrations} };\n`,
  );
  let lastSecond = 0;
  return {
    dir,
    out: join(dir, outName),
    async generate(schema, generateOptions = {}) {
      // drizzle-kit names timestamped migrations to the second: keep two generates out of one second.
      const second = Math.floor(Date.now() / 1000);
      if (second === lastSecond) await new Promise((resolve) => setTimeout(resolve, (second + 1) * 1000 - Date.now() + 5));
      await copyFile(schemaFixture(schema), join(dir, 'schema.ts'));
      const args = [join(modules, 'drizzle-kit/bin.cjs'), 'generate', '--config', 'drizzle.config.ts'];
      if (generateOptions.name) args.push('--name', generateOptions.name);
      if (generateOptions.custom) args.push('--custom');
      const { stdout, stderr } = await run(process.execPath, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      lastSecond = Math.floor(Date.now() / 1000);
      return stdout + stderr;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The drizzle-kit 1.x release the folder-per-migration tests generate with (npm has no stable 1.x yet). */
export const DRIZZLE_1 = '1.0.0-rc.5';

/**
 * node_modules with drizzle-kit and drizzle-orm 1.x, installed once per machine into a temp
 * folder (never into the project, whose drizzle is 0.x) with npm's own client.
 */
export async function drizzleOneModules(): Promise<string> {
  const prefix = join(tmpdir(), `pgboot-drizzle-${DRIZZLE_1}`);
  const modules = join(prefix, 'node_modules');
  const ready = join(prefix, '.installed');
  if (await exists(ready)) return modules;
  await mkdir(prefix, { recursive: true });
  await writeFile(join(prefix, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(
    npm,
    ['install', '--no-audit', '--no-fund', '--save-exact', `drizzle-kit@${DRIZZLE_1}`, `drizzle-orm@${DRIZZLE_1}`, '@electric-sql/pglite@0.5.16'],
    {
      cwd: prefix,
      timeout: 300_000,
    },
  );
  await writeFile(ready, DRIZZLE_1);
  return modules;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
