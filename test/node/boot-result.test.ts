import { live, type PGliteWithLive } from '@electric-sql/pglite/live';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BootResult } from '../../src/core/index.js';
import { bootDatabase } from '../../src/node/index.js';

describe('bootDatabase (node) result', () => {
  it("should have the browser's shape: db typed with its extensions, result, source, timings", async () => {
    const boot = await bootDatabase({
      dataDir: 'memory://',
      migrations: [{ file: '001_notes.sql', sql: 'CREATE TABLE notes (id int);' }],
      extensions: { live },
    });
    try {
      expectTypeOf(boot).toExtend<BootResult<PGliteWithLive>>();
      expect(typeof boot.db.live.query).toBe('function');
      expect(boot.result.applied).toEqual(['001_notes']);
      expect(boot.source).toBe('new');
      const { lockMs, openMs, migrateMs, totalMs } = boot.timings;
      for (const value of [lockMs, openMs, migrateMs, totalMs]) expect(value).toBeGreaterThanOrEqual(0);
      expect(totalMs).toBeGreaterThanOrEqual(openMs + migrateMs);
    } finally {
      await boot.db.close();
    }
  });
});
