import pg from 'pg';

import { StoreUnavailableError } from '../../core/index.js';
import type { SqlDriver, SqlExecutor, SqlSession } from '../sql-driver.js';

/** A PostgreSQL URL with its password replaced by `***`, safe for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Not parseable: hide anything between "//user:" and "@" the way a URL would carry a password.
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

function wrap(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query<R & pg.QueryResultRow>(text, [...params]);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await client.query(text);
    },
  };
}

/** A pooled client and whether it must be destroyed rather than returned to the pool. */
interface Lease {
  readonly client: pg.PoolClient;
  broken?: Error;
}

async function inTransaction<T>(lease: Lease, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await lease.client.query('BEGIN');
  try {
    const result = await fn(wrap(lease.client));
    await lease.client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await lease.client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is gone; keep the original error and never reuse this client.
      lease.broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  }
}

async function withLease<T>(pool: pg.Pool, fn: (lease: Lease) => Promise<T>): Promise<T> {
  const lease: Lease = { client: await pool.connect() };
  try {
    return await fn(lease);
  } finally {
    lease.client.release(lease.broken);
  }
}

/**
 * Connect to PostgreSQL at `url` (a connection pool). Fails with `StoreUnavailableError`, whose
 * message never contains the password, when the server cannot be reached.
 */
export async function openPostgresDriver(url: string): Promise<SqlDriver> {
  const shown = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool drops it and the next query reconnects.
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreUnavailableError(`Cannot reach PostgreSQL at ${shown}: ${detail.split(url).join(shown)}`);
  }
  const session = (lease: Lease): SqlSession => ({
    ...wrap(lease.client),
    transaction: (fn) => inTransaction(lease, fn),
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    transaction: (fn) => withLease(pool, (lease) => inTransaction(lease, fn)),
    withSession: (fn) => withLease(pool, (lease) => fn(session(lease))),
    close: () => pool.end(),
  };
}
