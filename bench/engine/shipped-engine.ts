import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AppError } from '../../src/core/index.js';
import type * as Engine from '../../src/engine/index.js';
import type * as Models from '../../src/models/index.js';
import type * as Rules from '../../src/rules/index.js';
import type * as Scan from '../../src/scan/index.js';

/** The modules a Yagura run needs: the engine, its models and rules, and the scan's threads and ReDoS backend. */
export interface YaguraModules {
  readonly engine: typeof Engine;
  readonly models: typeof Models;
  readonly rules: typeof Rules;
  readonly scan: typeof Scan;
}

/**
 * Where the bench loads Yagura from: `shipped` is the compiled `dist/` that the `yagura` command runs (built by
 * `npm install` and by `npm run bench`); `sources` is `src/` through the TypeScript loader, for tests that must not
 * depend on a build.
 */
export type YaguraBuild = 'shipped' | 'sources';

/** `dist/` is missing a compiled module or older than its source: the bench would measure code that is not in `src/`. */
export class StaleBuildError extends AppError {
  readonly code = 'BENCH_STALE_BUILD';
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}; run \`npm run build\` (npm run bench does) before measuring the shipped engine`);
  }
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Sources `tsconfig.build.json` compiles: every `.ts` under `src/` but tests, fixtures and test support. */
function isCompiledSource(relPath: string): boolean {
  const parts = relPath.split('/');
  return relPath.endsWith('.ts') && !relPath.endsWith('.test.ts') && !relPath.endsWith('.d.ts') && !parts.includes('fixtures') && !parts.includes('test-support');
}

/**
 * Check that every compiled source under `<repo>/src` has its `<repo>/dist` module, written no earlier than the
 * source was last changed. Throws {@link StaleBuildError} naming the first file that is not.
 */
export async function assertBuildCurrent(repo: string = REPO): Promise<void> {
  const src = join(repo, 'src');
  const entries = await readdir(src, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = join(entry.parentPath, entry.name).slice(src.length + 1).split('\\').join('/');
    if (!isCompiledSource(rel)) continue;
    const compiled = join(repo, 'dist', `${rel.slice(0, -'.ts'.length)}.js`);
    const [source, output] = await Promise.all([stat(join(src, rel)), stat(compiled).catch(() => undefined)]);
    if (output === undefined) throw new StaleBuildError(`src/${rel}`, 'not compiled to dist/');
    if (output.mtimeMs < source.mtimeMs) throw new StaleBuildError(`src/${rel}`, 'changed since dist/ was built');
  }
}

/** Load Yagura's modules from the chosen build (the caller checks the shipped one with {@link assertBuildCurrent}). */
export async function loadYagura(build: YaguraBuild): Promise<YaguraModules> {
  if (build === 'sources') {
    const [engine, models, rules, scan] = await Promise.all([
      import('../../src/engine/index.js'),
      import('../../src/models/index.js'),
      import('../../src/rules/index.js'),
      import('../../src/scan/index.js'),
    ]);
    return { engine, models, rules, scan };
  }
  const dist = (module: string): string => new URL(`../../dist/${module}/index.js`, import.meta.url).href;
  const [engine, models, rules, scan] = await Promise.all([
    import(dist('engine')) as Promise<YaguraModules['engine']>,
    import(dist('models')) as Promise<YaguraModules['models']>,
    import(dist('rules')) as Promise<YaguraModules['rules']>,
    import(dist('scan')) as Promise<YaguraModules['scan']>,
  ]);
  return { engine, models, rules, scan };
}
