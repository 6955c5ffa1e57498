import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AmbiguousIdError } from '../core/index.js';
import { openPgliteDriver } from './embedded/pglite-driver.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import type { SqlDriver } from './sql-driver.js';
import { SqlStore } from './sql-store.js';

// Random UUIDs practically never share 8 characters, so ids are written directly to provoke a clash.
const TWIN_A = 'abcdef01-0000-4000-8000-00000000000a';
const TWIN_B = 'abcdef01-0000-4000-8000-00000000000b';

describe('SqlStore over PGlite', () => {
  let driver: SqlDriver;
  let store: SqlStore;
  beforeAll(async () => {
    driver = await openPgliteDriver(undefined);
    expect(await migrate(driver, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
    store = new SqlStore(driver);
    const project = await store.ensureProject({ name: 'twins', rootPath: '/t' });
    const scan = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
    for (const [id, fingerprint] of [[TWIN_A, 'fp-a'], [TWIN_B, 'fp-b']] as const) {
      await driver.query(
        `insert into findings (id, project_id, fingerprint, rule_id, severity, confidence, message, explanation, fix,
           origin, file, start_line, start_column, end_line, end_column, first_seen_scan_id, last_seen_scan_id,
           first_seen_at, last_seen_at)
         values ($1, $2, $3, 'no-eval', 'medium', 'high', 'm', 'e', 'f', 'static', 'a.ts', 1, 1, 1, 5, $4, $4, now(), now())`,
        [id, project.id, fingerprint, scan.id],
      );
    }
  });
  afterAll(async () => {
    await store.close();
  });

  it('applies no migration twice', async () => {
    expect(await migrate(driver, MIGRATIONS)).toEqual([]);
  });

  it('reports a prefix shared by two findings as AmbiguousIdError naming both', async () => {
    const attempt = store.getFinding('abcdef01');
    await expect(attempt).rejects.toBeInstanceOf(AmbiguousIdError);
    await expect(attempt).rejects.toThrow(`${TWIN_A}, ${TWIN_B}`);
    await expect(store.getFinding(TWIN_B.slice(0, 35))).rejects.toBeInstanceOf(AmbiguousIdError);
    await expect(store.transitionFinding('abcdef01-0000', { to: 'proven', actor: 'x' })).rejects.toBeInstanceOf(AmbiguousIdError);
  });

  it('resolves the longer prefix that tells the twins apart', async () => {
    expect((await store.getFinding(TWIN_B)).fingerprint).toBe('fp-b');
    expect((await store.getFinding('ABCDEF01-0000-4000-8000-00000000000A')).fingerprint).toBe('fp-a');
  });
});
