import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import webpack from 'webpack';
import { webpackConfig } from './build-app.js';

// webpack's persistent cache (Next.js keeps one in .next/cache) must never serve a stale
// migrations module: one build after another, with the folder edited in between. (Today the
// virtual module is rebuilt on every build: unplugin's virtual files do not come from the cache.)
const root = mkdtempSync(join(tmpdir(), 'pgboot-webpack-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function build(): Promise<string> {
  const out = join(root, 'out');
  const compiler = webpack({ ...webpackConfig(root, out), cache: { type: 'filesystem', cacheDirectory: join(root, '.cache') } });
  const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
    compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result)))),
  );
  if (stats?.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return readFileSync(join(out, 'main.mjs'), 'utf8');
}

it('should build the current folder from a persistent cache after a file is added, changed or broken', async () => {
  mkdirSync(join(root, 'migrations'));
  writeFileSync(join(root, 'main.js'), `export { default as migrations } from 'virtual:pgboot/migrations';\n`);
  writeFileSync(join(root, 'migrations', '001_a.sql'), 'SELECT 1;');
  expect(await build()).toContain('001_a.sql');

  writeFileSync(join(root, 'migrations', '002_b.sql'), 'SELECT 2;');
  expect(await build()).toContain('002_b.sql');

  writeFileSync(join(root, 'migrations', '001_a.sql'), 'SELECT 11;');
  expect(await build()).toContain('SELECT 11;');

  writeFileSync(join(root, 'migrations', '002_b.sql'), 'BEGIN;');
  await expect(build()).rejects.toThrow("002_b.sql:1: 'BEGIN' controls the transaction itself");
});
