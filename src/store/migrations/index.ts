import { migration0001Init } from './0001-init.js';

/** A schema change, applied once, in its own transaction, in `id` order. Never edit one once released. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, oldest first. Plain SQL shared by PGlite and PostgreSQL. */
export const MIGRATIONS: readonly Migration[] = [{ id: '0001-init', sql: migration0001Init }];
