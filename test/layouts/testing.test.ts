import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../src/testing/index.js';

describe('createTestDatabase on a foreign layout', () => {
  it('should build its template with the extensions the migrations create, and hand out databases that use them', async () => {
    const db = await createTestDatabase({ dir: 'test/fixtures/dbmate', migrate: { onWarning: () => {} } });
    try {
      const { rows } = await db.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`);
      expect(rows.map((r) => r.extname)).toEqual(['citext', 'hstore', 'pg_trgm', 'uuid-ossp']);
      expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'GRACE@example.com'`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });
});
