import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

import type { SandboxTools } from './types.js';

/** Where system tools live; searched instead of the caller's PATH, which may be attacker-influenced. */
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

/** Absolute paths of the host tools, or the names of those missing. */
export interface ResolvedTools {
  readonly bwrap?: string;
  readonly prlimit?: string;
  readonly setpriv?: string;
}

/** Whether `path` is an executable file. */
async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch (error: unknown) {
    if (error instanceof Error) return false;
    throw error;
  }
}

/** Find one tool: the caller's absolute path if given, else the first executable in the system folders. */
async function findTool(name: string, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) {
    return isAbsolute(given) && (await isExecutable(given)) ? given : undefined;
  }
  for (const dir of SYSTEM_DIRS) {
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Resolve bwrap, prlimit and setpriv (util-linux) to absolute paths. */
export async function resolveTools(tools: SandboxTools = {}): Promise<ResolvedTools> {
  const [bwrap, prlimit, setpriv] = await Promise.all([
    findTool('bwrap', tools.bwrap),
    findTool('prlimit', tools.prlimit),
    findTool('setpriv', tools.setpriv),
  ]);
  return {
    ...(bwrap === undefined ? {} : { bwrap }),
    ...(prlimit === undefined ? {} : { prlimit }),
    ...(setpriv === undefined ? {} : { setpriv }),
  };
}
