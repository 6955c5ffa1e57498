import { randomUUID } from 'node:crypto';

import type { BaselineState, Finding, FindingState, Severity } from '../core/index.js';
import { isTriageDecision } from './lifecycle.js';
import { toJsonParam } from './rows.js';
import type { SqlExecutor } from './sql-driver.js';
import type { FindingEventKind, FindingPresence, ScanCounts } from './types.js';

/** Actor recorded on events written by scans. */
export const SCAN_ACTOR = 'yagura';

/** What the store already knows about one finding of the project. */
export interface KnownFinding {
  readonly id: string;
  readonly fingerprint: string;
  readonly presence: FindingPresence;
  readonly state: FindingState;
}

interface PlannedEvent {
  readonly id: string;
  readonly finding_id: string;
  readonly kind: FindingEventKind;
  readonly from_state: FindingState | null;
  readonly to_state: FindingState;
  readonly reason: string | null;
}

/** The writes a completed scan implies, computed before touching the database. */
export interface ScanPlan {
  /** New findings with their ids. */
  readonly inserts: readonly { readonly id: string; readonly finding: Finding }[];
  /** Known findings reported again, with their state after this scan. */
  readonly seen: readonly { readonly id: string; readonly finding: Finding; readonly state: FindingState }[];
  /** Known present findings this scan did not report, with their state after this scan. */
  readonly gone: readonly { readonly id: string; readonly state: FindingState }[];
  readonly links: readonly { readonly finding_id: string; readonly baseline_state: BaselineState }[];
  readonly events: readonly PlannedEvent[];
  readonly counts: ScanCounts;
}

/**
 * Compare a scan's findings with the project's known findings by fingerprint.
 * Repeated fingerprints in `findings` count once (the first wins).
 */
export function planScan(scanId: string, known: readonly KnownFinding[], findings: readonly Finding[]): ScanPlan {
  const byFingerprint = new Map(known.map((k) => [k.fingerprint, k]));
  const reported = new Map<string, Finding>();
  for (const finding of findings) if (!reported.has(finding.fingerprint)) reported.set(finding.fingerprint, finding);

  const inserts: { id: string; finding: Finding }[] = [];
  const seen: { id: string; finding: Finding; state: FindingState }[] = [];
  const gone: { id: string; state: FindingState }[] = [];
  const links: { finding_id: string; baseline_state: BaselineState }[] = [];
  const events: PlannedEvent[] = [];
  const bySeverity: Partial<Record<Severity, number>> = {};
  const event = (findingId: string, kind: FindingEventKind, from: FindingState | null, to: FindingState, reason: string | null): void => {
    events.push({ id: randomUUID(), finding_id: findingId, kind, from_state: from, to_state: to, reason });
  };

  for (const finding of reported.values()) {
    bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    const previous = byFingerprint.get(finding.fingerprint);
    if (!previous) {
      const id = randomUUID();
      inserts.push({ id, finding });
      links.push({ finding_id: id, baseline_state: 'new' });
      event(id, 'created', null, 'open', `found by scan ${scanId}`);
    } else if (previous.presence === 'absent') {
      const state = isTriageDecision(previous.state) ? previous.state : 'open';
      seen.push({ id: previous.id, finding, state });
      links.push({ finding_id: previous.id, baseline_state: 'reintroduced' });
      event(previous.id, 'reintroduced', previous.state, state, `found again by scan ${scanId}`);
    } else {
      // A finding marked fixed by hand that the scan still reports is not fixed.
      const state = previous.state === 'fixed' ? 'open' : previous.state;
      seen.push({ id: previous.id, finding, state });
      links.push({ finding_id: previous.id, baseline_state: 'unchanged' });
      if (state === previous.state) event(previous.id, 'seen-again', state, state, null);
      else event(previous.id, 'reopened', previous.state, state, `still found by scan ${scanId}`);
    }
  }
  for (const previous of known) {
    if (previous.presence !== 'present' || reported.has(previous.fingerprint)) continue;
    const state = isTriageDecision(previous.state) ? previous.state : 'fixed';
    gone.push({ id: previous.id, state });
    links.push({ finding_id: previous.id, baseline_state: 'absent' });
    event(previous.id, 'absent', previous.state, state, `not found by scan ${scanId}`);
  }
  const counts: ScanCounts = {
    new: inserts.length,
    unchanged: links.filter((l) => l.baseline_state === 'unchanged').length,
    reintroduced: links.filter((l) => l.baseline_state === 'reintroduced').length,
    absent: gone.length,
    total: reported.size,
    bySeverity,
  };
  return { inserts, seen, gone, links, events, counts };
}

/** Column values of a finding, keyed like the `jsonb_to_recordset` column lists below. */
function toColumns(id: string, finding: Finding): Record<string, unknown> {
  const { location } = finding;
  return {
    id,
    fingerprint: finding.fingerprint,
    rule_id: finding.ruleId,
    cwe: finding.cwe,
    severity: finding.severity,
    confidence: finding.confidence,
    message: finding.message,
    explanation: finding.explanation,
    fix: finding.fix,
    origin: finding.origin,
    file: location.file,
    start_line: location.startLine,
    start_column: location.startColumn,
    end_line: location.endLine,
    end_column: location.endColumn,
    snippet: location.snippet ?? null,
    flow: finding.flow,
    properties: finding.properties ?? null,
  };
}

const RECORD_COLUMNS = `id uuid, fingerprint text, rule_id text, cwe text[], severity text, confidence text, message text,
  explanation text, fix text, origin text, file text, start_line integer, start_column integer, end_line integer,
  end_column integer, snippet text, flow jsonb, properties jsonb`;

/** Apply a plan inside the caller's transaction: one statement per kind of write, whatever the number of findings. */
export async function writeScanPlan(
  tx: SqlExecutor,
  projectId: string,
  scanId: string,
  plan: ScanPlan,
  tool = SCAN_ACTOR,
): Promise<void> {
  if (plan.inserts.length > 0) {
    await tx.query(
      `insert into findings (id, project_id, fingerprint, rule_id, cwe, severity, confidence, message, explanation, fix,
         origin, file, start_line, start_column, end_line, end_column, snippet, flow, properties,
         first_seen_scan_id, last_seen_scan_id, first_seen_at, last_seen_at, state, presence, tool)
       select x.id, $2, x.fingerprint, x.rule_id, coalesce(x.cwe, '{}'), x.severity, x.confidence, x.message,
         x.explanation, x.fix, x.origin, x.file, x.start_line, x.start_column, x.end_line, x.end_column, x.snippet,
         coalesce(x.flow, '[]'::jsonb), x.properties, $3, $3, now(), now(), 'open', 'present', $4
       from jsonb_to_recordset($1::jsonb) as x(${RECORD_COLUMNS})`,
      [toJsonParam(plan.inserts.map((i) => toColumns(i.id, i.finding))), projectId, scanId, tool],
    );
  }
  if (plan.seen.length > 0) {
    // The fingerprint ignores line numbers, so the location and texts are refreshed from this scan.
    await tx.query(
      `update findings f set rule_id = x.rule_id, cwe = coalesce(x.cwe, '{}'), severity = x.severity,
         confidence = x.confidence, message = x.message, explanation = x.explanation, fix = x.fix, origin = x.origin,
         file = x.file, start_line = x.start_line, start_column = x.start_column, end_line = x.end_line,
         end_column = x.end_column, snippet = x.snippet, flow = coalesce(x.flow, '[]'::jsonb),
         properties = x.properties, last_seen_scan_id = $2, last_seen_at = now(), state = x.state, presence = 'present'
       from jsonb_to_recordset($1::jsonb) as x(${RECORD_COLUMNS}, state text)
       where f.id = x.id`,
      [toJsonParam(plan.seen.map((s) => ({ ...toColumns(s.id, s.finding), state: s.state }))), scanId],
    );
  }
  if (plan.gone.length > 0) {
    await tx.query(
      `update findings f set presence = 'absent', state = x.state
       from jsonb_to_recordset($1::jsonb) as x(id uuid, state text) where f.id = x.id`,
      [toJsonParam(plan.gone)],
    );
  }
  if (plan.links.length > 0) {
    await tx.query(
      `insert into scan_findings (scan_id, finding_id, baseline_state)
       select $2, x.finding_id, x.baseline_state from jsonb_to_recordset($1::jsonb) as x(finding_id uuid, baseline_state text)`,
      [toJsonParam(plan.links), scanId],
    );
  }
  if (plan.events.length > 0) {
    await tx.query(
      `insert into finding_events (id, finding_id, scan_id, actor, kind, from_state, to_state, reason)
       select x.id, x.finding_id, $2, $3, x.kind, x.from_state, x.to_state, x.reason
       from jsonb_to_recordset($1::jsonb) as x(id uuid, finding_id uuid, kind text, from_state text, to_state text, reason text)`,
      [toJsonParam(plan.events), scanId, SCAN_ACTOR],
    );
  }
}
