import { homedir } from 'node:os';
import { join } from 'node:path';

import { openStore, type Store } from '../store/index.js';
import type { CliIO } from './io.js';

/**
 * Open the store the user asked for: `--db URL`, else `YAGURA_DATABASE_URL`, else the embedded
 * PGlite store under `$YAGURA_HOME/db` (default `~/.yagura/db`).
 */
export async function openCliStore(db: string | undefined, io: CliIO): Promise<Store> {
  const url = db ?? io.env.YAGURA_DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openStore({ url });
  const home = io.env.YAGURA_HOME ?? join(io.env.HOME ?? homedir(), '.yagura');
  return openStore({ dataDir: url ?? join(home, 'db') });
}

/** Where the embedded store lives, for messages. */
export function describeStore(db: string | undefined, io: CliIO): string {
  const url = db ?? io.env.YAGURA_DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return url ?? join(io.env.YAGURA_HOME ?? join(io.env.HOME ?? homedir(), '.yagura'), 'db');
}
