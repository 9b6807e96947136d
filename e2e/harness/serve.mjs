// Builds the harness once per migration set in e2e/fixtures/ (each a "build" of the app),
// then serves them all from one origin, so they share IndexedDB: /v1/, /v2/, /broken/, ...
// Usage: node e2e/harness/serve.mjs [port]
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const config = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const port = Number(process.argv[2] ?? 25175);
const sets = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

// A generated set too: 200 small migrations, 20 ms each at least, so that worker.spec.ts can close
// the leader's tab in the middle of them.
const many = fileURLToPath(new URL('../../node_modules/.cache/pgboot-e2e/many', import.meta.url));
rmSync(many, { recursive: true, force: true });
mkdirSync(many, { recursive: true });
for (let i = 1; i <= 200; i++) {
  const id = String(i).padStart(3, '0');
  writeFileSync(
    `${many}/20260301000${id}_step_${id}.sql`,
    `CREATE TABLE step_${id} (id int PRIMARY KEY, note text);\nINSERT INTO step_${id} VALUES (${i}, 'step ${i}');\nSELECT pg_sleep(0.02);\n`,
  );
}

// Same folder as build.outDir's parent in vite.config.ts.
const outRoot = fileURLToPath(new URL('../../node_modules/.cache/pgboot-e2e/sets', import.meta.url));
for (const set of [...sets, 'many']) {
  process.env.PGBOOT_E2E_SET = set;
  if (set === 'many') process.env.PGBOOT_E2E_SET_DIR = many;
  await build({ configFile: config, logLevel: 'error' });
}
delete process.env.PGBOOT_E2E_SET;
delete process.env.PGBOOT_E2E_SET_DIR;
const server = await preview({
  configFile: false,
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: outRoot },
  preview: { port, strictPort: true },
  appType: 'mpa',
});
server.printUrls();
