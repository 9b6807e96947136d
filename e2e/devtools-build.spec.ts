import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';

// The demo's production build carries none of the panel: its entry imports it only inside
// `if (import.meta.env.DEV)`, which Vite replaces with `false`. Checked on the built files,
// against a build of the same app with `import.meta.env.DEV` forced to true, which must
// contain it (so the check can fail).
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'node_modules/.cache/pgboot-devtools-build');
// The config sets the example's root itself.
const demoConfig = join(root, 'examples/notes/vite.config.ts');
const MARKERS = ['pgboot-devtools', 'Roll back to here', 'Take a snapshot first'];

function builtText(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|html|css)$/.test(f.name));
  expect(files.length).toBeGreaterThan(0);
  return files.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')).join('\n');
}

async function buildDemo(dev: boolean): Promise<string> {
  const outDir = join(out, dev ? 'dev-forced' : 'production');
  await build({
    configFile: demoConfig,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
    ...(dev ? { define: { 'import.meta.env.DEV': 'true' } } : {}),
  });
  return builtText(outDir);
}

/** Which markers the text contains (a list, so a failure does not print megabytes of bundle). */
const found = (text: string) => MARKERS.filter((marker) => text.includes(marker));

test('a production build of the demo contains no panel code; the same build with DEV forced on does', async () => {
  test.setTimeout(300_000);
  const production = await buildDemo(false);
  expect(production.includes('pgboot-demo')).toBe(true); // the app itself is there
  expect(found(production)).toEqual([]);

  const forced = await buildDemo(true);
  expect(found(forced)).toEqual(MARKERS);
});
