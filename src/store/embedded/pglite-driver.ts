import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { PGlite, type Transaction } from '@electric-sql/pglite';

import { StoreUnavailableError } from '../../core/index.js';
import type { SqlDriver, SqlExecutor, SqlSession } from '../sql-driver.js';

function wrap(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await db.query<R>(text, [...params]);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await db.exec(text);
    },
  };
}

/**
 * Open an embedded PGlite database in `dataDir` (created if missing), or in memory when `dataDir`
 * is undefined. PGlite is single-connection: one process per data directory.
 */
export async function openPgliteDriver(dataDir: string | undefined): Promise<SqlDriver> {
  const where = dataDir === undefined ? 'memory' : resolve(dataDir);
  let db: PGlite;
  try {
    if (dataDir !== undefined) await mkdir(where, { recursive: true });
    db = await PGlite.create(dataDir === undefined ? undefined : where);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`Cannot open the embedded database in ${where}: ${detail}`, { cause: error });
  }
  const base = wrap(db);
  const session: SqlSession = {
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
  };
  return {
    engine: 'pglite',
    ...session,
    // One connection only: the database itself is the session.
    withSession: (fn) => fn(session),
    close: () => db.close(),
  };
}
