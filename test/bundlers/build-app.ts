import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rspack, type Configuration as RspackConfiguration } from '@rspack/core';
import * as esbuild from 'esbuild';
import { rollup, type Plugin as RollupPlugin, type RollupOptions } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack, { type Configuration as WebpackConfiguration } from 'webpack';
import pgbootEsbuild from '../../src/esbuild/index.js';
import pgbootRollup from '../../src/rollup/index.js';
import pgbootRspack from '../../src/rspack/index.js';
import pgbootVite from '../../src/vite/index.js';
import pgbootWebpack from '../../src/webpack/index.js';
import type { PgbootPluginOptions } from '../../src/bundler/options.js';

// One app (an entry that imports virtual:pgboot/migrations, `main.js` in `root`, migrations in
// `root/migrations`) built for real by each bundler through its Node API, as an ES module for Node.
// PGlite stays external, so the built file imports the PGlite the test process uses.

export const BUNDLERS = ['vite', 'webpack', 'rspack', 'esbuild', 'rollup'] as const;
export type Bundler = (typeof BUNDLERS)[number];

/** Outputs go under the repo's node_modules, so the built files find `@electric-sql/pglite` there. */
export const OUT_ROOT = fileURLToPath(new URL('../../node_modules/.cache/pgboot-bundlers/', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
const PGLITE = /^@electric-sql\/pglite/;

/** Builds the app in `root` with `bundler` into `outDir`; resolves to the built file, rejects with the bundler's own error. */
export async function buildApp(bundler: Bundler, root: string, outDir: string, options: PgbootPluginOptions = {}): Promise<string> {
  switch (bundler) {
    case 'vite':
      await viteBuild({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [pgbootVite(options)],
        build: {
          outDir,
          emptyOutDir: true,
          minify: false,
          lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: () => 'main.mjs' },
          rolldownOptions: { external: PGLITE },
        },
      });
      break;
    case 'webpack':
      await runWebpackLike(webpack(webpackConfig(root, outDir, options)));
      break;
    case 'rspack':
      await runWebpackLike(rspack(rspackConfig(root, outDir, options)));
      break;
    case 'esbuild':
      await esbuild.build(esbuildOptions(root, outDir, options));
      break;
    case 'rollup': {
      const bundle = await rollup(rollupOptions(root, options));
      await bundle.write({ file: join(outDir, 'main.mjs'), format: 'es' });
      await bundle.close();
      break;
    }
  }
  return join(outDir, 'main.mjs');
}

/** webpack, as a plain webpack app with TypeScript sets it up: ts-loader for .ts, ESM output for Node. */
export function webpackConfig(root: string, outDir: string, options: PgbootPluginOptions = {}): WebpackConfiguration {
  return {
    mode: 'none',
    context: root,
    target: 'node20',
    entry: './main.js',
    output: { path: outDir, filename: 'main.mjs', module: true, library: { type: 'module' }, chunkFormat: 'module' },
    experiments: { outputModule: true },
    externalsType: 'module',
    externals: [PGLITE],
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: TSCONFIG } }] },
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    infrastructureLogging: { level: 'error' },
    plugins: [pgbootWebpack(options)],
  };
}

/** Rspack, with its built-in SWC loader for .ts. */
export function rspackConfig(root: string, outDir: string, options: PgbootPluginOptions = {}): RspackConfiguration {
  return {
    mode: 'none',
    context: root,
    target: 'node20',
    entry: './main.js',
    output: { path: outDir, filename: 'main.mjs', module: true, library: { type: 'module' }, chunkFormat: 'module' },
    externalsType: 'module',
    externals: [PGLITE],
    module: {
      rules: [{ test: /\.ts$/, loader: 'builtin:swc-loader', options: { jsc: { parser: { syntax: 'typescript' } } }, type: 'javascript/auto' }],
    },
    infrastructureLogging: { level: 'error' },
    plugins: [pgbootRspack(options)],
  };
}

export function esbuildOptions(root: string, outDir: string, options: PgbootPluginOptions = {}): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ['main.js'],
    outfile: join(outDir, 'main.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*'],
    logLevel: 'silent',
    plugins: [pgbootEsbuild(options)],
  };
}

export function rollupOptions(root: string, options: PgbootPluginOptions = {}): RollupOptions {
  // Rollup has no root of its own (the folder is relative to the working directory): give it absolute.
  return { input: join(root, 'main.js'), external: PGLITE, plugins: [pgbootRollup({ dir: join(root, 'migrations'), ...options }), typescript()] };
}

/** Rollup has no TypeScript of its own: a real compiler (esbuild's transform) for .ts files, as a Rollup TS plugin would. */
function typescript(): RollupPlugin {
  return {
    name: 'test-typescript',
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const { code: js, map } = await esbuild.transform(code, { loader: 'ts', sourcefile: id, sourcemap: true });
      return { code: js, map };
    },
  };
}

interface WebpackLikeCompiler {
  run(callback: (error: Error | null, stats?: { hasErrors(): boolean; toString(options: object): string }) => void): void;
  close(callback: (error?: Error | null) => void): void;
}

/** Runs a webpack or Rspack compiler once; rejects with its formatted errors when the build has any. */
function runWebpackLike(compiler: WebpackLikeCompiler): Promise<void> {
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error) return reject(error);
        if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
        resolve();
      });
    });
  });
}
