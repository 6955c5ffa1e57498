import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { UsageError, type Finding, type SourceFile } from '../core/index.js';
import { analyze } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';
import { ALL_RULES } from '../rules/index.js';
import type { AiSettings } from './ai-config.js';
import { hunt } from './hunter.js';
import { ModelGateway, type UsageRecorder } from './model-gateway.js';
import { ProjectSnapshot } from './project-snapshot.js';
import type { Sleep } from './types.js';

/** One labelled vulnerability of the suite (the engine benchmark's manifest format, bench/engine/corpus.json). */
export interface EvalEntry {
  readonly id: string;
  readonly package: string;
  readonly vulnerableVersion: string;
  readonly ruleId: string;
  readonly cwe: string;
  readonly sink: { readonly file: string; readonly line: number };
}

/** The hunter's scorecard on a suite. */
export interface Scorecard {
  readonly suite: string;
  readonly model: string;
  readonly entries: number;
  readonly detected: number;
  readonly recall: number;
  /** AI findings that match no labelled vulnerability. */
  readonly falseAlarms: number;
  /** Detected vulnerabilities whose witness reproduced in the sandbox. */
  readonly proven: number;
  readonly rejectedByVerifier: number;
  readonly tokens: number;
  readonly costUsd: number;
  /** `null` when nothing was detected. */
  readonly tokensPerTrueFinding: number | null;
  readonly costPerTrueFinding: number | null;
  readonly stopped?: string;
  readonly perEntry: readonly { readonly id: string; readonly detected: boolean; readonly proven: boolean; readonly falseAlarms: number; readonly error?: string }[];
}

/** Lines a reported sink may be off by and still match the label. */
const LINE_SLACK = 3;

/** Read and check a suite manifest. */
export async function loadEvalSuite(path: string): Promise<EvalEntry[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new UsageError(`${path}: the suite manifest must be a JSON array`);
  return parsed.map((raw: unknown, i) => {
    const e = raw as Partial<EvalEntry> | null;
    if (typeof e?.id !== 'string' || typeof e.package !== 'string' || typeof e.vulnerableVersion !== 'string' || typeof e.sink?.file !== 'string' || typeof e.sink.line !== 'number') {
      throw new UsageError(`${path}: entry ${String(i)} needs id, package, vulnerableVersion and sink.file/line`);
    }
    return e as EvalEntry;
  });
}

const matches = (f: Finding, entry: EvalEntry): boolean =>
  f.location.file === entry.sink.file && Math.abs(f.location.startLine - entry.sink.line) <= LINE_SLACK;

/**
 * Run the hunter on every entry's vulnerable package (read by `loadProject`) and score it: recall, false alarms,
 * proofs, tokens and cost per true finding. A budget stop ends the run; the remaining entries count as missed.
 */
export async function evaluateHunter(options: {
  readonly suite: string;
  readonly entries: readonly EvalEntry[];
  /** Read an entry's vulnerable package (the caller walks the folder; the AI layer does no tree walking). */
  readonly loadProject: (entry: EvalEntry) => Promise<{ readonly root: string; readonly files: readonly SourceFile[] }>;
  readonly settings: AiSettings;
  readonly recorder?: UsageRecorder;
  readonly now: () => Date;
  readonly clock: () => number;
  readonly nodePath?: string;
  readonly sleep?: Sleep;
}): Promise<Scorecard> {
  const { settings } = options;
  const gateway = await ModelGateway.open({
    settings,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    now: options.now,
    clock: options.clock,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const perEntry: { id: string; detected: boolean; proven: boolean; falseAlarms: number; error?: string }[] = [];
  let rejected = 0;
  let stopped: string | undefined;
  for (const entry of options.entries) {
    if (stopped !== undefined) {
      perEntry.push({ id: entry.id, detected: false, proven: false, falseAlarms: 0, error: 'not run: budget reached' });
      continue;
    }
    let project;
    try {
      project = await options.loadProject(entry);
    } catch (error: unknown) {
      perEntry.push({ id: entry.id, detected: false, proven: false, falseAlarms: 0, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const { root, files } = project;
    const analysis = await analyze({ root, files }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'library' });
    const result = await hunt({
      gateway,
      snapshot: new ProjectSnapshot(root, files, analysis, 'library'),
      verify: { runs: settings.proof.runs, required: settings.proof.required, timeoutMs: settings.proof.timeoutMs, memoryMb: settings.proof.memoryMb, ...(options.nodePath === undefined ? {} : { nodePath: options.nodePath }) },
    });
    stopped = result.stopped;
    rejected += result.rejected.length;
    const hits = result.findings.filter((f) => matches(f, entry));
    perEntry.push({
      id: entry.id,
      detected: hits.length > 0,
      proven: hits.some((f) => f.properties?.aiState === 'proven'),
      falseAlarms: result.findings.length - hits.length,
    });
  }
  const detected = perEntry.filter((e) => e.detected).length;
  const spent = gateway.spent();
  const tokens = spent.inputTokens + spent.outputTokens;
  return {
    suite: options.suite,
    model: gateway.modelFor('hunt'),
    entries: options.entries.length,
    detected,
    recall: options.entries.length === 0 ? 0 : detected / options.entries.length,
    falseAlarms: perEntry.reduce((n, e) => n + e.falseAlarms, 0),
    proven: perEntry.filter((e) => e.proven).length,
    rejectedByVerifier: rejected,
    tokens,
    costUsd: spent.costUsd,
    tokensPerTrueFinding: detected === 0 ? null : tokens / detected,
    costPerTrueFinding: detected === 0 ? null : spent.costUsd / detected,
    ...(stopped === undefined ? {} : { stopped }),
    perEntry,
  };
}

/** Where the engine benchmark's cache keeps an entry's package: `<cache>/<name>@<version>/src/package`. */
export function benchCacheRoot(cacheDir: string, entry: EvalEntry): string {
  return join(cacheDir, `${entry.package.replace(/\//g, '__')}@${entry.vulnerableVersion}`, 'src', 'package');
}
