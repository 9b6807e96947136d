// The e2e harness: boots one database (named by ?db=) with the migration set this build
// bundles, and shows what happened as text the tests read. Query options:
//   db=NAME          database name (IndexedDB /pglite/NAME)
//   lockTimeout=MS   passed to bootDatabase
//   handover=1       close the database when another tab asks for it (onBlocking)
//   mode=worker      worker mode: the database lives in a worker shared by every tab (db.worker.ts)
//   dataDir=URL      e.g. opfs-ahp://NAME (worker mode)
//   worker=missing   start a worker whose script does not exist (worker mode)
import migrations from 'virtual:pgboot/migrations';
import { bootDatabase, LeaderChangedError, resetDatabase, type BootDatabaseResult, type WorkerBootResult } from '../../src/browser/index.js';
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

let boot: BootDatabaseResult | WorkerBootResult | undefined;
const harness = {
  get boot() {
    return boot;
  },
  /** Runs one query on the booted database and returns its rows. */
  async query(sql: string, params?: unknown[]) {
    if (!boot) throw new Error('not booted');
    return (await boot.db.query(sql, params)).rows;
  },
  /** Runs a query; resolves to the error's class name when it rejects. */
  async queryError(sql: string) {
    try {
      await boot!.db.query(sql);
      return 'ok';
    } catch (error) {
      if (error instanceof LeaderChangedError) return 'LeaderChangedError';
      return error instanceof Error ? error.name : String(error);
    }
  },
  get isLeader() {
    return boot !== undefined && 'isLeader' in boot.db ? boot.db.isLeader : undefined;
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

const onProgress = ({ phase, index, total }: { phase: string; index: number; total: number }) =>
  (byTestId('progress').textContent = `${phase} ${index + (phase === 'apply' ? 1 : 0)}/${total}`);

try {
  if (params.get('mode') === 'worker') {
    boot = await bootDatabase({
      name,
      worker:
        params.get('worker') === 'missing'
          ? new Worker(new URL('./no-such.worker.js', location.href), { type: 'module' }) // a script that is not there
          : new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' }),
      ...(params.has('dataDir') ? { dataDir: params.get('dataDir')! } : {}),
      onProgress,
      onNewerVersion: ({ head }) => event(`newer ${head}`),
      onReload: (reason) => {
        event(`reload ${reason}`);
        location.reload();
      },
    });
  } else boot = await bootDatabase({
    name,
    migrations,
    ...(params.has('lockTimeout') ? { lockTimeout: Number(params.get('lockTimeout')) } : {}),
    onProgress,
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
