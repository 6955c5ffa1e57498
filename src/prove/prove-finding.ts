import { YAGURA_VERSION, type Finding, type ThreatModel } from '../core/index.js';
import type { EvidenceRun, ProofEvidence } from './evidence.js';
import type { PreparedTarget } from './prepare-target.js';
import type { WitnessRun, WitnessRunOptions } from './run-witness.js';
import { excerpt, runWitness } from './run-witness.js';
import { VERIFY_REQUIRED, verifyWitness } from './verify-witness.js';
import { createHttpWitness, type AppProfile } from './witness/http-witness.js';
import { createLibraryWitness } from './witness/library-witness.js';
import type { Witness, WitnessClass } from './witness/witness.js';

const CLASSES: readonly WitnessClass[] = [
  'prototype-pollution',
  'command-injection',
  'code-injection',
  'path-traversal',
  'redos',
  'sql-injection',
  'xss',
  'ssrf',
  'open-redirect',
  'unsafe-deserialization',
  'regex-injection',
];

const CWE_CLASSES: Readonly<Record<string, WitnessClass>> = {
  'CWE-78': 'command-injection',
  'CWE-94': 'code-injection',
  'CWE-95': 'code-injection',
  'CWE-22': 'path-traversal',
  'CWE-1321': 'prototype-pollution',
  'CWE-1333': 'redos',
  'CWE-89': 'sql-injection',
  'CWE-79': 'xss',
  'CWE-918': 'ssrf',
  'CWE-601': 'open-redirect',
  'CWE-502': 'unsafe-deserialization',
};

/** The witness class of a finding: its rule id, else its first mapped CWE. */
export function witnessClassOf(finding: Pick<Finding, 'ruleId' | 'cwe'>): WitnessClass | undefined {
  const byRule = CLASSES.find((c) => c === finding.ruleId);
  if (byRule !== undefined) return byRule;
  for (const cwe of finding.cwe) {
    const cls = CWE_CLASSES[cwe.toUpperCase()];
    if (cls !== undefined) return cls;
  }
  return undefined;
}

/** What proving needs besides the finding and the prepared project. */
export interface ProveOptions extends WitnessRunOptions {
  readonly threatModel: ThreatModel;
  /** Budget of one witness run in milliseconds (search and each verification run). */
  readonly timeoutMs: number;
  /** Versions recorded in the evidence (`node` from the entry point). */
  readonly tools?: Readonly<Record<string, string>>;
  /** For the application threat model: how the app starts (from {@link discoverApp}). */
  readonly app?: AppProfile;
  readonly now: () => Date;
  readonly clock: () => number;
}

function toEvidenceRun(run: WitnessRun): EvidenceRun {
  const { outcome } = run;
  return {
    reproduced: outcome.reproduced,
    ...(outcome.nonce === undefined ? {} : { nonce: outcome.nonce }),
    ...(outcome.observation === undefined ? {} : { observation: outcome.observation }),
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    durationMs: run.durationMs,
    exitCode: run.exitCode,
    signal: run.signal,
    timedOut: run.timedOut,
    stdoutExcerpt: run.stdoutExcerpt,
    stderrExcerpt: run.stderrExcerpt,
  };
}

function toolsOfRun(run: WitnessRun): Record<string, string> {
  const node = run.outcome.details.node;
  return {
    ...(typeof node === 'string' && /^v\d+\.\d+\.\d+/.test(node) ? { node } : {}),
    ...(run.settings.bwrapVersion === undefined ? {} : { bubblewrap: run.settings.bwrapVersion }),
  };
}

function witnessRecord(witness: Witness): NonNullable<ProofEvidence['witness']> {
  return {
    fileName: witness.fileName,
    script: witness.script,
    payload: witness.payload,
    oracle: witness.oracle,
    network: witness.network,
    nodeArgs: [...witness.nodeArgs],
  };
}

function createWitness(
  finding: Finding,
  cls: WitnessClass,
  mode: 'search' | 'replay',
  options: ProveOptions,
  call?: Readonly<Record<string, unknown>>,
): Witness | { readonly unsupported: string } {
  const budget = { budgetMs: options.timeoutMs, ...(call === undefined ? {} : { call }) };
  if (options.threatModel === 'library') return createLibraryWitness(finding, cls, mode, budget);
  if (options.app === undefined) return { unsupported: 'no runnable application was found (Express app with a start file)' };
  return createHttpWitness(finding, cls, mode, { ...budget, app: options.app });
}

/**
 * Prove one finding: search for a reproducing call or request in the sandbox, turn it into a replay
 * witness, and have the verifier re-run only that witness three times in fresh sandboxes (2 of 3 to accept).
 * Never throws for a finding that cannot be proven: the evidence says why.
 * @example
 * const evidence = await proveFinding(finding, prepared, { threatModel: 'library', timeoutMs: 20_000, nodePath, now, clock });
 */
export async function proveFinding(finding: Finding, target: PreparedTarget, options: ProveOptions): Promise<ProofEvidence> {
  const startedAt = options.now();
  const start = options.clock();
  const cls = witnessClassOf(finding);
  const base = {
    version: 1 as const,
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    threatModel: options.threatModel,
    ...(cls === undefined ? {} : { cls }),
    problems: [...target.problems],
    startedAt: startedAt.toISOString(),
  };
  let tools: Readonly<Record<string, string>> = { yagura: YAGURA_VERSION, ...(options.tools ?? {}) };
  const finish = (rest: Omit<ProofEvidence, keyof typeof base | 'tools' | 'finishedAt' | 'durationMs'>): ProofEvidence => ({
    ...base,
    tools,
    ...rest,
    finishedAt: options.now().toISOString(),
    durationMs: Math.round(options.clock() - start),
  });
  if (cls === undefined) return finish({ status: 'unsupported', reason: `no witness generator for ${finding.ruleId}` });
  const search = createWitness(finding, cls, 'search', options);
  if ('unsupported' in search) return finish({ status: 'unsupported', reason: search.unsupported });
  const searchRun = await runWitness(search, target.dir, options);
  // The versions that actually ran the witness: node as the sandboxed script saw itself, and bubblewrap.
  tools = { ...tools, ...toolsOfRun(searchRun) };
  const searchRecord = {
    reproduced: searchRun.outcome.reproduced,
    durationMs: searchRun.durationMs,
    ...(searchRun.outcome.observation === undefined ? {} : { observation: searchRun.outcome.observation }),
    ...(searchRun.outcome.reason === undefined ? {} : { reason: searchRun.outcome.reason }),
    stdoutExcerpt: excerpt(searchRun.stdoutExcerpt, 1200),
    stderrExcerpt: excerpt(searchRun.stderrExcerpt, 800),
  };
  if (!searchRun.outcome.reproduced || searchRun.outcome.call === undefined) {
    return finish({
      status: 'not-reproduced',
      reason: searchRun.outcome.reason ?? 'the search witness did not reproduce',
      witness: witnessRecord(search),
      search: searchRecord,
      sandbox: searchRun.settings,
    });
  }
  const replay = createWitness(finding, cls, 'replay', options, searchRun.outcome.call);
  if ('unsupported' in replay) return finish({ status: 'unsupported', reason: replay.unsupported, search: searchRecord });
  const verification = await verifyWitness(replay, target.dir, options);
  return finish({
    status: verification.accepted ? 'proven' : 'not-reproduced',
    ...(verification.accepted ? {} : { reason: `the verifier reproduced ${verification.reproductions} of ${verification.runs.length} runs` }),
    witness: witnessRecord(replay),
    search: searchRecord,
    verification: {
      required: VERIFY_REQUIRED,
      reproductions: verification.reproductions,
      accepted: verification.accepted,
      runs: verification.runs.map(toEvidenceRun),
    },
    ...(verification.runs[0] === undefined ? {} : { sandbox: verification.runs[0].settings }),
  });
}

/** Replay a stored witness (script as recorded) against another prepared target, e.g. the fixed version. */
export async function replayEvidence(evidence: ProofEvidence, target: PreparedTarget, options: WitnessRunOptions & { readonly timeoutMs: number }) {
  const recorded = evidence.witness;
  if (recorded === undefined || evidence.cls === undefined) return undefined;
  const witness: Witness = {
    cls: evidence.cls,
    threatModel: evidence.threatModel,
    mode: 'replay',
    fileName: recorded.fileName,
    script: recorded.script,
    payload: recorded.payload,
    oracle: recorded.oracle,
    network: recorded.network === 'loopback' ? 'loopback' : 'none',
    timeoutMs: options.timeoutMs + 5000,
    nodeArgs: recorded.nodeArgs,
  };
  return verifyWitness(witness, target.dir, options);
}
