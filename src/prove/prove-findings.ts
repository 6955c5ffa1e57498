import type { Finding, ThreatModel } from '../core/index.js';
import { discoverApp } from './discover-app.js';
import type { ProofEvidence } from './evidence.js';
import { prepareTarget } from './prepare-target.js';
import { proveFinding, witnessClassOf } from './prove-finding.js';
import type { WitnessRunOptions } from './run-witness.js';
import type { AppProfile } from './witness/http-witness.js';

/** Progress of {@link proveFindings}, one event before each finding. */
export interface ProveProgress {
  readonly done: number;
  readonly total: number;
  readonly finding: Finding;
}

/** Options of {@link proveFindings}. */
export interface ProveFindingsOptions extends WitnessRunOptions {
  readonly threatModel: ThreatModel;
  /** Budget of each witness run in milliseconds (`--prove-timeout`). */
  readonly timeoutMs: number;
  /** Host folder for copies; required (the caller passes `os.tmpdir()` or a test folder). */
  readonly tempDir: string;
  readonly installCacheDir?: string;
  /** Host folder of `@electric-sql/pglite`, for apps that use `pg`. */
  readonly pglitePackageDir?: string;
  readonly tools?: Readonly<Record<string, string>>;
  readonly now: () => Date;
  readonly clock: () => number;
  readonly onProgress?: (progress: ProveProgress) => void;
}

/** A finding with the evidence of its proof attempt. */
export interface ProvenFinding<F extends Finding = Finding> {
  readonly finding: F;
  readonly evidence: ProofEvidence;
}

/**
 * Prove every finding of one project: copy it once, install its dependencies outside the sandbox, find
 * how the app starts (application threat model), then prove each finding in turn. Findings of classes no
 * witness exists for come back `unsupported` without running anything.
 */
export async function proveFindings<F extends Finding>(root: string, findings: readonly F[], options: ProveFindingsOptions): Promise<ProvenFinding<F>[]> {
  const target = await prepareTarget(root, {
    tempDir: options.tempDir,
    ...(options.installCacheDir === undefined ? {} : { installCacheDir: options.installCacheDir }),
    includeDev: options.threatModel === 'application',
  });
  try {
    let app: AppProfile | undefined;
    const problems = [...target.problems];
    if (options.threatModel === 'application') {
      const found = await discoverApp(target.dir, {
        ...(options.pglitePackageDir === undefined ? {} : { pglitePackageDir: options.pglitePackageDir }),
        ...(options.installCacheDir === undefined ? {} : { cacheDir: options.installCacheDir }),
      });
      if ('reason' in found) problems.push(found.reason);
      else app = found;
    }
    const results: ProvenFinding<F>[] = [];
    for (const [index, finding] of findings.entries()) {
      options.onProgress?.({ done: index, total: findings.length, finding });
      const evidence =
        witnessClassOf(finding) === undefined
          ? unsupported(finding, options)
          : await proveFinding(finding, { ...target, problems }, { ...options, ...(app === undefined ? {} : { app }) });
      results.push({ finding, evidence });
    }
    return results;
  } finally {
    await target.dispose();
  }
}

function unsupported(finding: Finding, options: ProveFindingsOptions): ProofEvidence {
  const at = options.now().toISOString();
  return {
    version: 1,
    status: 'unsupported',
    reason: `no witness generator for ${finding.ruleId}`,
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    threatModel: options.threatModel,
    tools: { ...(options.tools ?? {}) },
    problems: [],
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
  };
}
