import type {
  AnalysisStats,
  BaselineState,
  Confidence,
  Diagnostic,
  FindingOrigin,
  FindingState,
  FlowStep,
  Location,
  RuleStatus,
  Severity,
  ThreatModel,
} from '../../core/index.js';
import { countDiagnostics } from '../../core/index.js';
import type { BaselineCounts, ReportFinding, ReportInput, ReportProof, SourceExcerpt } from './report-input.js';
import { baselineCounts, countBySeverity, elapsedMillis, sortByPriority } from './report-input.js';

/** Version of the JSON report shape; bumped on incompatible changes (docs/json-report.md). */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** A finding in the JSON report: every `Finding` field, plus store fields and an excerpt when known. */
export interface JsonReportFinding {
  readonly fingerprint: string;
  readonly id?: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly cwe: readonly string[];
  readonly message: string;
  readonly explanation: string;
  readonly fix: string;
  readonly location: Location;
  readonly flow: readonly FlowStep[];
  readonly origin: FindingOrigin;
  readonly state?: FindingState;
  readonly baselineState?: BaselineState;
  readonly firstSeenAt?: string;
  readonly lastSeenAt?: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly excerpt?: SourceExcerpt;
  /** The latest proof attempt (`scan --prove`): status, witness script, payload, oracle, verification. */
  readonly proof?: ReportProof;
}

/** The document `renderJson` produces; its JSON Schema is `schemas/yagura-report.schema.json`. */
export interface JsonReport {
  readonly schemaVersion: typeof JSON_REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri?: string };
  readonly scan: {
    readonly id?: string;
    readonly projectName: string;
    readonly root: string;
    readonly startedAt: string;
    readonly finishedAt: string;
    readonly durationMillis: number;
    readonly threatModel: ThreatModel;
    readonly threatModelReason?: string;
    readonly stats: AnalysisStats;
  };
  readonly summary: {
    readonly findings: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    /** Present only when the scan was compared with a previous one. */
    readonly baseline?: BaselineCounts;
    readonly diagnostics: number;
    readonly diagnosticsByCode: Readonly<Record<string, number>>;
  };
  readonly findings: readonly JsonReportFinding[];
  /** Findings of the previous scan no longer reported (empty without a baseline). */
  readonly absent: readonly JsonReportFinding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rules: readonly {
    readonly id: string;
    readonly description: string;
    readonly severity: Severity;
    readonly cwe: readonly string[];
    readonly status: RuleStatus;
  }[];
}

/**
 * Build the JSON report document (findings in priority order). Use {@link renderJson} for the text.
 *
 * @example
 * const report = buildJsonReport(input);
 * report.summary.bySeverity.critical; // 1
 */
export function buildJsonReport(input: ReportInput): JsonReport {
  const baseline = baselineCounts(input);
  const toJson = (f: ReportFinding): JsonReportFinding => jsonFinding(f, input);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: {
      name: input.tool.name,
      version: input.tool.version,
      ...(input.tool.informationUri ? { informationUri: input.tool.informationUri } : {}),
    },
    scan: {
      ...(input.scan.id === undefined ? {} : { id: input.scan.id }),
      projectName: input.scan.projectName,
      root: input.scan.root,
      startedAt: input.scan.startedAt,
      finishedAt: input.scan.finishedAt,
      durationMillis: elapsedMillis(input),
      threatModel: input.scan.threatModel,
      ...(input.scan.threatModelReason ? { threatModelReason: input.scan.threatModelReason } : {}),
      stats: { ...input.scan.stats },
    },
    summary: {
      findings: input.findings.length,
      bySeverity: countBySeverity(input.findings),
      ...(baseline ? { baseline: { ...baseline } } : {}),
      diagnostics: input.scan.diagnostics.length,
      diagnosticsByCode: countDiagnostics(input.scan.diagnostics),
    },
    findings: sortByPriority(input.findings).map(toJson),
    absent: input.hasBaseline ? sortByPriority(input.absentFindings ?? []).map(toJson) : [],
    diagnostics: input.scan.diagnostics.map((d) => ({ ...d })),
    rules: input.rules.map(({ id, meta }) => ({
      id,
      description: meta.description,
      severity: meta.severity,
      cwe: [...meta.cwe],
      status: meta.status,
    })),
  };
}

/**
 * Render a scan as the documented JSON report (docs/json-report.md): two-space indentation, final newline.
 *
 * @example
 * await writeFile('yagura.json', renderJson(input));
 */
export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
}

/** Copy with a fixed key order and no store-only keys that are unset. */
function jsonFinding(f: ReportFinding, input: ReportInput): JsonReportFinding {
  const excerpt = input.excerpts?.[f.fingerprint];
  const proof = f.id === undefined ? undefined : input.proofs?.[f.id];
  return {
    fingerprint: f.fingerprint,
    ...(f.id === undefined ? {} : { id: f.id }),
    ruleId: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    cwe: [...f.cwe],
    message: f.message,
    explanation: f.explanation,
    fix: f.fix,
    location: { ...f.location },
    flow: f.flow.map((step) => ({ kind: step.kind, location: { ...step.location }, message: step.message })),
    origin: f.origin,
    ...(f.state === undefined ? {} : { state: f.state }),
    ...(input.hasBaseline && f.baselineState !== undefined ? { baselineState: f.baselineState } : {}),
    ...(f.firstSeenAt === undefined ? {} : { firstSeenAt: f.firstSeenAt }),
    ...(f.lastSeenAt === undefined ? {} : { lastSeenAt: f.lastSeenAt }),
    ...(f.properties === undefined ? {} : { properties: f.properties }),
    ...(excerpt ? { excerpt: { startLine: excerpt.startLine, lines: [...excerpt.lines] } } : {}),
    ...(proof === undefined ? {} : { proof }),
  };
}
