import type {
  AdvisoryData,
  AnalysisStats,
  Diagnostic,
  Finding,
  FindingState,
  Severity,
  StoredFinding,
  ThreatModel,
} from '../core/index.js';
import type { AdvisoryDataStatus, AdvisoryImport, AdvisoryImportInput, ThreatIntelData } from './advisory-store.js';
import type { ModelCall, ModelCallFilter, ModelCallInput, ModelUsageSummary, TriageVerdict, TriageVerdictInput } from './ai-usage.js';
import type { ProofRecord, ProofRecordInput, RecordProofResult } from './proofs.js';

/** Attributes of an asset used by prioritisation; all optional, stored as JSONB so more can be added. */
export interface AssetAttributes {
  readonly owner?: string;
  readonly businessService?: string;
  readonly criticality?: 'low' | 'medium' | 'high' | 'critical';
  readonly exposure?: 'isolated' | 'internal' | 'partner' | 'internet';
  readonly dataClassification?: string;
  /** SSVC public well-being impact of a compromise of the asset. */
  readonly wellBeingImpact?: 'minimal' | 'material' | 'irreversible';
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
  /** The tool that produced the results: `yagura`, or the scanner an import came from (`codeql`, `semgrep`...). */
  readonly tool?: string;
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
  /** The tool that reported it (`yagura` for Yagura's own scans). */
  readonly tool?: string;
  /** The work item (root cause) it belongs to, once prioritised. */
  readonly workItemId?: string;
  /** While risk-accepted: when the acceptance expires (ISO 8601) and who approved it. */
  readonly acceptedUntil?: string;
  readonly acceptedBy?: string;
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
  /**
   * Tool whose results the scan records; default `yagura`. A scan compares its findings with the earlier
   * findings of the same tool only, so an import of CodeQL results never marks Yagura's findings absent.
   */
  readonly tool?: string;
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
  /** Risk acceptance only: who approved it (required with `risk-accepted`). */
  readonly approver?: string;
  /** Risk acceptance only: ISO 8601 time it expires; the finding reopens afterwards (required with `risk-accepted`). */
  readonly expiresAt?: string;
}

/** Options of {@link Store.latestScan}. */
export interface LatestScanOptions {
  /** Default `completed`. */
  readonly status?: ScanStatus;
}

/** CISA SSVC decision (Track, Track*, Attend, Act), lower case. */
export type SsvcDecision = 'track' | 'track*' | 'attend' | 'act';

/** What a work item collapses: findings at one sink, of one vulnerable dependency, or a single finding. */
export type WorkItemKind = 'sink' | 'dependency' | 'finding';

/** A work item as prioritisation computes it, handed to {@link Store.saveWorkItems}. */
export interface WorkItemInput {
  /** Root-cause key, unique per project: the same key keeps the same item across scans. */
  readonly rootKey: string;
  readonly kind: WorkItemKind;
  readonly title: string;
  readonly cwe: readonly string[];
  readonly severity: Severity;
  readonly state: FindingState;
  readonly decision: SsvcDecision;
  /** Id of the decision table version, e.g. `ssvc-cisa-2.0.3`. */
  readonly decisionTable: string;
  /** Everything that produced the decision (SSVC inputs, asset, evidence), JSON only. */
  readonly decisionInputs: Readonly<Record<string, unknown>>;
  readonly cvssVector: string;
  readonly cvssScore: number;
  readonly priority: number;
  readonly file: string;
  readonly startLine: number;
  readonly tools: readonly string[];
  /** Ids of the project's findings with this root cause (the caller read them from this project). */
  readonly findingIds: readonly string[];
  /** When the earliest of its findings was first seen (ISO 8601). */
  readonly openedAt: string;
  /** Days the SLA policy gives the decision; `null` for no date. */
  readonly slaDays: number | null;
}

/** A prioritised work item. Times are ISO 8601. */
export interface WorkItem extends Omit<WorkItemInput, 'findingIds'> {
  readonly id: string;
  readonly projectId: string;
  readonly projectName: string;
  /** Open, proven or fix-proposed. */
  readonly active: boolean;
  readonly findingCount: number;
  /** When the item got its current decision; the due date counts from here. */
  readonly decidedAt: string;
  readonly dueAt?: string;
  readonly closedAt?: string;
  readonly updatedAt: string;
}

/** A work item with its findings. */
export interface WorkItemDetail extends WorkItem {
  readonly findings: readonly FindingRecord[];
}

/** Filter of {@link Store.listWorkItems}; criteria combine with AND, list values with OR. */
export interface WorkItemFilter {
  readonly projectIds?: readonly string[];
  readonly decisions?: readonly SsvcDecision[];
  readonly states?: readonly FindingState[];
  /** Only items that need work (open, proven, fix-proposed); default true unless `states` names a closed state. */
  readonly activeOnly?: boolean;
  /** Only items whose due date is before this ISO 8601 time. */
  readonly overdueAt?: string;
  /** Default 50. */
  readonly limit?: number;
  readonly offset?: number;
}

/** What {@link Store.saveWorkItems} changed. */
export interface SaveWorkItemsResult {
  readonly saved: number;
  readonly removed: number;
}

/** Queue figures for {@link Store.workItemMetrics}. */
export interface WorkItemMetrics {
  readonly active: number;
  readonly activeByDecision: Readonly<Record<SsvcDecision, number>>;
  readonly overdue: number;
  readonly fixed: number;
  /** Mean days from opening to closing of fixed items; `null` when none is fixed. */
  readonly meanTimeToRemediateDays: number | null;
}

/** Findings whose risk acceptance expired and were reopened. */
export interface ReopenedAcceptances {
  readonly findingIds: readonly string[];
  readonly projectIds: readonly string[];
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
  /**
   * Replace the work items of a project in one transaction: upsert by root key, link each finding to its
   * item, delete items that no longer have findings. `now` (ISO 8601) stamps decisions and closures.
   */
  saveWorkItems(projectId: string, items: readonly WorkItemInput[], now: string): Promise<SaveWorkItemsResult>;
  /** The remediation queue: work items by priority, highest first, across projects unless filtered. */
  listWorkItems(filter?: WorkItemFilter): Promise<WorkItem[]>;
  /** A work item by id or unique id prefix (8+ characters), with its findings. */
  getWorkItem(idOrPrefix: string): Promise<WorkItemDetail>;
  /** Counts of the queue at `now` (ISO 8601): active by decision, overdue, fixed and mean time to remediate. */
  workItemMetrics(filter: { readonly projectIds?: readonly string[] }, now: string): Promise<WorkItemMetrics>;
  /** Reopen risk-accepted findings whose acceptance expired before `now` (ISO 8601), each with a `reopened` event. */
  reopenExpiredAcceptances(now: string, actor?: string): Promise<ReopenedAcceptances>;
  /** Record one model call of the AI layer (never an API key). */
  recordModelCall(input: ModelCallInput): Promise<ModelCall>;
  /** Model calls matching the filter, oldest first. */
  listModelCalls(filter?: ModelCallFilter): Promise<ModelCall[]>;
  /** Model spend by project, purpose and model over the calls matching the filter. */
  summarizeModelUsage(filter?: ModelCallFilter): Promise<ModelUsageSummary>;
  /** Keep a model's triage verdict beside a finding; the finding itself is not changed. */
  saveTriageVerdict(input: TriageVerdictInput): Promise<TriageVerdict>;
  /** A finding's triage verdicts, oldest first. */
  listTriageVerdicts(findingId: string): Promise<TriageVerdict[]>;
  /**
   * Import one kind of offline vulnerability data in one transaction and record the import. Idempotent and
   * incremental: a newer `modified` (KEV `dateAdded`, EPSS `scoreDate`) wins and advisory aliases accumulate.
   */
  importAdvisoryData(input: AdvisoryImportInput): Promise<AdvisoryImport>;
  /** Imports, newest first (default the last 100). */
  listAdvisoryImports(limit?: number): Promise<AdvisoryImport[]>;
  /** What offline vulnerability data is loaded: counts, dates and the last import of each source. */
  advisoryDataStatus(): Promise<AdvisoryDataStatus>;
  /** The advisories (withdrawn ones included) naming any of the packages, with their merged aliases. */
  loadAdvisories(packageNames: readonly string[], ecosystem?: string): Promise<AdvisoryData[]>;
  /** The KEV entries and EPSS scores of the given CVE ids. */
  loadThreatIntel(cveIds: readonly string[]): Promise<ThreatIntelData>;
  /**
   * Keep a proof attempt (the evidence JSON) with a finding; a `proven` attempt moves an `open` finding to
   * `proven` with a `state-changed` event, in the same transaction. Other states are left as they are.
   */
  recordProof(input: ProofRecordInput): Promise<RecordProofResult>;
  /** The proof attempts of the given findings, oldest first. */
  listProofs(findingIds: readonly string[]): Promise<ProofRecord[]>;
  /** Release connections; the store is unusable afterwards. Calling it again does nothing. */
  close(): Promise<void>;
}
