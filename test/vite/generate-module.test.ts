import { describe, expect, it } from 'vitest';
import { generateMigrationsModule } from '../../src/bundler/generate-module.js';

describe('generateMigrationsModule', () => {
  it('should inline SQL entries and import module entries, in the given order', () => {
    const code = generateMigrationsModule(
      [
        { kind: 'sql', file: '001_init.sql', sql: 'CREATE TABLE t (id int);\n', checksum: 'aa' },
        { kind: 'module', file: '002_seed.ts', path: '002_seed.ts', checksum: 'bb' },
        { kind: 'sql', file: '003_more.sql', sql: 'SELECT 1;', checksum: 'cc', id: '003_custom', markers: false },
        { kind: 'module', file: '004_more.js', path: 'sub/004_more.js', checksum: 'dd' },
      ],
      (path) => `/app/migrations/${path}`,
    );
    expect(code).toMatchInlineSnapshot(`
      "import * as m0 from "/app/migrations/002_seed.ts";
      import * as m1 from "/app/migrations/sub/004_more.js";
      export default [
        {"file":"001_init.sql","sql":"CREATE TABLE t (id int);\\n","checksum":"aa"},
        {"file":"002_seed.ts","checksum":"bb","module":m0},
        {"file":"003_more.sql","sql":"SELECT 1;","checksum":"cc","id":"003_custom","markers":false},
        {"file":"004_more.js","checksum":"dd","module":m1}
      ];
      "
    `);
  });

  it('should escape every string so file contents cannot break out of the module', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile file contents: ${x} must reach the module as text
    const sql = "SELECT '\"; alert(1); //', $$`${x}`$$, '</script>';\r\n-- \u2028 end";
    const code = generateMigrationsModule([{ kind: 'sql', file: '001_odd "name".sql', sql, checksum: 'x' }], (p) => p);
    const url = `data:text/javascript,${encodeURIComponent(code)}`;
    const { default: migrations } = await import(/* @vite-ignore */ url);
    expect(migrations).toEqual([{ file: '001_odd "name".sql', sql, checksum: 'x' }]);
  });

  it('should produce an empty array for an empty folder', () => {
    expect(generateMigrationsModule([], (p) => p)).toBe('export default [\n\n];\n');
  });
});
