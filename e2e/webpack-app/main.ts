// The e2e app built by webpack (not Vite): boots one IndexedDB database (named by ?db=) with
// the migrations pgboot/webpack bundled, and shows the result as text the test reads.
import migrations from 'virtual:pgboot/migrations';
import { bootDatabase, type BootDatabaseResult } from '../../src/browser/index.js';

const name = new URLSearchParams(location.search).get('db') ?? 'webpack-app';
const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
let boot: BootDatabaseResult | undefined;

Object.assign(window, {
  app: {
    /** Runs one query on the booted database and returns its rows. */
    async query(sql: string) {
      if (!boot) throw new Error('not booted');
      return (await boot.db.query(sql)).rows;
    },
  },
});

document.querySelector('[data-testid="bundled"]')!.textContent = migrations.map((m) => m.file).join(' ');
bootDatabase({ name, migrations }).then(
  (booted) => {
    boot = booted;
    status.textContent = `ready applied=[${booted.result.applied.join(',')}]`;
  },
  (error: unknown) => {
    console.error(error);
    status.textContent = `failed ${error instanceof Error ? error.name : 'error'}`;
  },
);
