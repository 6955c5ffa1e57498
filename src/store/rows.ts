import type {
  BaselineState,
  Confidence,
  Diagnostic,
  FindingOrigin,
  FindingState,
  FlowStep,
  Severity,
  ThreatModel,
} from '../core/index.js';
import type {
  AssetAttributes,
  FindingEvent,
  FindingEventKind,
  FindingPresence,
  FindingRecord,
  Project,
  Scan,
  ScanCounts,
  ScanStatus,
  SsvcDecision,
  WorkItem,
  WorkItemKind,
} from './types.js';

/** Both drivers return `timestamptz` as a Date; accept a string too. */
function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A `projects` row. */
export interface ProjectRow {
  id: string;
  name: string;
  root_path: string;
  attributes: AssetAttributes;
  created_at: Date;
  updated_at: Date;
}

/** Map a `projects` row. */
export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    rootPath: row.root_path,
    attributes: row.attributes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** A `scans` row. */
export interface ScanRow {
  id: string;
  project_id: string;
  status: ScanStatus;
  started_at: Date;
  finished_at: Date | null;
  tool_version: string;
  config_hash: string;
  threat_model: ThreatModel | 'auto';
  counts: ScanCounts | null;
  diagnostics: Diagnostic[];
  stats: Record<string, unknown>;
  error: string | null;
  tool: string;
}

/** Map a `scans` row. */
export function toScan(row: ScanRow): Scan {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    startedAt: toIso(row.started_at),
    ...(row.finished_at ? { finishedAt: toIso(row.finished_at) } : {}),
    toolVersion: row.tool_version,
    configHash: row.config_hash,
    threatModel: row.threat_model,
    tool: row.tool,
    ...(row.counts ? { counts: row.counts } : {}),
    diagnostics: row.diagnostics,
    stats: row.stats,
    ...(row.error === null ? {} : { error: row.error }),
  };
}

/** A `findings` row, with `baseline_state` when joined with `scan_findings`. */
export interface FindingRow {
  id: string;
  project_id: string;
  fingerprint: string;
  rule_id: string;
  cwe: string[];
  severity: Severity;
  confidence: Confidence;
  message: string;
  explanation: string;
  fix: string;
  origin: FindingOrigin;
  file: string;
  start_line: number;
  start_column: number;
  end_line: number;
  end_column: number;
  snippet: string | null;
  flow: FlowStep[];
  properties: Record<string, unknown> | null;
  first_seen_scan_id: string;
  last_seen_scan_id: string;
  first_seen_at: Date;
  last_seen_at: Date;
  state: FindingState;
  presence: FindingPresence;
  tool: string;
  work_item_id: string | null;
  accepted_until: Date | null;
  accepted_by: string | null;
  baseline_state?: BaselineState | null;
}

/** Map a `findings` row. */
export function toFindingRecord(row: FindingRow): FindingRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    fingerprint: row.fingerprint,
    ruleId: row.rule_id,
    cwe: row.cwe,
    severity: row.severity,
    confidence: row.confidence,
    message: row.message,
    explanation: row.explanation,
    fix: row.fix,
    location: {
      file: row.file,
      startLine: row.start_line,
      startColumn: row.start_column,
      endLine: row.end_line,
      endColumn: row.end_column,
      ...(row.snippet === null ? {} : { snippet: row.snippet }),
    },
    flow: row.flow,
    origin: row.origin,
    ...(row.properties === null ? {} : { properties: row.properties }),
    state: row.state,
    presence: row.presence,
    firstSeenScanId: row.first_seen_scan_id,
    lastSeenScanId: row.last_seen_scan_id,
    firstSeenAt: toIso(row.first_seen_at),
    lastSeenAt: toIso(row.last_seen_at),
    tool: row.tool,
    ...(row.work_item_id === null ? {} : { workItemId: row.work_item_id }),
    ...(row.accepted_until === null ? {} : { acceptedUntil: toIso(row.accepted_until) }),
    ...(row.accepted_by === null ? {} : { acceptedBy: row.accepted_by }),
    ...(row.baseline_state ? { baselineState: row.baseline_state } : {}),
  };
}

/** A `finding_events` row. */
export interface FindingEventRow {
  id: string;
  finding_id: string;
  scan_id: string | null;
  at: Date;
  actor: string;
  kind: FindingEventKind;
  from_state: FindingState | null;
  to_state: FindingState | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/** Map a `finding_events` row. */
export function toFindingEvent(row: FindingEventRow): FindingEvent {
  return {
    id: row.id,
    findingId: row.finding_id,
    ...(row.scan_id === null ? {} : { scanId: row.scan_id }),
    at: toIso(row.at),
    actor: row.actor,
    kind: row.kind,
    ...(row.from_state === null ? {} : { fromState: row.from_state }),
    ...(row.to_state === null ? {} : { toState: row.to_state }),
    ...(row.reason === null ? {} : { reason: row.reason }),
    data: row.data,
  };
}

/**
 * JSON text for a `::jsonb` parameter. PostgreSQL rejects NUL in text and jsonb, and a snippet
 * of a file with a NUL byte must not fail the whole scan, so NUL becomes U+FFFD.
 */
export function toJsonParam(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '\uFFFD') : v));
}

/** Columns of `findings`, for selects that join other tables. */
export const FINDING_COLUMNS = `f.id, f.project_id, f.fingerprint, f.rule_id, f.cwe, f.severity, f.confidence, f.message,
  f.explanation, f.fix, f.origin, f.file, f.start_line, f.start_column, f.end_line, f.end_column, f.snippet, f.flow,
  f.properties, f.first_seen_scan_id, f.last_seen_scan_id, f.first_seen_at, f.last_seen_at, f.state, f.presence, f.tool, f.accepted_until, f.accepted_by,
  (select l.work_item_id from work_item_findings l where l.finding_id = f.id) as work_item_id`;

/** A `work_items` row joined with its project's name. */
export interface WorkItemRow {
  id: string;
  project_id: string;
  project_name: string;
  root_key: string;
  kind: WorkItemKind;
  title: string;
  cwe: string[];
  severity: Severity;
  state: FindingState;
  active: boolean;
  decision: SsvcDecision;
  decision_table: string;
  decision_inputs: Record<string, unknown>;
  cvss_vector: string;
  /** `numeric` comes back as a string from node-postgres. */
  cvss_score: string | number;
  /** `bigint` comes back as a string from node-postgres. */
  priority: string | number;
  file: string;
  start_line: number;
  tools: string[];
  finding_count: number;
  opened_at: Date;
  decided_at: Date;
  sla_days: number | null;
  due_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
}

/** Columns of `work_items w` joined with `projects p`. */
export const WORK_ITEM_COLUMNS = `w.id, w.project_id, p.name as project_name, w.root_key, w.kind, w.title, w.cwe, w.severity,
  w.state, w.active, w.decision, w.decision_table, w.decision_inputs, w.cvss_vector, w.cvss_score, w.priority, w.file,
  w.start_line, w.tools, w.finding_count, w.opened_at, w.decided_at, w.sla_days, w.due_at, w.closed_at, w.updated_at`;

/** Map a `work_items` row. */
export function toWorkItem(row: WorkItemRow): WorkItem {
  return {
    id: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    rootKey: row.root_key,
    kind: row.kind,
    title: row.title,
    cwe: row.cwe,
    severity: row.severity,
    state: row.state,
    active: row.active,
    decision: row.decision,
    decisionTable: row.decision_table,
    decisionInputs: row.decision_inputs,
    cvssVector: row.cvss_vector,
    cvssScore: Number(row.cvss_score),
    priority: Number(row.priority),
    file: row.file,
    startLine: row.start_line,
    tools: row.tools,
    findingCount: row.finding_count,
    openedAt: toIso(row.opened_at),
    decidedAt: toIso(row.decided_at),
    slaDays: row.sla_days,
    ...(row.due_at === null ? {} : { dueAt: toIso(row.due_at) }),
    ...(row.closed_at === null ? {} : { closedAt: toIso(row.closed_at) }),
    updatedAt: toIso(row.updated_at),
  };
}
