import { StoreError } from '../core/index.js';
import type { Migration } from './migrations/index.js';
import type { SqlDriver } from './sql-driver.js';

// Arbitrary constant key of the session-level advisory lock held while migrating ("YAGU").
const MIGRATION_LOCK_KEY = 0x59414755;

/**
 * Apply the migrations not yet recorded in `schema_migrations`, each in its own transaction.
 * An advisory lock makes concurrent callers (two processes starting) wait for each other.
 * Returns the ids applied by this call.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[]): Promise<string[]> {
  return driver.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(
        'create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())',
      );
      const done = new Set((await session.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.id)) continue;
        try {
          await session.transaction(async (tx) => {
            await tx.exec(migration.sql);
            await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
          });
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new StoreError(`Migration ${migration.id} failed: ${detail}`, { cause: error });
        }
        applied.push(migration.id);
      }
      return applied;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
