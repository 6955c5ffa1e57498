import type { FlowStep, Location } from './location.js';
import type { Severity } from './severity.js';

/** Where a finding came from. */
export type FindingOrigin = 'static' | 'dependency' | 'ai' | 'import';

/** How sure the producer is that the finding is real. */
export type Confidence = 'high' | 'medium' | 'low';

/** Threat model a scan ran under: who is the attacker, and what do they control. */
export type ThreatModel = 'application' | 'library';

/**
 * A vulnerability as the analysis reports it: data, never an exception.
 * `fingerprint` is stable under unrelated edits (it hashes no line numbers).
 */
export interface Finding {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** CWE ids as `CWE-78`. */
  readonly cwe: readonly string[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** What happened, one sentence: "Query text built from req.query.id reaches pool.query()." */
  readonly message: string;
  /** Why it is dangerous. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
  /** Primary location: the sink. */
  readonly location: Location;
  /** Source -> steps -> sink; empty for findings that are not flows (a hard-coded secret). */
  readonly flow: readonly FlowStep[];
  readonly origin: FindingOrigin;
  /** Producer-specific extras (sink callee, source kind, regex attack string...). JSON only. */
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** Lifecycle state of a stored finding. */
export type FindingState = 'open' | 'proven' | 'fix-proposed' | 'fixed' | 'false-positive' | 'risk-accepted';

/** Comparison of a finding with the previous scan of the same project (SARIF `baselineState`). */
export type BaselineState = 'new' | 'unchanged' | 'absent' | 'reintroduced';

/** A finding as the store keeps it. */
export interface StoredFinding extends Finding {
  readonly id: string;
  readonly projectId: string;
  readonly state: FindingState;
  readonly firstSeenScanId: string;
  readonly lastSeenScanId: string;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  /** Relative to the scan the finding was read with; absent when there is no previous scan. */
  readonly baselineState?: BaselineState;
}
