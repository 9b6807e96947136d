#!/usr/bin/env node
// The `pgboot` command. Installed from npm, its code is dist/cli (built by `npm run build` before
// publishing). In a checkout of the repository, src/ is next to this file: the command runs the
// TypeScript sources through jiti (a dependency), so `npm install` is all the set-up it needs
// and it never runs a dist/ older than the sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Output piped into a reader that stops early (`pgboot status | head`): stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const sources = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

async function loadMain() {
  if (!existsSync(sources)) return (await import('../dist/cli/main.js')).main;
  const { createJiti } = await import('jiti');
  return (await createJiti(import.meta.url).import(sources)).main;
}

loadMain().then(
  async (main) => {
    process.exitCode = await main(process.argv.slice(2));
  },
  (error) => {
    const what = existsSync(sources) ? 'src/cli/main.ts' : 'dist/cli/main.js';
    process.stderr.write(`pgboot: cannot load ${what} (${error.message}). Reinstall pgboot (npm install).\n`);
    process.exitCode = 1;
  },
);
