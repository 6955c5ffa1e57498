import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

import type { ClosableAutomatonBackend } from './regex-automaton-agent.js';
import { RegexAutomatonAgent } from './regex-automaton-agent.js';
import { RegexAutomatonWorker } from './regex-automaton-worker.js';

// The platform packages recheck lists as optional dependencies, one binary each (recheck's lib/main.js does the same).
const SYSTEMS: Partial<Record<string, string>> = { darwin: 'macos', linux: 'linux', win32: 'windows' };
const MACHINES: Partial<Record<string, string>> = { x64: 'x64', arm64: 'arm64' };

/**
 * Path of recheck's native binary for this platform, or `undefined` when its package is not installed (another
 * platform, `--no-optional`). The binary is recheck's optional dependency, so it is resolved from recheck's location.
 */
export function resolveRecheckBinary(system: string = platform(), machine: string = arch()): string | undefined {
  const os = SYSTEMS[system];
  const cpu = MACHINES[machine];
  if (os === undefined || cpu === undefined) return undefined;
  const fromRecheck = createRequire(createRequire(import.meta.url).resolve('recheck'));
  try {
    const manifest = fromRecheck.resolve(`recheck-${os}-${cpu}/package.json`);
    return join(dirname(manifest), os === 'windows' ? 'recheck.exe' : 'recheck');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Where a scan runs recheck's automaton: the native agent when the platform's binary is installed, with the pure
 * checker on a worker thread as its fallback; the worker alone otherwise. Close it when the scan ends.
 *
 * @example
 * const automaton = createAutomatonBackend();
 * const regexes = new ConcurrentRegexComplexityCache(automaton);
 * try { await analyze(input, { rules: createAllRules(regexes), ... }); } finally { await automaton.close(); }
 */
export function createAutomatonBackend(binaryPath: string | undefined = resolveRecheckBinary()): ClosableAutomatonBackend {
  const worker = new RegexAutomatonWorker();
  return binaryPath === undefined ? worker : new RegexAutomatonAgent({ binaryPath, fallback: worker });
}
