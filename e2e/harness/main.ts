// The e2e harness: boots one database (named by ?db=) with the migration set this build
// bundles, and shows what happened as text the tests read. Query options:
//   db=NAME          database name (IndexedDB /pglite/NAME)
//   lockTimeout=MS   passed to bootDatabase
//   handover=1       close the database when another tab asks for it (onBlocking)
//   mode=worker      worker mode: the database lives in a worker shared by every tab (db.worker.ts)
//   dataDir=URL      e.g. opfs-ahp://NAME (worker mode)
//   worker=missing   start a worker whose script does not exist (worker mode)
//   image=1          pass this build's first-boot image (virtual:pgboot/image) to bootDatabase;
//                    a test may pass another one instead as window.pgbootImageOverride (init script)
import migrations from 'virtual:pgboot/migrations';
import bundledImage from 'virtual:pgboot/image';
import type { FirstBootImage } from '../../src/core/index.js';
import {
  bootDatabase,
  exportRawDataDir,
  LeaderChangedError,
  resetDatabase,
  resolveFirstBootImage,
  type BootDatabaseResult,
  type WorkerBootResult,
} from '../../src/browser/index.js';
import { renderErrorScreen } from '../../examples/notes/src/error-screen.js';

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
  /** This build's first-boot image (undefined for sets built without one). */
  image: bundledImage,
  /** resolveFirstBootImage for database `db` with this build's image: the blob's size and type, or null; and the warnings. */
  async resolveImage(db: string) {
    const warnings: string[] = [];
    const blob = await resolveFirstBootImage({ name: db, image: bundledImage, migrations, onWarning: (w) => warnings.push(w.message) });
    return { blob: blob ? { size: blob.size, type: blob.type } : null, warnings };
  },
  /** The raw data directory from IndexedDB (exportRawDataDir): its size and the files in the tar. */
  async exportRaw() {
    const tar = await exportRawDataDir(name);
    if (!tar) return undefined;
    const bytes = new Uint8Array(await tar.arrayBuffer());
    const files: string[] = [];
    // Walk the ustar headers: name at 0 (100 bytes), size at 124 (octal), prefix at 345.
    for (let offset = 0; offset + 512 <= bytes.length && bytes[offset] !== 0; ) {
      const text = (from: number, length: number) => new TextDecoder().decode(bytes.subarray(offset + from, offset + from + length)).replace(/\0.*$/s, '');
      const prefix = text(345, 155);
      files.push(prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
      offset += 512 + Math.ceil(parseInt(text(124, 12), 8) / 512) * 512;
    }
    return { size: bytes.length, files, pgVersion: files.includes('PG_VERSION') };
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

const override = (window as { pgbootImageOverride?: FirstBootImage }).pgbootImageOverride;
const image = override ?? (params.get('image') === '1' ? bundledImage : undefined);
const onProgress = ({ phase, index, total }: { phase: string; index: number; total: number }) => {
  byTestId('progress').textContent = `${phase} ${index + (phase === 'apply' ? 1 : 0)}/${total}`;
  if (phase === 'download' && index === total) event(`downloaded ${total}`);
};
try {
  if (params.get('mode') === 'worker') {
    boot = await bootDatabase({
      name,
      worker:
        params.get('worker') === 'missing'
          ? new Worker(new URL('./no-such.worker.js', location.href), { type: 'module' }) // a script that is not there
          : new Worker(new URL('./db.worker.ts', import.meta.url), { type: 'module' }),
      ...(params.has('dataDir') ? { dataDir: params.get('dataDir')! } : {}),
      onDrift: import.meta.env.DEV ? 'redo' : 'error',
      onProgress,
      onNewerVersion: ({ head }) => event(`newer ${head}`),
      onReload: (reason) => {
        event(`reload ${reason}`);
        location.reload();
      },
    });
  } else
    boot = await bootDatabase({
      name,
      migrations,
      image,
      onWarning: (warning) => event(`warning ${warning.message}`),
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
    });
  byTestId('source').textContent = boot.source ?? '';
  byTestId('status').textContent = `ready applied=[${boot.result.applied.join(',')}]`;
} catch (error) {
  console.error(error);
  byTestId('status').textContent = `failed ${error instanceof Error ? error.name : 'error'}`;
  document.querySelector('#error')!.append(renderErrorScreen(error, { retry: () => location.reload() }));
}
