// The e2e harness: boots one database (named by ?db=) with the migration set this build
// bundles, and shows what happened as text the tests read. Query options:
//   db=NAME          database name (IndexedDB /pglite/NAME)
//   lockTimeout=MS   passed to bootDatabase
//   handover=1       close the database when another tab asks for it (onBlocking)
import migrations from 'virtual:pgboot/migrations';
import { bootDatabase, resetDatabase, type BootDatabaseResult } from '../../src/browser/index.js';
import { renderErrorScreen } from '../../src/demo/error-screen.js';

const params = new URLSearchParams(location.search);
const name = params.get('db') ?? 'harness';
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
const event = (text: string) => {
  const item = document.createElement('li');
  item.textContent = text;
  byTestId('events').append(item);
};

byTestId('bundled').textContent = migrations.map((m) => m.id ?? m.file.replace(/\.[^.]+$/, '')).join(' ');

let boot: BootDatabaseResult | undefined;
const harness = {
  get boot() {
    return boot;
  },
  /** Runs one query on the booted database and returns its rows. */
  async query(sql: string, params?: unknown[]) {
    if (!boot) throw new Error('not booted');
    return (await boot.db.query(sql, params)).rows;
  },
  async close() {
    await boot?.db.close();
    event('closed');
  },
  /** resetDatabase(name); resolves to the error's name when it rejects. */
  async reset(timeout?: number) {
    try {
      await resetDatabase(name, timeout === undefined ? {} : { timeout });
      event('reset');
      return 'ok';
    } catch (error) {
      return error instanceof Error ? error.name : String(error);
    }
  },
};
Object.assign(window, { harness });

try {
  boot = await bootDatabase({
    name,
    migrations,
    ...(params.has('lockTimeout') ? { lockTimeout: Number(params.get('lockTimeout')) } : {}),
    onProgress: ({ phase, index, total }) => (byTestId('progress').textContent = `${phase} ${index + (phase === 'apply' ? 1 : 0)}/${total}`),
    onWaiting: () => event('waiting'),
    onBlocking: ({ head }) => {
      event(`blocking ${head ?? ''}`.trim());
      if (params.get('handover') === '1') void harness.close();
    },
    onNewerVersion: ({ head }) => event(`newer ${head}`),
    // As docs/browser.md suggests: in development, re-run the newest migration when its file changes.
    onDrift: import.meta.env.DEV ? 'redo' : 'error',
    onWarning: (warning) => event(`warning ${warning.message}`),
  });
  byTestId('status').textContent = `ready applied=[${boot.result.applied.join(',')}]`;
} catch (error) {
  console.error(error);
  byTestId('status').textContent = `failed ${error instanceof Error ? error.name : 'error'}`;
  document.querySelector('#error')!.append(renderErrorScreen(error, { retry: () => location.reload() }));
}
