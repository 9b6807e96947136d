#!/usr/bin/env node
// The `pgboot` command. The code lives in dist/cli (built by `npm run build`).

// Output piped into a reader that stops early (`pgboot status | head`): stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

import('../dist/cli/main.js').then(
  async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2));
  },
  (error) => {
    process.stderr.write(`pgboot: cannot load dist/cli/main.js (${error.message}). Run 'npm run build' first.\n`);
    process.exitCode = 1;
  },
);
