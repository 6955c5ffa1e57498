import { fileURLToPath } from 'node:url';

import { runDepsBench } from './deps/suite.js';
import { resolveCacheDir } from './engine/package-cache.js';
import { runEngineBench, type SuiteOutput } from './engine/suite.js';
import { runProveBench } from './prove/suite.js';
import { runTriageBench } from './triage/suite.js';

/** What a suite receives from the runner. */
export interface SuiteContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

/** A benchmark suite: `npm run bench -- <name>` runs it, its results go to `bench/results/<name>.json`. */
export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(context: SuiteContext): Promise<SuiteOutput>;
}

/** Every suite, in the order `npm run bench` runs them. Add new stages here. */
export const SUITES: readonly BenchSuite[] = [
  {
    name: 'engine',
    description: 'Detection engine vs ESLint + eslint-plugin-security on real vulnerable/fixed npm versions',
    run: (context) =>
      runEngineBench({
        corpusPath: fileURLToPath(new URL('./engine/corpus.json', import.meta.url)),
        cacheDir: resolveCacheDir(context.env),
        log: context.log,
        ...(context.env.YAGURA_ENGINE_ONLY ? { only: context.env.YAGURA_ENGINE_ONLY.split(',') } : {}),
      }),
  },
  {
    name: 'deps',
    description: 'Dependency matching on a large real lockfile and reachability precision',
    run: (context) => runDepsBench({ dir: fileURLToPath(new URL('./deps/', import.meta.url)), log: context.log }),
  },
  {
    name: 'prove',
    description: 'Proofs: share of detected corpus cases proven in the sandbox, and proofs on fixed versions (must be 0)',
    run: (context) =>
      runProveBench({
        corpusPath: fileURLToPath(new URL('./engine/corpus.json', import.meta.url)),
        cacheDir: resolveCacheDir(context.env),
        // The bench runner is an entry point: it hands the sandbox the node binary it runs on.
        nodePath: process.execPath,
        log: context.log,
        ...(context.env.YAGURA_PROVE_ONLY ? { only: context.env.YAGURA_PROVE_ONLY.split(',') } : {}),
      }),
  },
  {
    name: 'triage',
    description: 'Queue p95 over 1,000,000 findings on 5,000 assets in PostgreSQL, and a 100,000-result SARIF import',
    run: (context) =>
      runTriageBench({
        adminUrl: context.env.YAGURA_BENCH_DATABASE_URL ?? context.env.YAGURA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        regenerate: context.env.YAGURA_TRIAGE_REGENERATE === '1',
        log: context.log,
      }),
  },
];

/** The suites named on the command line (all when none), or the unknown names. */
export function selectSuites(names: readonly string[]): { suites: BenchSuite[]; unknown: string[] } {
  if (names.length === 0) return { suites: [...SUITES], unknown: [] };
  const unknown = names.filter((n) => !SUITES.some((s) => s.name === n));
  return { suites: SUITES.filter((s) => names.includes(s.name)), unknown };
}
