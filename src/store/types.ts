import type {
  AnalysisStats,
  Diagnostic,
  Finding,
  FindingState,
  Severity,
  StoredFinding,
  ThreatModel,
} from '../core/index.js';

/** Attributes of an asset used by prioritisation; all optional, stored as JSONB so more can be added. */
export interface AssetAttributes {
  readonly owner?: string;
  readonly businessService?: string;
  readonly criticality?: 'low' | 'medium' | 'high' | 'critical';
  readonly exposure?: 'internal' | 'partner' | 'internet';
  readonly dataClassification?: string;
  readonly [key: string]: unknown;
}

/** A scanned project (an asset). Times are ISO 8601 strings. */
export interface Project {
  readonly id: string;
  readonly name: string;
  readonly rootPath: string;
  readonly attributes: AssetAttributes;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Lifecycle of a scan. */
export type ScanStatus = 'running' | 'completed' | 'failed';

/** How the findings of a completed scan compare with what the project had before. */
export interface ScanCounts {
  readonly new: number;
  readonly unchanged: number;
  readonly reintroduced: number;
  readonly absent: number;
  /** Findings reported by this scan (new + unchanged + reintroduced). */
  readonly total: number;
  readonly bySeverity: Readonly<Partial<Record<Severity, number>>>;
}

/** One run of the scanner over a project. */
export interface Scan {
  readonly id: string;
  readonly projectId: string;
  readonly status: ScanStatus;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly toolVersion: string;
  readonly configHash: string;
  /** The model the analysis used; `auto` only while it is unresolved (running, or failed before analysis). */
  readonly threatModel: ThreatModel | 'auto';
  /** Present once the scan completed. */
  readonly counts?: ScanCounts;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: Readonly<Record<string, unknown>>;
  /** Why the scan failed. */
  readonly error?: string;
}

/** Whether the latest scan of the project still reports a finding. */
export type FindingPresence = 'present' | 'absent';

/** A stored finding with its presence. */
export interface FindingRecord extends StoredFinding {
  readonly presence: FindingPresence;
}

/** What happened to a finding. Scans record `created`, `seen-again`, `absent`, `reintroduced`, `reopened`. */
export type FindingEventKind = 'created' | 'seen-again' | 'absent' | 'reintroduced' | 'reopened' | 'state-changed';

/** One entry of a finding's history. */
export interface FindingEvent {
  readonly id: string;
  readonly findingId: string;
  readonly scanId?: string;
  readonly at: string;
  /** Who did it: `yagura` for scans, a user name or service otherwise. */
  readonly actor: string;
  readonly kind: FindingEventKind;
  readonly fromState?: FindingState;
  readonly toState?: FindingState;
  readonly reason?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A finding with its history, oldest event first. */
export interface FindingDetail extends FindingRecord {
  readonly events: readonly FindingEvent[];
}

/** Arguments of {@link Store.ensureProject}. */
export interface EnsureProjectInput {
  readonly name: string;
  readonly rootPath: string;
  /** Merged into the stored attributes when given. */
  readonly attributes?: AssetAttributes;
}

/** Arguments of {@link Store.beginScan}. */
export interface BeginScanInput {
  readonly projectId: string;
  readonly toolVersion: string;
  readonly configHash: string;
  /** As configured; `auto` is replaced by the resolved model given to {@link Store.completeScan}. */
  readonly threatModel: ThreatModel | 'auto';
}

/** Results handed to {@link Store.completeScan}. */
export interface CompleteScanInput {
  readonly findings: readonly Finding[];
  readonly diagnostics?: readonly Diagnostic[];
  readonly stats?: AnalysisStats | Readonly<Record<string, unknown>>;
  /** The threat model the analysis resolved (`AnalysisResult.threatModel`); kept as begun when absent. */
  readonly threatModel?: ThreatModel;
}

/** What {@link Store.completeScan} returns. */
export interface CompleteScanResult {
  readonly scan: Scan;
  readonly counts: ScanCounts;
}

/** Filter of {@link Store.listFindings}; criteria combine with AND, list values with OR. */
export interface FindingFilter {
  readonly projectId?: string;
  /** Only findings recorded by this scan (absent ones included), each with its `baselineState`. */
  readonly scanId?: string;
  readonly states?: readonly FindingState[];
  readonly severities?: readonly Severity[];
  readonly ruleId?: string;
  readonly presence?: FindingPresence;
  /** Default 1000. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Arguments of {@link Store.transitionFinding}. */
export interface TransitionInput {
  readonly to: FindingState;
  readonly actor: string;
  readonly reason?: string;
}

/** Options of {@link Store.latestScan}. */
export interface LatestScanOptions {
  /** Default `completed`. */
  readonly status?: ScanStatus;
}

/** The scan store: projects, scans, findings and their history. Both engines pass the same contract suite. */
export interface Store {
  /** `pglite` (embedded) or `postgres`. */
  readonly engine: 'pglite' | 'postgres';
  /** Create the project, or update its root path and attributes if it exists. */
  ensureProject(input: EnsureProjectInput): Promise<Project>;
  /** A project by id or name; `NotFoundError` when there is none. */
  getProject(idOrName: string): Promise<Project>;
  /** Every project, by name. */
  listProjects(): Promise<Project[]>;
  /** Record the start of a scan (status `running`). */
  beginScan(input: BeginScanInput): Promise<Scan>;
  /** Store a scan's results and compare them with the project's findings, in one transaction. */
  completeScan(scanId: string, input: CompleteScanInput): Promise<CompleteScanResult>;
  /** Mark a running scan failed; a no-op on a scan that already failed. */
  failScan(scanId: string, error: unknown): Promise<Scan>;
  /** Findings matching the filter, most severe first, then by file and line. */
  listFindings(filter?: FindingFilter): Promise<FindingRecord[]>;
  /** A finding by id or unique id prefix (8+ characters), with its events. */
  getFinding(idOrPrefix: string): Promise<FindingDetail>;
  /** Move a finding to another lifecycle state and record who did it and why. */
  transitionFinding(idOrPrefix: string, input: TransitionInput): Promise<FindingDetail>;
  /** Scans, newest first; of one project when given. */
  listScans(projectId?: string): Promise<Scan[]>;
  /** A scan by id; `NotFoundError` when there is none. */
  getScan(id: string): Promise<Scan>;
  /** The newest scan of the project with the given status (default `completed`), if any. */
  latestScan(projectId: string, options?: LatestScanOptions): Promise<Scan | undefined>;
  /** Release connections; the store is unusable afterwards. Calling it again does nothing. */
  close(): Promise<void>;
}
