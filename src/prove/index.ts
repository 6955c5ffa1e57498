/**
 * Proofs of findings: executable witnesses run in an isolated sandbox. Yagura never executes scanned code
 * outside it.
 *
 * @example
 * const target = await prepareTarget(root, { tempDir, installCacheDir });
 * const evidence = await proveFinding(finding, target, { threatModel: 'library', timeoutMs: 20_000, nodePath, now, clock });
 * if (evidence.status === 'proven') await store.recordProof(findingId, evidence);
 */
export { checkSandbox } from './sandbox/host.js';
export { runInSandbox } from './sandbox/run-in-sandbox.js';
export type {
  CollectedFile,
  ProcessLimitMethod,
  SandboxCheck,
  SandboxKillReason,
  SandboxNetwork,
  SandboxResult,
  SandboxSettings,
  SandboxSpec,
  SandboxTools,
} from './sandbox/types.js';
export { SandboxUnavailableError } from '../core/index.js';
export type { EvidenceRun, ProofEvidence, ProofStatus } from './evidence.js';
export { discoverApp, type DiscoverAppOptions } from './discover-app.js';
export { prepareTarget, type PreparedTarget, type PrepareTargetOptions } from './prepare-target.js';
export { proveFinding, replayEvidence, witnessClassOf, type ProveOptions } from './prove-finding.js';
export { proveFindings, type ProveFindingsOptions, type ProveProgress, type ProvenFinding } from './prove-findings.js';
export { runWitness, type WitnessRun, type WitnessRunOptions } from './run-witness.js';
export { VERIFY_REQUIRED, VERIFY_RUNS, verifyWitness, type Verification } from './verify-witness.js';
export type { AppProfile } from './witness/http-witness.js';
export type { Witness, WitnessClass, WitnessOutcome } from './witness/witness.js';
export { inferThreatModel, pglitePackageDir, proveStoredFindings, type ProveStoredOptions } from './prove-stored.js';
