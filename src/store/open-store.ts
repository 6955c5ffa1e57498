import { UsageError } from '../core/index.js';
import { openPgliteDriver } from './embedded/pglite-driver.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openPostgresDriver } from './postgres/postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './types.js';

/** Where the store lives. Give exactly one of `url`, `dataDir`, `memory`. */
export interface OpenStoreOptions {
  /** `postgres://` or `postgresql://` URL of a PostgreSQL server. */
  readonly url?: string;
  /** Directory of the embedded PGlite database; created if missing. */
  readonly dataDir?: string;
  /** Embedded PGlite in memory, gone on close (tests, `--no-store` previews). */
  readonly memory?: boolean;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

async function openDriver(options: OpenStoreOptions): Promise<SqlDriver> {
  const chosen = [options.url !== undefined, options.dataDir !== undefined, options.memory === true].filter(Boolean);
  if (chosen.length !== 1) throw new UsageError('Open the store with exactly one of url, dataDir or memory');
  if (options.url !== undefined) {
    if (!POSTGRES_URL.test(options.url)) throw new UsageError('The store URL must start with postgres:// or postgresql://');
    return openPostgresDriver(options.url);
  }
  return openPgliteDriver(options.dataDir);
}

/**
 * Open the store and bring its schema up to date. A `postgres://` URL selects PostgreSQL; otherwise
 * the embedded PGlite database in `dataDir` or in memory. Fails with `StoreUnavailableError` when
 * the database cannot be reached or the directory cannot be opened.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const driver = await openDriver(options);
  try {
    await migrate(driver, MIGRATIONS);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new SqlStore(driver);
}
