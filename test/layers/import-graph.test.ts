import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers CONTRIBUTING.md describes ("Imports"), checked on the sources: no import cycles
// (type imports and import() included, as madge counts them: cycles came back twice while madge was run by hand),
// and nothing in src/core importing from outside it. Biome checks the other direction (other
// folders reach core through src/core/internal.ts); tsconfig.core.json checks core's globals.

const src = resolve(import.meta.dirname, '../../src');

/** Every TypeScript source under src/, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The src/ files a module imports: `import`, `import type`, `export ... from`, and `import()`
 * (a part loaded on demand must not import its loader back either), as madge counts them.
 */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const declared = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gm)];
  const dynamic = [...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)];
  return [...declared, ...dynamic].map((match) => resolve(dirname(file), match[1]!).replace(/\.js$/, '.ts'));
}

const graph = new Map(sourceFiles(src).map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(src, file);

/** The cycles found by a depth-first walk, each as the list of files around it. */
function findCycles(): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    const onPath = path.indexOf(file);
    if (onPath >= 0) return void cycles.push([...path.slice(onPath), file].map(name));
    if (done.has(file) || !graph.has(file)) return;
    path.push(file);
    for (const imported of graph.get(file)!) visit(imported);
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return cycles;
}

describe('the import graph of src/', () => {
  it('should read the imports it checks (the walk is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join(src, 'browser/boot-in-page.ts'))).toContain(join(src, 'browser/lock.ts'));
    expect(graph.get(join(src, 'core/internal.ts'))).toContain(join(src, 'core/migrate.ts'));
  });

  it('should have no import cycle, type imports included', () => {
    expect(findCycles()).toEqual([]);
  });

  it('should keep src/core free of imports from the other folders', () => {
    const outward = [...graph].flatMap(([file, imports]) =>
      name(file).startsWith('core/')
        ? imports.filter((imported) => !name(imported).startsWith('core/')).map((imported) => `${name(file)} -> ${name(imported)}`)
        : [],
    );
    expect(outward).toEqual([]);
  });
});
