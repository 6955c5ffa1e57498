/**
 * Proofs of findings: executable witnesses run in an isolated sandbox. Yagura never executes scanned code
 * outside it.
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
