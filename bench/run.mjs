// Runs every benchmark in bench/ (files named *.bench.mjs), one after another, then
// assembles bench/RESULTS.md from their sections (bench/results/*.md) and the notes kept about them (bench/notes/*.md).
// Usage: npm run bench            (all)
//        npm run bench -- boot    (only benchmarks whose file name contains "boot")
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResultsMd } from './results-md.mjs';

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
writeResultsMd();
process.exit(failed ? 1 : 0);
