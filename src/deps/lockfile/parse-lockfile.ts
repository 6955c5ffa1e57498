import { LockfileError } from '../../core/index.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import type { PackageManifest } from './manifest.js';
import { parseNpmLockfile } from './npm-lockfile.js';
import { parsePnpmLockfile } from './pnpm-lockfile.js';
import { parseYarnBerryLockfile } from './yarn-berry-lockfile.js';
import { parseYarnClassicLockfile } from './yarn-classic-lockfile.js';

/** Which parser reads a lockfile: by file name first, then by content. */
export function detectLockfileKind(path: string, text: string): 'npm' | 'yarn-classic' | 'yarn-berry' | 'pnpm' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const head = text.trimStart();
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json' || (base.endsWith('.json') && head.startsWith('{'))) return 'npm';
  if (base === 'pnpm-lock.yaml' || /^lockfileVersion:/m.test(head.slice(0, 200))) return 'pnpm';
  if (base === 'yarn.lock' || base.endsWith('.lock')) return /^__metadata:/m.test(text) ? 'yarn-berry' : 'yarn-classic';
  if (head.startsWith('{')) return 'npm';
  return undefined;
}

/**
 * Parse a lockfile's text into a dependency graph. `manifest` (the project's package.json) is
 * needed to tell direct from transitive dependencies for npm v1 and yarn lockfiles, which do not
 * record the root's own dependencies. Throws `LockfileError` naming the file and line.
 */
export function parseLockfile(path: string, text: string, manifest?: PackageManifest): DependencyGraph {
  switch (detectLockfileKind(path, text)) {
    case 'npm':
      return parseNpmLockfile(path, text, manifest);
    case 'pnpm':
      return parsePnpmLockfile(path, text, manifest);
    case 'yarn-berry':
      return parseYarnBerryLockfile(path, text, manifest);
    case 'yarn-classic':
      return parseYarnClassicLockfile(path, text, manifest);
    case undefined:
      throw new LockfileError(path, undefined, 'not a lockfile Yagura knows (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml)');
  }
}
