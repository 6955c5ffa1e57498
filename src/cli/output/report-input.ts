import type {
  AnalysisStats,
  Confidence,
  Diagnostic,
  DiagnosticCode,
  Finding,
  RuleMeta,
  Severity,
  StoredFinding,
  ThreatModel,
} from '../../core/index.js';
import { SEVERITIES, severityRank } from '../../core/index.js';

/** A finding as the renderers see it: what the engine found, plus what the store knows when there is one. */
export type ReportFinding = Finding &
  Partial<Pick<StoredFinding, 'id' | 'state' | 'baselineState' | 'firstSeenAt' | 'lastSeenAt'>>;

/** Lines of source around a finding's sink, read by the caller (renderers do no I/O). */
export interface SourceExcerpt {
  /** 1-based line number of `lines[0]`. */
  readonly startLine: number;
  readonly lines: readonly string[];
}

/** The latest proof attempt of a finding (`scan --prove`), as the renderers show it. */
export interface ReportProof {
  readonly status: 'proven' | 'not-reproduced' | 'unsupported' | 'failed';
  readonly witnessClass?: string;
  /** ISO 8601 time of the attempt. */
  readonly at: string;
  /** The call or HTTP request that reproduced, and what the oracle checks. */
  readonly payload?: string;
  readonly oracle?: string;
  /** The executable witness (a node script) the verifier re-ran. */
  readonly script?: string;
  readonly observation?: string;
  /** Fresh sandbox runs that reproduced, of `runs`. */
  readonly reproductions?: number;
  readonly runs?: number;
  readonly reason?: string;
}

/** Report proofs by finding id, from stored proof records (the newest attempt of each finding wins). */
export function reportProofsOf(
  records: readonly { readonly findingId: string; readonly status: ReportProof['status']; readonly witnessClass?: string; readonly at: string; readonly evidence: Readonly<Record<string, unknown>> }[],
): Record<string, ReportProof> {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const out: Record<string, ReportProof> = {};
  for (const r of records) {
    const witness = (r.evidence.witness ?? {}) as Record<string, unknown>;
    const verification = (r.evidence.verification ?? {}) as { reproductions?: unknown; runs?: readonly Record<string, unknown>[] };
    const runs = verification.runs ?? [];
    const observation = runs.map((run) => text(run.observation)).find((o) => o !== undefined);
    const fields = {
      payload: text(witness.payload),
      oracle: text(witness.oracle),
      script: text(witness.script),
      observation,
      reason: text(r.evidence.reason),
    };
    out[r.findingId] = {
      status: r.status,
      ...(r.witnessClass === undefined ? {} : { witnessClass: r.witnessClass }),
      at: r.at,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(typeof verification.reproductions === 'number' ? { reproductions: verification.reproductions, runs: runs.length } : {}),
    };
  }
  return out;
}

/** Counts of a comparison with the previous scan of the project. */
export interface BaselineCounts {
  readonly new: number;
  readonly unchanged: number;
  readonly reintroduced: number;
  readonly absent: number;
}

/** Everything a renderer needs about one scan. Pure data: the CLI builds it, renderers return strings. */
export interface ReportInput {
  readonly tool: {
    readonly name: string;
    readonly version: string;
    /** Absolute URI of the tool's home page; omitted from outputs when absent. */
    readonly informationUri?: string;
  };
  readonly scan: {
    readonly id?: string;
    readonly projectName: string;
    /** Absolute path of the scanned root. Finding files are relative to it. */
    readonly root: string;
    /** ISO 8601 timestamps. */
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly threatModel: ThreatModel;
    readonly threatModelReason?: string;
    readonly stats: AnalysisStats;
    readonly diagnostics: readonly Diagnostic[];
    /** Comparison with the previous scan; computed from `baselineState` of the findings when absent. */
    readonly counts?: BaselineCounts;
  };
  /** Findings present in this scan. */
  readonly findings: readonly ReportFinding[];
  /** Findings of the previous scan that this scan no longer reports (SARIF `baselineState: absent`). */
  readonly absentFindings?: readonly ReportFinding[];
  /** Metadata of every rule that ran. */
  readonly rules: readonly { readonly id: string; readonly meta: RuleMeta }[];
  /** Whether the scan was compared with a previous one; baseline states are emitted only then. */
  readonly hasBaseline: boolean;
  /** Source excerpts keyed by finding fingerprint. */
  readonly excerpts?: Readonly<Record<string, SourceExcerpt>>;
  /** Proof attempts keyed by finding id (`scan --prove`). */
  readonly proofs?: Readonly<Record<string, ReportProof>>;
}

/** One line per diagnostic code: what the gap means for the results (SARIF notification descriptors, HTML). */
export const DIAGNOSTIC_DESCRIPTIONS: Record<DiagnosticCode, string> = {
  PARSE_FAILED: 'A file could not be parsed and was skipped',
  FILE_TOO_LARGE: 'A file exceeded the size limit and was skipped',
  BINARY_FILE: 'A binary file was skipped',
  INVALID_UTF8: 'A file is not valid UTF-8 and was skipped',
  SYMLINK_OUTSIDE_ROOT: 'A symbolic link pointing outside the scanned root was not followed',
  UNREADABLE_FILE: 'A file could not be read',
  UNRESOLVED_IMPORT: 'An import could not be resolved; flows through it are not followed',
  UNSUPPORTED_SYNTAX: 'Syntax the analysis does not model was approximated',
  BUDGET_EXCEEDED: 'An analysis budget was exceeded; results for the file may be incomplete',
  RULE_CRASHED: 'A rule threw while analysing a file; its results for that file are missing',
  ANALYZER_UNAVAILABLE: 'An analyzer could not run',
};

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** Priority order: severity (highest first), then confidence, then file, line and rule id. */
export function compareByPriority(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence] ||
    compareText(a.location.file, b.location.file) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** Findings sorted by {@link compareByPriority}, without touching the input. */
export function sortByPriority<T extends Finding>(findings: readonly T[]): T[] {
  return [...findings].sort(compareByPriority);
}

/** Number of findings per severity, every severity present (zero when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Baseline counts of a report: the caller's when given, else derived from the findings; undefined without baseline. */
export function baselineCounts(input: ReportInput): BaselineCounts | undefined {
  if (!input.hasBaseline) return undefined;
  if (input.scan.counts) return input.scan.counts;
  const counts = { new: 0, unchanged: 0, reintroduced: 0, absent: input.absentFindings?.length ?? 0 };
  for (const f of input.findings) {
    // A finding the store did not compare is new to the baseline, the conservative reading.
    const state = f.baselineState ?? 'new';
    if (state !== 'absent') counts[state] += 1;
  }
  return counts;
}

/** Milliseconds between the scan's start and end; 0 when either timestamp is unreadable. */
export function elapsedMillis(input: ReportInput): number {
  const ms = Date.parse(input.scan.finishedAt) - Date.parse(input.scan.startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** "850 ms", "12.3 s", "4 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** Thousands separators, independent of the machine's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Ordinal string comparison (locale-independent, so outputs are stable across machines). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
