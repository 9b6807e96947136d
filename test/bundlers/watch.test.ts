import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_ROOT } from './build-app.js';
import { watchApp, WATCHING_BUNDLERS, type BuildOutcome, type Watching } from './watch-app.js';

// Each bundler's watch mode on a migrations folder the test edits: adding, breaking, fixing,
// changing and removing a file must each rebuild the app with the new set (or fail it, naming the file).
const run = `watch-${process.pid}-${Date.now()}`;
const roots: string[] = [];
afterAll(() => {
  rmSync(join(OUT_ROOT, run), { recursive: true, force: true });
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const code = (outcome: BuildOutcome) => ('code' in outcome ? outcome.code : '');
const error = (outcome: BuildOutcome) => ('error' in outcome ? outcome.error : '');

/**
 * Makes an edit and waits for the build that shows it. The edit is made again every second
 * until then: a watcher that was still starting (Rollup's chokidar) misses the first event.
 * Builds that do not show it yet (of an earlier state) are skipped.
 */
async function rebuildAfter(watching: Watching, edit: () => void, shows: (outcome: BuildOutcome) => boolean): Promise<BuildOutcome> {
  edit();
  const again = setInterval(edit, 1000);
  try {
    for (;;) {
      const outcome = await watching.next();
      if (shows(outcome)) return outcome;
    }
  } finally {
    clearInterval(again);
  }
}

describe.each(WATCHING_BUNDLERS)('pgboot/%s in watch mode', (bundler) => {
  it('should rebuild when a migration is added, broken, fixed, changed or removed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pgboot-watch-'));
    roots.push(root);
    const migrations = join(root, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(root, 'main.js'), `export { default as migrations } from 'virtual:pgboot/migrations';\n`);
    writeFileSync(join(migrations, '001_create_items.sql'), 'CREATE TABLE items (id int);\n');
    const write = (file: string, text: string) => () => writeFileSync(join(migrations, file), text);

    const watching = await watchApp(bundler, root, join(OUT_ROOT, run, bundler));
    try {
      const first = code(await watching.next());
      expect(first).toContain('001_create_items.sql');
      expect(first).not.toContain('002_add_label.sql');

      // Added: a new file in the folder (webpack and Rspack: a context dependency; esbuild: watchDirs).
      await rebuildAfter(watching, write('002_add_label.sql', 'ALTER TABLE items ADD COLUMN label text;\n'), (o) => code(o).includes('002_add_label.sql'));

      // Broken: the build fails, naming the file and line; fixed: it builds again.
      const broken = await rebuildAfter(watching, write('003_own_tx.sql', 'BEGIN;\nSELECT 1;\nCOMMIT;\n'), (o) => 'error' in o);
      expect(error(broken)).toContain("003_own_tx.sql:1: 'BEGIN' controls the transaction itself");
      await rebuildAfter(watching, write('003_own_tx.sql', 'SELECT 1;\n'), (o) => code(o).includes('003_own_tx.sql'));

      // Changed: the new text is bundled.
      await rebuildAfter(watching, write('002_add_label.sql', 'ALTER TABLE items ADD COLUMN title text;\n'), (o) => code(o).includes('ADD COLUMN title'));

      // Removed.
      const last = await rebuildAfter(
        watching,
        () => rmSync(join(migrations, '003_own_tx.sql'), { force: true }),
        (o) => !code(o).includes('003_own_tx.sql'),
      );
      expect(code(last)).toContain('002_add_label.sql');
    } finally {
      await watching.close();
    }
  });
});
