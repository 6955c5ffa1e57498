import type { Linter } from 'eslint';

import { type CorpusEntry, loadCorpus } from './corpus.js';
import { createBenchLinter, runEslint } from './eslint-runner.js';
import { fetchPackage } from './package-cache.js';
import { type PackageFiles, readPackageFiles } from './package-files.js';
import { formatEngineTable, type ToolSummary } from './report.js';
import { type EntryOutcome, linesPerSecond, scoreEntry, SINK_LINE_TOLERANCE, summarizeOutcomes, type ToolFinding } from './score.js';
import { IsolatedYagura } from './isolated-yagura.js';
import { assertBuildCurrent } from './shipped-engine.js';
import type { ToolRun } from './yagura-runner.js';

/** Targets the engine is measured against (bench brief). */
export const ENGINE_TARGETS = { discriminatedRate: 0.7, falseAlarmRate: 0.15 } as const;

/** Inputs of the engine benchmark. */
export interface EngineBenchOptions {
  readonly corpusPath: string;
  readonly cacheDir: string;
  readonly log: (line: string) => void;
  /** Corpus entry ids to run (all when absent): `YAGURA_ENGINE_ONLY=id,id npm run bench -- engine`. */
  readonly only?: readonly string[];
}

interface VersionRun {
  readonly key: string;
  readonly files: PackageFiles;
  readonly yagura: ToolRun;
  readonly eslint: ToolRun;
}

const TOOLS = ['yagura', 'eslint'] as const;
type ToolName = (typeof TOOLS)[number];

interface ToolScore {
  readonly millis: number;
  readonly linesPerSecond: number;
  readonly overall: ToolSummary['overall'];
  readonly perClass: ToolSummary['perClass'];
  readonly problems: number;
}

function versionKey(name: string, version: string): string {
  return `${name}@${version}`;
}

/** The package versions the corpus needs, each once, in corpus order. */
function versionsOf(corpus: readonly CorpusEntry[]): { name: string; version: string }[] {
  const seen = new Map<string, { name: string; version: string }>();
  for (const e of corpus) {
    for (const version of [e.vulnerableVersion, e.fixedVersion]) seen.set(versionKey(e.package, version), { name: e.package, version });
  }
  return [...seen.values()];
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function describeFinding(f: ToolFinding): { file: string; line: number; ruleId: string; message: string } {
  return { file: f.file, line: f.line, ruleId: f.ruleId, message: f.message };
}

function describeOutcome(o: EntryOutcome): Record<string, unknown> {
  return {
    detected: o.detected,
    falseAlarm: o.falseAlarm,
    discriminated: o.discriminated,
    matched: o.matched.map(describeFinding),
    falseAlarms: o.falseAlarms.map(describeFinding),
    nearMisses: o.sameFileOthers.map(describeFinding),
  };
}

/** What the suite hands back: a printable summary and the JSON record. */
export interface SuiteOutput {
  readonly summary: string;
  readonly results: Record<string, unknown>;
}

/**
 * Download every corpus version, run Yagura and ESLint + eslint-plugin-security on the same files in
 * this one process, and score both tools per class.
 */
export async function runEngineBench(options: EngineBenchOptions): Promise<SuiteOutput> {
  // Yagura as the `yagura` command runs it: the compiled dist/, checked current with src/ before anything is measured.
  await assertBuildCurrent();
  const corpus = (await loadCorpus(options.corpusPath)).filter((e) => options.only === undefined || options.only.includes(e.id));
  const versions = versionsOf(corpus);
  options.log(`engine: ${corpus.length} entries, ${versions.length} package versions; cache ${options.cacheDir}`);
  const roots = await mapLimit(versions, 4, (v) => fetchPackage(options.cacheDir, v.name, v.version));

  const linter: Linter = createBenchLinter();
  const yaguraRunner = new IsolatedYagura('shipped');
  const runs = new Map<string, VersionRun>();
  try {
    for (const [index, v] of versions.entries()) {
      const root = roots[index];
      if (root === undefined) throw new Error(`No download for ${v.name}@${v.version}`);
      const key = versionKey(v.name, v.version);
      const files = await readPackageFiles(root);
      const yagura = await yaguraRunner.analyze(key, files);
      const eslint = runEslint(linter, files);
      runs.set(key, { key, files, yagura, eslint });
      const failure = yagura.problems.find((p) => p.startsWith('ENGINE_'));
      options.log(
        `  ${key}: ${files.code.length} files, ${files.lines} lines; yagura ${yagura.findings.length} findings ${yagura.millis.toFixed(0)} ms` +
          `${failure === undefined ? '' : ` (${failure.split('\n')[0] ?? ''})`}; eslint ${eslint.findings.length} findings ${eslint.millis.toFixed(0)} ms`,
      );
    }
  } finally {
    await yaguraRunner.close();
  }

  // Entries whose advisory "fixed" release is still exploitable, with no clean release after it (evidence in the
  // entry's note), cannot measure discrimination: a finding on that release is a true positive. They are run and
  // reported on their own line, outside the scored set and the targets.
  const stillVulnerable = new Set(corpus.filter((e) => e.fixedStillVulnerable === true).map((e) => e.id));
  const outcomes: Record<ToolName, EntryOutcome[]> = { yagura: [], eslint: [] };
  const unscored: Record<ToolName, EntryOutcome[]> = { yagura: [], eslint: [] };
  const entries = corpus.map((entry) => {
    const vulnerable = runs.get(versionKey(entry.package, entry.vulnerableVersion));
    const fixed = runs.get(versionKey(entry.package, entry.fixedVersion));
    const scored = !stillVulnerable.has(entry.id);
    const record: Record<string, unknown> = {
      id: entry.id,
      package: entry.package,
      vulnerableVersion: entry.vulnerableVersion,
      fixedVersion: entry.fixedVersion,
      class: entry.ruleId,
      advisory: entry.advisory,
      sink: entry.sink,
      ...(entry.fixedSinkFile === undefined ? {} : { fixedSinkFile: entry.fixedSinkFile }),
      scored,
      sinkFileAnalyzed: vulnerable?.files.code.some((f) => f.path === entry.sink.file) ?? false,
    };
    for (const tool of TOOLS) {
      const outcome = scoreEntry(entry, vulnerable?.[tool].findings ?? [], fixed?.[tool].findings ?? []);
      (scored ? outcomes : unscored)[tool].push(outcome);
      record[tool] = describeOutcome(outcome);
    }
    return record;
  });

  const allRuns = [...runs.values()];
  const lines = allRuns.reduce((sum, r) => sum + r.files.lines, 0);
  const files = allRuns.reduce((sum, r) => sum + r.files.code.length, 0);
  const toolScore = (tool: ToolName): ToolScore => {
    const millis = allRuns.reduce((sum, r) => sum + r[tool].millis, 0);
    const problems = allRuns.reduce((sum, r) => sum + r[tool].problems.length, 0);
    return { millis: Math.round(millis), linesPerSecond: Math.round(linesPerSecond(lines, millis)), ...summarizeOutcomes(outcomes[tool]), problems };
  };
  const tools: Record<ToolName, ToolScore> = { yagura: toolScore('yagura'), eslint: toolScore('eslint') };

  const summaries: ToolSummary[] = TOOLS.map((tool) => ({ name: tool, ...tools[tool] }));
  const targets = {
    ...ENGINE_TARGETS,
    met: {
      discriminatedRate: tools.yagura.overall.discriminatedRate >= ENGINE_TARGETS.discriminatedRate,
      falseAlarmRate: tools.yagura.overall.falseAlarmRate <= ENGINE_TARGETS.falseAlarmRate,
      speed: tools.yagura.linesPerSecond >= tools.eslint.linesPerSecond,
    },
  };
  const onUnfixed = (tool: ToolName): { detected: number; reportedOnFixed: number } => ({
    detected: unscored[tool].filter((o) => o.detected).length,
    reportedOnFixed: unscored[tool].filter((o) => o.falseAlarm).length,
  });
  const unfixed: Record<ToolName, { detected: number; reportedOnFixed: number }> = { yagura: onUnfixed('yagura'), eslint: onUnfixed('eslint') };
  const summary = [
    `engine benchmark: ${corpus.length} vulnerabilities (${String(corpus.length - stillVulnerable.size)} scored), ${versions.length} package versions, ${files} files, ${lines.toLocaleString('en-US')} lines`,
    `cells: detected/false alarms/discriminated, then discriminated rate (sink within ${SINK_LINE_TOLERANCE} lines)`,
    formatEngineTable(summaries),
    `targets: discriminated >= ${ENGINE_TARGETS.discriminatedRate * 100}% ${targets.met.discriminatedRate ? 'met' : 'NOT met'}; ` +
      `false alarms <= ${ENGINE_TARGETS.falseAlarmRate * 100}% ${targets.met.falseAlarmRate ? 'met' : 'NOT met'}; ` +
      `yagura lines/s >= eslint ${targets.met.speed ? 'met' : 'NOT met'}`,
    `not scored: ${String(stillVulnerable.size)} pairs whose "fixed" release is still vulnerable (fixedStillVulnerable, evidence in the note); ` +
      TOOLS.map((tool) => `${tool} detected ${String(unfixed[tool].detected)}, reported on the unfixed release ${String(unfixed[tool].reportedOnFixed)}`).join('; '),
  ].join('\n');

  return {
    summary,
    results: {
      suite: 'engine',
      generatedAt: new Date().toISOString(),
      node: process.version,
      sinkLineTolerance: SINK_LINE_TOLERANCE,
      corpus: { entries: corpus.length, scoredEntries: corpus.length - stillVulnerable.size, packageVersions: versions.length, files, lines },
      targets,
      notScored: { reason: 'fixedStillVulnerable', entries: [...stillVulnerable], ...unfixed },
      tools,
      entries,
      versions: allRuns.map((r) => ({
        version: r.key,
        files: r.files.code.length,
        lines: r.files.lines,
        yagura: { millis: Math.round(r.yagura.millis), findings: r.yagura.findings.length, problems: r.yagura.problems.slice(0, 10) },
        eslint: { millis: Math.round(r.eslint.millis), findings: r.eslint.findings.length, problems: r.eslint.problems.slice(0, 10) },
      })),
    },
  };
}
