// bench/RESULTS.md is assembled, never edited by hand: per benchmark, in the order below, the section
// its last run wrote (bench/results/<name>.md) followed by what people wrote about it
// (bench/notes/<name>.md: earlier runs, comparisons, what a figure means), which no run overwrites.
// Every benchmark calls writeResultsMd() after writing its own section; so does bench/run.mjs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The sections' order in RESULTS.md; a result not listed here comes after them, by name. */
const ORDER = ['browser-boot', 'first-boot', 'large-file', 'layouts', 'snapshot', 'testing-template', 'worker', 'boot-bytes'];

const HEADER =
  '# Benchmark results\n\n' +
  "Produced by the benchmarks in bench/ (`npm run bench` runs them all), on this project's 2-core machines. " +
  'Absolute times are noisy here; every figure that matters is a ratio measured side by side in one run. ' +
  "Each section is its benchmark's last output (bench/results/) followed by the notes kept about it (bench/notes/).\n";

const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : '');

/** Rewrites bench/RESULTS.md from bench/results/*.md and bench/notes/*.md. */
export function writeResultsMd() {
  const names = readdirSync(join(here, 'results'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3));
  const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const sections = names.map((name) => [read(join(here, 'results', `${name}.md`)), read(join(here, 'notes', `${name}.md`))].filter(Boolean).join('\n\n'));
  writeFileSync(join(here, 'RESULTS.md'), `${HEADER}\n${sections.join('\n\n')}\n`);
}
