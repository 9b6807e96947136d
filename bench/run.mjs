// Runs every benchmark in bench/ (files named *.bench.mjs), one after another, then
// gathers their result sections (bench/results/*.md) into bench/RESULTS.md.
// Usage: npm run bench            (all)
//        npm run bench -- boot    (only benchmarks whose file name contains "boot")
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();
let failed = false;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
mkdirSync(join(here, 'results'), { recursive: true });
const sections = readdirSync(join(here, 'results'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const body = sections.map((f) => readFileSync(join(here, 'results', f), 'utf8').trim()).join('\n\n');
writeFileSync(
  join(here, 'RESULTS.md'),
  `# Benchmark results\n\nProduced by \`npm run bench\` (bench/run.mjs), on this project's 2-core machines. ` +
    `Absolute times are noisy here; every figure that matters is a ratio measured side by side in one run.\n\n${body}\n`,
);
process.exit(failed ? 1 : 0);
