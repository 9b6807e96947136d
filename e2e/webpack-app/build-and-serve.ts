import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import pgboot from '../../src/webpack/index.js';

// Builds e2e/webpack-app with webpack's Node API (pgboot/webpack bundling e2e/fixtures/v2,
// PGlite's wasm and data files emitted as assets by webpack itself), then serves the output.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('../../node_modules/.cache/pgboot-e2e/webpack-app/');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  // WebAssembly.instantiateStreaming (PGlite's first choice) needs this type.
  '.wasm': 'application/wasm',
};

export async function buildWebpackApp(): Promise<void> {
  const compiler = webpack({
    mode: 'production',
    // Minifying PGlite takes long on the shared test machine and proves nothing here.
    optimization: { minimize: false },
    target: 'web',
    context: here('.'),
    entry: './main.ts',
    output: { path: OUT, filename: 'main.js', publicPath: 'auto', clean: true },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: { transpileOnly: true, configFile: here('../../tsconfig.json'), compilerOptions: { module: 'es2022', moduleResolution: 'bundler' } },
        },
      ],
    },
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
    plugins: [
      pgboot({ dir: here('../fixtures/v2') }),
      // PGlite's Node-only branch imports 'node:module'; webpack has no 'node:' scheme for the web.
      // Without the prefix, PGlite's package.json "browser" field maps it to an empty module.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, '');
      }),
    ],
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) =>
      compiler.close(() => {
        if (error) reject(error);
        else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true, moduleTrace: true, errorDetails: true })));
        else resolve();
      }),
    ),
  );
  const html =
    '<!doctype html>\n<meta charset="utf-8">\n<title>pgboot webpack app</title>\n<p data-testid="bundled"></p>\n<p data-testid="status">booting</p>\n<script src="main.js"></script>\n';
  await writeFile(join(OUT, 'index.html'), html);
}

/** A static server for the build's output (index.html at /). */
export function serveWebpackApp(port: number): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(OUT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(OUT)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}
