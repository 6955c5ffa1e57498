import type { SandboxSettings } from './sandbox/types.js';
import type { WitnessClass } from './witness/witness.js';

/** How a proof attempt ended. Only `proven` changes the finding's state. */
export type ProofStatus = 'proven' | 'not-reproduced' | 'unsupported' | 'failed';

/** One verification run as recorded. */
export interface EvidenceRun {
  readonly reproduced: boolean;
  readonly nonce?: string;
  readonly observation?: string;
  readonly reason?: string;
  readonly durationMs: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdoutExcerpt: string;
  readonly stderrExcerpt: string;
}

/**
 * Everything needed to judge and replay a proof: the witness (script, payload, oracle), what each
 * verification run observed, timings, the sandbox settings and tool versions. JSON only.
 */
export interface ProofEvidence {
  readonly version: 1;
  readonly status: ProofStatus;
  readonly reason?: string;
  readonly ruleId: string;
  readonly fingerprint: string;
  readonly cls?: WitnessClass;
  readonly threatModel: 'library' | 'application';
  readonly witness?: {
    readonly fileName: string;
    readonly script: string;
    readonly payload: string;
    readonly oracle: string;
    readonly network: string;
    readonly nodeArgs: readonly string[];
  };
  /** The search run that found the call or request (the verifier never sees it). */
  readonly search?: {
    readonly reproduced: boolean;
    readonly durationMs: number;
    readonly observation?: string;
    readonly reason?: string;
    readonly stdoutExcerpt?: string;
    readonly stderrExcerpt?: string;
  };
  readonly verification?: {
    readonly required: number;
    readonly reproductions: number;
    readonly accepted: boolean;
    readonly runs: readonly EvidenceRun[];
  };
  readonly sandbox?: SandboxSettings;
  readonly tools: Readonly<Record<string, string>>;
  readonly problems: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
}
