import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { SourceFile } from '../../src/core/index.js';
import { analyzeReachability, buildAdvisoryIndex, loadOsvDirectory, matchDependencies, parseLockfile, parsePackageManifest } from '../../src/deps/index.js';

/** What the deps suite returns to the bench runner (same shape as the other suites' output). */
export interface DepsSuiteOutput {
  readonly summary: string;
  readonly results: Record<string, unknown>;
}

/** Inputs of the dependency benchmark. */
export interface DepsBenchOptions {
  /** `bench/deps`. */
  readonly dir: string;
  readonly log: (line: string) => void;
  /** Timed repetitions of parse + match (default 5); the median is reported. */
  readonly repetitions?: number;
}

interface Expectations {
  readonly lockfile: string;
  readonly matches: readonly { readonly package: string; readonly advisory: string; readonly fixedIn: string }[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : Math.round((n / d) * 1000) / 1000;
}

async function sourceFilesOf(dir: string): Promise<SourceFile[]> {
  const names = (await readdir(dir)).filter((n) => n !== 'expected.json').sort();
  return Promise.all(names.map(async (name) => ({ path: name, text: await readFile(join(dir, name), 'utf8') })));
}

/**
 * Matching speed and correctness on a large real lockfile against a hand-checked expectation list,
 * and reachability precision on small projects with reachable and unreachable uses.
 */
export async function runDepsBench(options: DepsBenchOptions): Promise<DepsSuiteOutput> {
  const expectations = JSON.parse(await readFile(join(options.dir, 'expectations.json'), 'utf8')) as Expectations;
  const lockPath = join(options.dir, expectations.lockfile);
  const lockText = await readFile(lockPath, 'utf8');
  const manifest = parsePackageManifest(await readFile(join(options.dir, 'fixtures/big-app.package.json'), 'utf8'));
  const osv = await loadOsvDirectory(join(options.dir, 'fixtures/osv'));
  const index = buildAdvisoryIndex(osv.records);

  const parseMillis: number[] = [];
  const matchMillis: number[] = [];
  let graph = parseLockfile('package-lock.json', lockText, manifest);
  let matches = matchDependencies(graph, index);
  for (let i = 0; i < (options.repetitions ?? 5); i++) {
    const t0 = performance.now();
    graph = parseLockfile('package-lock.json', lockText, manifest);
    const t1 = performance.now();
    matches = matchDependencies(graph, index);
    parseMillis.push(t1 - t0);
    matchMillis.push(performance.now() - t1);
  }
  const got = new Set(matches.map((m) => `${m.node.id} ${m.advisory.id} ${m.fixedIn ?? '-'}`));
  const want = new Set(expectations.matches.map((m) => `${m.package} ${m.advisory} ${m.fixedIn}`));
  const missed = [...want].filter((k) => !got.has(k));
  const unexpected = [...got].filter((k) => !want.has(k));
  const truePositives = want.size - missed.length;
  options.log(`deps: ${graph.nodes.size} packages, ${graph.edges.length} edges, ${matches.length} matches`);

  const projectsDir = join(options.dir, 'fixtures/reach');
  const projects = (await readdir(projectsDir)).sort();
  const rows: { project: string; key: string; expected: string; actual: string }[] = [];
  for (const project of projects) {
    const files = await sourceFilesOf(join(projectsDir, project));
    const expected = JSON.parse(await readFile(join(projectsDir, project, 'expected.json'), 'utf8')) as Record<string, string>;
    const { verdicts } = analyzeReachability(files, matches, graph);
    for (const [key, label] of Object.entries(expected)) {
      const i = matches.findIndex((m) => `${m.node.id} ${m.advisory.id}` === key);
      rows.push({ project, key, expected: label, actual: i < 0 ? 'no-match' : (verdicts[i]?.status ?? 'missing') });
    }
  }
  const count = (pred: (r: (typeof rows)[number]) => boolean): number => rows.filter(pred).length;
  const reach = {
    labels: rows.length,
    reachable: {
      expected: count((r) => r.expected === 'reachable'),
      predicted: count((r) => r.actual === 'reachable'),
      correct: count((r) => r.actual === 'reachable' && r.expected === 'reachable'),
    },
    unreachable: {
      expected: count((r) => r.expected === 'unreachable'),
      predicted: count((r) => r.actual === 'unreachable'),
      correct: count((r) => r.actual === 'unreachable' && r.expected === 'unreachable'),
    },
    unknown: count((r) => r.actual === 'unknown'),
  };
  const results = {
    lockfile: {
      file: expectations.lockfile,
      bytes: Buffer.byteLength(lockText),
      packages: graph.nodes.size,
      edges: graph.edges.length,
      direct: [...graph.nodes.values()].filter((n) => n.direct).length,
      dev: [...graph.nodes.values()].filter((n) => n.dev).length,
    },
    advisories: { records: osv.records.length, problems: osv.problems.length },
    timing: { repetitions: parseMillis.length, parseMillisMedian: Math.round(median(parseMillis) * 10) / 10, matchMillisMedian: Math.round(median(matchMillis) * 10) / 10 },
    matching: {
      expected: want.size,
      reported: got.size,
      truePositives,
      precision: ratio(truePositives, got.size),
      recall: ratio(truePositives, want.size),
      missed,
      unexpected,
    },
    reachability: {
      ...reach,
      reachablePrecision: ratio(reach.reachable.correct, reach.reachable.predicted),
      reachableRecall: ratio(reach.reachable.correct, reach.reachable.expected),
      unreachablePrecision: ratio(reach.unreachable.correct, reach.unreachable.predicted),
      unreachableRecall: ratio(reach.unreachable.correct, reach.unreachable.expected),
      rows,
    },
  };
  const summary = [
    `lockfile: ${results.lockfile.packages} packages (${results.lockfile.bytes} bytes); parse ${results.timing.parseMillisMedian} ms, match ${results.timing.matchMillisMedian} ms (median of ${results.timing.repetitions})`,
    `matching: ${truePositives}/${want.size} expected matches, ${unexpected.length} unexpected, precision ${results.matching.precision}, recall ${results.matching.recall}`,
    `reachability: ${rows.length} labels; reachable precision ${results.reachability.reachablePrecision} recall ${results.reachability.reachableRecall}; unreachable precision ${results.reachability.unreachablePrecision} recall ${results.reachability.unreachableRecall}; unknown ${reach.unknown}`,
  ].join('\n');
  return { summary, results };
}
