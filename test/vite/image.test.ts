import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, type Rolldown } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { imageDigest, migrationFingerprints } from '../../src/core/image-manifest.js';
import { loadMigrations } from '../../src/node/load-migrations.js';
import { pgboot } from '../../src/vite/plugin.js';

const here = dirname(fileURLToPath(import.meta.url));
const V2 = join(here, '../../e2e/fixtures/v2');
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A throw-away app whose entry re-exports `virtual:pgboot/image`, with the v2 fixture migrations. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'pgboot-image-plugin-'));
  roots.push(root);
  mkdirSync(join(root, 'migrations'));
  cpSync(V2, join(root, 'migrations'), { recursive: true });
  writeFileSync(join(root, 'main.js'), `export { default } from 'virtual:pgboot/image';\n`);
  return root;
}

describe('pgboot({ image: true })', { timeout: 180_000 }, () => {
  it('should emit the image and its manifest as hashed assets and export { url, manifest, pgliteVersion, pglite } in a build', async () => {
    const root = project();
    const output = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      base: '/app/',
      plugins: [pgboot({ image: true })],
      build: { write: false, minify: false, rollupOptions: { input: join(root, 'main.js'), preserveEntrySignatures: 'strict' } },
    })) as Rolldown.RolldownOutput;
    const files = Object.fromEntries(output.output.map((file) => [file.fileName, file]));
    const tgz = Object.keys(files).find((name) => /^assets\/pgboot-image-[0-9a-f]{10}\.tgz$/.test(name))!;
    expect(tgz).toBeDefined();
    const bytes = (files[tgz] as Rolldown.OutputAsset).source as Uint8Array;
    const manifest = JSON.parse(String((files[tgz.replace(/\.tgz$/, '.json')] as Rolldown.OutputAsset).source));
    expect(manifest).toMatchObject({
      format: 1,
      head: '20260101000003_add_item_rank',
      migrations: await migrationFingerprints(await loadMigrations(V2)),
      bytes: bytes.byteLength,
      sha256: await imageDigest(bytes),
    });
    expect(tgz).toBe(`assets/pgboot-image-${manifest.sha256.slice(0, 10)}.tgz`);

    const chunk = output.output.find((file) => file.type === 'chunk')!;
    // The URL follows `base`; the manifest is inlined as JSON.
    expect(chunk.code).toContain(`url: "/app/${tgz}"`);
    expect(chunk.code).toContain(JSON.stringify(manifest.sha256));
    expect(chunk.code).toContain(`pgliteVersion: ${JSON.stringify(manifest.pgliteVersion)}`);
    // PGlite's own files, as URLs under `base`: the boot compiles the WebAssembly while it downloads.
    const wasm = Object.keys(files).find((name) => /^assets\/pglite-[\w-]+\.wasm$/.test(name))!;
    const data = Object.keys(files).find((name) => /^assets\/pglite-[\w-]+\.data$/.test(name))!;
    expect(chunk.code).toMatch(new RegExp(`pglite: \\{\\s*wasm: "/app/${wasm}",\\s*data: "/app/${data}"\\s*\\}`));
  });

  it('should export undefined in dev, building nothing', async () => {
    const root = project();
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pgboot({ image: true })],
      server: { middlewareMode: true, ws: false },
    });
    try {
      const module = await server.ssrLoadModule('virtual:pgboot/image');
      expect(module.default).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('should export undefined in a build without the option', async () => {
    const root = project();
    const output = (await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [pgboot()],
      build: { write: false, minify: false, rollupOptions: { input: join(root, 'main.js'), preserveEntrySignatures: 'strict' } },
    })) as Rolldown.RolldownOutput;
    expect(output.output.map((file) => file.fileName).filter((name) => name.includes('pgboot-image'))).toEqual([]);
    expect(output.output.find((file) => file.type === 'chunk')!.code).toContain('export { image_default as default }');
  });
});
