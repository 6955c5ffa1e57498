import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

import { advisoriesMigration } from './advisories-migration.js';

describe('advisoriesMigration', () => {
  it('applies on PostgreSQL (PGlite) and an upsert keeps the newer advisory', async () => {
    const db = new PGlite();
    try {
      await db.exec(advisoriesMigration);
      const upsert = `insert into advisories (id, modified, severity, record) values ($1, $2, 'high', $3)
        on conflict (id) do update set modified = excluded.modified, record = excluded.record
        where excluded.modified > advisories.modified`;
      await db.query(upsert, ['GHSA-x', '2024-02-01T00:00:00Z', { v: 'new' }]);
      await db.query(upsert, ['GHSA-x', '2023-01-01T00:00:00Z', { v: 'old' }]);
      await db.query(upsert, ['GHSA-x', '2024-02-01T00:00:00Z', { v: 'new' }]);
      const rows = await db.query<{ record: { v: string } }>('select record from advisories');
      expect(rows.rows).toEqual([{ record: { v: 'new' } }]);
      await expect(db.query("insert into kev_entries (cve_id, date_added, entry) values ('X-1', '2024-01-01', '{}')")).rejects.toThrow();
    } finally {
      await db.close();
    }
  });
});
