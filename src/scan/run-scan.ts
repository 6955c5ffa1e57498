import { basename } from 'node:path';

import {
  dedupeDiagnostics,
  type AnalysisProgress,
  type AnalysisResult,
  type Diagnostic,
  type Finding,
  type Rule,
  type StoredFinding,
  type ThreatModel,
} from '../core/index.js';
import { YAGURA_VERSION } from '../core/index.js';
import type { YaguraConfig } from '../config/index.js';
import { analyze } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';
import { proveStoredFindings, type ProveStoredOptions } from '../prove/index.js';
import { ConcurrentRegexComplexityCache, createAllRules } from '../rules/index.js';
import { prioritise, resolveSlaPolicy } from '../triage/index.js';
import type { ProofRecord, Scan, Store } from '../store/index.js';
import { AnalysisWorkers } from './analysis-workers.js';
import { createAutomatonBackend } from './automaton-backend.js';
import { collectExcerpts, type Excerpt } from './excerpt.js';
import { scanDependencies } from './scan-dependencies.js';
import { walkSources } from './walk.js';

/** Progress of a whole scan, for the CLI's progress bar. */
export type ScanProgress = { readonly phase: 'walk'; readonly files: number } | AnalysisProgress | { readonly phase: 'store' };

/** What `runScan` needs. Everything configurable travels here. */
export interface ScanRequest {
  readonly path: string;
  readonly config: YaguraConfig;
  readonly configHash: string;
  /** Overrides the configuration's threat model. */
  readonly threatModel?: ThreatModel | 'auto';
  /** Where to record the scan; `undefined` for `--no-store`. */
  readonly store?: Store;
  readonly clock: () => number;
  readonly now: () => Date;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** `scan --prove`: after the store write, prove the stored findings in the sandbox (needs a store). */
  readonly prove?: Omit<ProveStoredOptions, 'threatModel'>;
}

/** Everything a report needs about one scan. */
export interface ScanOutcome {
  readonly root: string;
  readonly projectName: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly analysis: AnalysisResult;
  readonly rules: readonly Rule[];
  /** Present findings; with ids, states and baseline states when stored. */
  readonly findings: readonly (Finding | StoredFinding)[];
  /** Findings of the previous scan that this one no longer reports (stored scans only). */
  readonly absentFindings: readonly StoredFinding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly excerpts: Record<string, Excerpt>;
  readonly scan?: Scan;
  readonly hasBaseline: boolean;
  readonly counts?: { readonly new: number; readonly unchanged: number; readonly reintroduced: number; readonly absent: number };
  readonly files: number;
  readonly bytes: number;
  /** Proof attempts of `scan --prove`, one per provable finding. */
  readonly proofs?: readonly ProofRecord[];
}

/**
 * Discover: read the tree, run the engine with every enabled rule, and record the results.
 * Never executes scanned code. If storing fails, the scan is marked failed and nothing of it is kept.
 */
export async function runScan(request: ScanRequest): Promise<ScanOutcome> {
  const { config } = request;
  const startedAt = request.now().toISOString();
  const walk = await walkSources(request.path, config);
  request.onProgress?.({ phase: 'walk', files: walk.files.length });
  // ReDoS automaton checks run beside the engine (recheck's native agent, else a second thread), started as the
  // engine meets tainted regexes.
  const automaton = createAutomatonBackend();
  const regexes = new ConcurrentRegexComplexityCache(automaton);
  const rules = createAllRules(regexes).filter((r) => !config.disabledRules.includes(r.id));
  const onTaintedRegex = rules.some((r) => r.id === 'redos') ? (pattern: string, flags: string) => { regexes.prefetch(pattern, flags); } : undefined;
  // Parts of the program no import connects (sources beside bundles) are interpreted on analysis threads too.
  const parts = new AnalysisWorkers(onTaintedRegex ? { onTaintedRegex } : {});
  const projectName = config.projectName ?? basename(walk.root);

  const store = request.store;
  const hasAsset = Object.keys(config.asset).length > 0;
  const project = store
    ? await store.ensureProject({ name: projectName, rootPath: walk.root, ...(hasAsset ? { attributes: { ...config.asset } } : {}) })
    : undefined;
  const previous = store && project ? await store.latestScan(project.id) : undefined;
  const scan = store && project
    ? await store.beginScan({
        projectId: project.id,
        toolVersion: YAGURA_VERSION,
        configHash: request.configHash,
        threatModel: request.threatModel ?? config.threatModel,
      })
    : undefined;

  try {
    const analysis = await analyze(
      { root: walk.root, files: walk.files },
      {
        rules,
        models: ALL_MODELS,
        threatModel: request.threatModel ?? config.threatModel,
        optInSources: config.optInSources,
        limits: config.limits,
        clock: request.clock,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        runParts: parts.run,
        ...(onTaintedRegex ? { onTaintedRegex } : {}),
      },
    ).finally(() => Promise.all([automaton.close(), parts.close()]));
    // Dependency audit: offline advisories from the store, reachability from the same source files.
    const deps = await scanDependencies({ root: walk.root, files: walk.files, ...(store ? { store } : {}) });
    const found = [...analysis.findings, ...deps.findings];
    const diagnostics = dedupeDiagnostics([...walk.diagnostics, ...analysis.diagnostics, ...deps.diagnostics]);
    const excerpts = collectExcerpts(found, walk.files);
    const finishedAt = request.now().toISOString();
    const base = { root: walk.root, projectName, startedAt, finishedAt, analysis, rules, diagnostics, excerpts, files: walk.files.length, bytes: walk.bytes };
    if (!store || !scan) {
      return { ...base, findings: found, absentFindings: [], hasBaseline: false };
    }
    request.onProgress?.({ phase: 'store' });
    const completed = await store.completeScan(scan.id, { findings: found, diagnostics, stats: analysis.stats, threatModel: analysis.threatModel });
    let findings = await store.listFindings({ scanId: scan.id, presence: 'present', limit: 100_000 });
    const proofs = request.prove ? await proveStoredFindings(store, walk.root, findings, { ...request.prove, threatModel: analysis.threatModel }) : undefined;
    // Verified proofs moved findings to `proven`: report their new state.
    if (proofs?.some((p) => p.status === 'proven') === true) findings = await store.listFindings({ scanId: scan.id, presence: 'present', limit: 100_000 });
    // Prioritise after proofs: a verified witness counts as a PoC in the SSVC decision.
    if (project) await prioritise(store, { projectId: project.id, now: request.now(), sla: resolveSlaPolicy(config.sla) });
    const absentFindings = previous
      ? (await store.listFindings({ scanId: scan.id, presence: 'absent', limit: 100_000 })).filter((f) => f.baselineState === 'absent')
      : [];
    return { ...base, findings, absentFindings, scan: completed.scan, hasBaseline: previous !== undefined, counts: completed.counts, ...(proofs ? { proofs } : {}) };
  } catch (error) {
    // Record the failure unless the scan already completed; the original error is what the user must see.
    if (store && scan && (await store.getScan(scan.id)).status === 'running') {
      await store.failScan(scan.id, error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
}
