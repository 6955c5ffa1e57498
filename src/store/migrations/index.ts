import { migration0001Init } from './0001-init.js';
import { migration0002Triage } from './0002-triage.js';
import { migration0003Advisories } from './0003-advisories.js';
import { migration0004AiUsage } from './0004-ai-usage.js';
import { migration0005Proofs } from './0005-proofs.js';

/** A schema change, applied once, in its own transaction, in `id` order. Never edit one once released. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, oldest first. Plain SQL shared by PGlite and PostgreSQL. */
export const MIGRATIONS: readonly Migration[] = [
  { id: '0001-init', sql: migration0001Init },
  { id: '0002-triage', sql: migration0002Triage },
  { id: '0003-advisories', sql: migration0003Advisories },
  { id: '0004-ai-usage', sql: migration0004AiUsage },
  { id: '0005-proofs', sql: migration0005Proofs },
];
