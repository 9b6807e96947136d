import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rspack } from '@rspack/core';
import * as esbuild from 'esbuild';
import { watch as rollupWatch } from 'rollup';
import { build as viteBuild, type Rolldown } from 'vite';
import webpack from 'webpack';
import pgbootVite from '../../src/vite/index.js';
import { esbuildOptions, rollupOptions, rspackConfig, webpackConfig } from './build-app.js';

// Each bundler's own watch mode on the app in `root` (`vite build --watch` here; Vite's dev
// server is covered by e2e/dev-reload.spec.ts). Every finished build, good or failed, is queued.

export const WATCHING_BUNDLERS = ['vite', 'webpack', 'rspack', 'esbuild', 'rollup'] as const;
export type WatchingBundler = (typeof WATCHING_BUNDLERS)[number];

/** One finished build: the built file's text, or the bundler's error text. */
export type BuildOutcome = { code: string } | { error: string };

export interface Watching {
  /** The next finished build (in order; waits for it). */
  next(): Promise<BuildOutcome>;
  close(): Promise<void>;
}

export async function watchApp(bundler: WatchingBundler, root: string, outDir: string): Promise<Watching> {
  const outcomes: BuildOutcome[] = [];
  const waiting: ((outcome: BuildOutcome) => void)[] = [];
  const push = (outcome: BuildOutcome) => {
    const waiter = waiting.shift();
    if (waiter) waiter(outcome);
    else outcomes.push(outcome);
  };
  const next = () => new Promise<BuildOutcome>((resolve) => (outcomes.length ? resolve(outcomes.shift()!) : waiting.push(resolve)));
  const built = () => ({ code: readFileSync(join(outDir, 'main.mjs'), 'utf8') });

  switch (bundler) {
    case 'vite': {
      const watcher = (await viteBuild({
        root,
        configFile: false,
        logLevel: 'silent',
        plugins: [pgbootVite()],
        build: { watch: {}, outDir, minify: false, lib: { entry: join(root, 'main.js'), formats: ['es'], fileName: () => 'main.mjs' } },
      })) as Rolldown.RolldownWatcher;
      watcher.on('event', (event) => {
        if (event.code === 'BUNDLE_END') void event.result.close().then(() => push(built()));
        if (event.code === 'ERROR') push({ error: event.error.message });
      });
      return { next, close: () => watcher.close() };
    }
    case 'webpack':
    case 'rspack': {
      type Stats = { hasErrors(): boolean; toString(options: object): string };
      const onBuild = (error: Error | null, stats?: Stats) => {
        if (error) push({ error: String(error) });
        else if (stats?.hasErrors()) push({ error: stats.toString({ all: false, errors: true, colors: false }) });
        else push(built());
      };
      const watching =
        bundler === 'webpack'
          ? webpack(webpackConfig(root, outDir)).watch({ aggregateTimeout: 50 }, onBuild)
          : rspack(rspackConfig(root, outDir)).watch({ aggregateTimeout: 50 }, onBuild);
      return { next, close: () => new Promise((resolve) => (watching ? watching.close(() => resolve()) : resolve())) };
    }
    case 'esbuild': {
      const options = esbuildOptions(root, outDir);
      const report: esbuild.Plugin = {
        name: 'report',
        setup: (build) => build.onEnd((result) => push(result.errors.length ? { error: result.errors.map((e) => e.text).join('\n') } : built())),
      };
      const context = await esbuild.context({ ...options, plugins: [...options.plugins!, report] });
      await context.watch();
      return { next, close: () => context.dispose() };
    }
    case 'rollup': {
      const watcher = rollupWatch({
        ...rollupOptions(root),
        output: { file: join(outDir, 'main.mjs'), format: 'es' },
        watch: { buildDelay: 50 },
      });
      watcher.on('event', (event) => {
        if (event.code === 'BUNDLE_END') void event.result.close().then(() => push(built()));
        if (event.code === 'ERROR') push({ error: event.error.message });
      });
      return { next, close: () => watcher.close() };
    }
  }
}
