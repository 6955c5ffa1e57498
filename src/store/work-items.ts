import { randomUUID } from 'node:crypto';

import { isSeverity, NotFoundError, UsageError } from '../core/index.js';
import { isFindingState } from './lifecycle.js';
import { toJsonParam, toWorkItem, WORK_ITEM_COLUMNS, type WorkItemRow } from './rows.js';
import type { SqlExecutor } from './sql-driver.js';
import type {
  ReopenedAcceptances,
  SaveWorkItemsResult,
  SsvcDecision,
  WorkItem,
  WorkItemFilter,
  WorkItemInput,
  WorkItemMetrics,
} from './types.js';

/** Every SSVC decision, least urgent first. */
export const SSVC_DECISIONS: readonly SsvcDecision[] = ['track', 'track*', 'attend', 'act'];

/** Narrow an unknown value to an {@link SsvcDecision}. */
export function isSsvcDecision(value: unknown): value is SsvcDecision {
  return typeof value === 'string' && (SSVC_DECISIONS as readonly string[]).includes(value);
}

const DEFAULT_QUEUE_LIMIT = 50;
/** States of work that still needs doing; `work_items.active` is true for them. */
const ACTIVE_STATES = ['open', 'proven', 'fix-proposed'] as const;
const ITEM_KINDS = new Set(['sink', 'dependency', 'finding']);

const ITEM_RECORD = `id uuid, root_key text, kind text, title text, cwe text[], severity text, state text, decision text,
  decision_table text, decision_inputs jsonb, cvss_vector text, cvss_score numeric, priority bigint, file text,
  start_line integer, tools text[], finding_count integer, opened_at timestamptz, sla_days integer`;

function checkItem(item: WorkItemInput): void {
  const bad = (what: string): never => {
    throw new UsageError(`Work item ${item.rootKey}: invalid ${what}`);
  };
  if (item.rootKey.trim() === '') bad('root key');
  if (!ITEM_KINDS.has(item.kind)) bad('kind');
  if (!isSeverity(item.severity)) bad('severity');
  if (!isFindingState(item.state)) bad('state');
  if (!isSsvcDecision(item.decision)) bad('decision');
  if (!Number.isFinite(item.cvssScore) || item.cvssScore < 0 || item.cvssScore > 10) bad('CVSS score');
  if (!Number.isSafeInteger(item.priority)) bad('priority');
  if (item.slaDays !== null && (!Number.isSafeInteger(item.slaDays) || item.slaDays < 0)) bad('SLA days');
  if (item.findingIds.length === 0) bad('finding list (empty)');
}

/** See {@link Store.saveWorkItems}; runs inside the caller's transaction. */
export async function saveWorkItems(
  tx: SqlExecutor,
  projectId: string,
  items: readonly WorkItemInput[],
  now: string,
): Promise<SaveWorkItemsResult> {
  for (const item of items) checkItem(item);
  const keys = new Set<string>();
  for (const item of items) {
    if (keys.has(item.rootKey)) throw new UsageError(`Two work items share the root key ${item.rootKey}`);
    keys.add(item.rootKey);
  }
  const project = await tx.query<{ id: string }>('select id from projects where id = $1 for update', [projectId]);
  if (project.length === 0) throw new NotFoundError(`No project with id ${projectId}`);

  if (items.length > 0) {
    const records = items.map((item) => ({
      id: randomUUID(),
      root_key: item.rootKey,
      kind: item.kind,
      title: item.title,
      cwe: item.cwe,
      severity: item.severity,
      state: item.state,
      decision: item.decision,
      decision_table: item.decisionTable,
      decision_inputs: item.decisionInputs,
      cvss_vector: item.cvssVector,
      cvss_score: item.cvssScore,
      priority: item.priority,
      file: item.file,
      start_line: item.startLine,
      tools: item.tools,
      finding_count: item.findingIds.length,
      opened_at: item.openedAt,
      sla_days: item.slaDays,
    }));
    // The due date counts from when the item got its current decision, so a re-scan does not move it.
    // An item never opens after `now`, so times stay consistent when the caller's clock is not the database's.
    await tx.query(
      `insert into work_items (id, project_id, root_key, kind, title, cwe, severity, state, active, decision,
         decision_table, decision_inputs, cvss_vector, cvss_score, priority, file, start_line, tools, finding_count,
         opened_at, decided_at, sla_days, due_at, closed_at, updated_at)
       select x.id, $2, x.root_key, x.kind, x.title, coalesce(x.cwe, '{}'), x.severity, x.state,
         x.state in ('open', 'proven', 'fix-proposed'), x.decision, x.decision_table, x.decision_inputs, x.cvss_vector,
         x.cvss_score, x.priority, x.file, x.start_line, coalesce(x.tools, '{}'), x.finding_count,
         least(x.opened_at, $3::timestamptz),
         $3::timestamptz, x.sla_days, $3::timestamptz + x.sla_days * interval '1 day',
         case when x.state = 'fixed' then $3::timestamptz end, $3::timestamptz
       from jsonb_to_recordset($1::jsonb) as x(${ITEM_RECORD})
       on conflict (project_id, root_key) do update set
         kind = excluded.kind, title = excluded.title, cwe = excluded.cwe, severity = excluded.severity,
         state = excluded.state, active = excluded.active, decision = excluded.decision,
         decision_table = excluded.decision_table, decision_inputs = excluded.decision_inputs,
         cvss_vector = excluded.cvss_vector, cvss_score = excluded.cvss_score, priority = excluded.priority,
         file = excluded.file, start_line = excluded.start_line, tools = excluded.tools,
         finding_count = excluded.finding_count, opened_at = least(work_items.opened_at, excluded.opened_at),
         decided_at = case when work_items.decision = excluded.decision then work_items.decided_at
           else excluded.decided_at end,
         sla_days = excluded.sla_days,
         due_at = case when excluded.sla_days is null then null
           else (case when work_items.decision = excluded.decision then work_items.decided_at
             else excluded.decided_at end) + excluded.sla_days * interval '1 day' end,
         closed_at = case when excluded.state = 'fixed' then coalesce(work_items.closed_at, excluded.closed_at) end,
         updated_at = excluded.updated_at
       -- Re-prioritising an unchanged project writes nothing.
       where (work_items.kind, work_items.title, work_items.cwe, work_items.severity, work_items.state,
           work_items.decision, work_items.decision_table, work_items.decision_inputs, work_items.cvss_vector,
           work_items.priority, work_items.file, work_items.start_line, work_items.tools, work_items.finding_count,
           work_items.sla_days)
         is distinct from (excluded.kind, excluded.title, excluded.cwe, excluded.severity, excluded.state,
           excluded.decision, excluded.decision_table, excluded.decision_inputs, excluded.cvss_vector,
           excluded.priority, excluded.file, excluded.start_line, excluded.tools, excluded.finding_count,
           excluded.sla_days)
         or excluded.opened_at < work_items.opened_at`,
      [toJsonParam(records), projectId, now],
    );
    const findingIds = items.flatMap((item) => item.findingIds);
    const rootKeys = items.flatMap((item) => item.findingIds.map(() => item.rootKey));
    await tx.query(
      `insert into work_item_findings (finding_id, work_item_id)
       select x.finding_id, w.id
       from unnest($1::uuid[], $2::text[]) as x(finding_id, root_key)
       join work_items w on w.project_id = $3 and w.root_key = x.root_key
       on conflict (finding_id) do update set work_item_id = excluded.work_item_id
         where work_item_findings.work_item_id <> excluded.work_item_id`,
      [findingIds, rootKeys, projectId],
    );
  }
  const linked = items.flatMap((item) => item.findingIds);
  await tx.query(
    `delete from work_item_findings l using work_items w
     where l.work_item_id = w.id and w.project_id = $1 and not (l.finding_id = any($2::uuid[]))`,
    [projectId, linked],
  );
  const removed = await tx.query<{ id: string }>(
    'delete from work_items where project_id = $1 and not (root_key = any($2::text[])) returning id',
    [projectId, [...keys]],
  );
  return { saved: items.length, removed: removed.length };
}

/** See {@link Store.listWorkItems}. */
export async function listWorkItems(db: SqlExecutor, filter: WorkItemFilter): Promise<WorkItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  // Only active states asked for: say so, so the partial queue indexes apply.
  const onlyActive = filter.states?.every((s) => (ACTIVE_STATES as readonly string[]).includes(s)) ?? true;
  if (filter.activeOnly ?? onlyActive) where.push('w.active');
  if (filter.projectIds) where.push(`w.project_id = any(${param(filter.projectIds)}::uuid[])`);
  if (filter.decisions) {
    const bad = (filter.decisions as readonly unknown[]).find((d) => !isSsvcDecision(d));
    if (bad !== undefined) throw new UsageError(`Unknown decision ${JSON.stringify(bad)}`);
    where.push(`w.decision = any(${param(filter.decisions)}::text[])`);
  }
  if (filter.states) {
    const bad = (filter.states as readonly unknown[]).find((s) => !isFindingState(s));
    if (bad !== undefined) throw new UsageError(`Unknown state ${JSON.stringify(bad)}`);
    where.push(`w.state = any(${param(filter.states)}::text[])`);
  }
  if (filter.overdueAt !== undefined) where.push(`w.due_at < ${param(filter.overdueAt)}::timestamptz`);
  const limit = filter.limit ?? DEFAULT_QUEUE_LIMIT;
  const offset = filter.offset ?? 0;
  for (const [name, value] of [['limit', limit], ['offset', offset]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`${name} must be a non-negative integer`);
  }
  const rows = await db.query<WorkItemRow>(
    `select ${WORK_ITEM_COLUMNS} from work_items w join projects p on p.id = w.project_id
     ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
     order by w.priority desc, w.id
     limit ${param(limit)} offset ${param(offset)}`,
    params,
  );
  return rows.map(toWorkItem);
}

/** A work item by full id; `NotFoundError` when there is none. */
export async function readWorkItem(db: SqlExecutor, id: string): Promise<WorkItem> {
  const rows = await db.query<WorkItemRow>(
    `select ${WORK_ITEM_COLUMNS} from work_items w join projects p on p.id = w.project_id where w.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`No work item with id "${id}"`);
  return toWorkItem(row);
}

interface MetricsRow {
  active: string | number;
  track: string | number;
  track_star: string | number;
  attend: string | number;
  act: string | number;
  overdue: string | number;
  fixed: string | number;
  mttr_days: string | number | null;
}

/** See {@link Store.workItemMetrics}. */
export async function workItemMetrics(
  db: SqlExecutor,
  projectIds: readonly string[] | undefined,
  now: string,
): Promise<WorkItemMetrics> {
  const rows = await db.query<MetricsRow>(
    `select count(*) filter (where active) as active,
       count(*) filter (where active and decision = 'track') as track,
       count(*) filter (where active and decision = 'track*') as track_star,
       count(*) filter (where active and decision = 'attend') as attend,
       count(*) filter (where active and decision = 'act') as act,
       count(*) filter (where active and due_at < $1::timestamptz) as overdue,
       count(*) filter (where state = 'fixed') as fixed,
       avg(extract(epoch from (closed_at - opened_at)) / 86400.0) filter (where state = 'fixed' and closed_at is not null)
         as mttr_days
     from work_items
     ${projectIds ? 'where project_id = any($2::uuid[])' : ''}`,
    projectIds ? [now, projectIds] : [now],
  );
  const row = rows[0];
  const n = (value: string | number | undefined): number => Number(value ?? 0);
  return {
    active: n(row?.active),
    activeByDecision: { track: n(row?.track), 'track*': n(row?.track_star), attend: n(row?.attend), act: n(row?.act) },
    overdue: n(row?.overdue),
    fixed: n(row?.fixed),
    meanTimeToRemediateDays:
      row?.mttr_days === null || row?.mttr_days === undefined ? null : Math.round(Number(row.mttr_days) * 100) / 100,
  };
}

/** See {@link Store.reopenExpiredAcceptances}; runs inside the caller's transaction. */
export async function reopenExpiredAcceptances(tx: SqlExecutor, now: string, actor: string): Promise<ReopenedAcceptances> {
  const expired = await tx.query<{ id: string; project_id: string; presence: string; accepted_until: Date; accepted_by: string | null }>(
    `select id, project_id, presence, accepted_until, accepted_by from findings
     where state = 'risk-accepted' and accepted_until <= $1::timestamptz
     order by id for update`,
    [now],
  );
  if (expired.length === 0) return { findingIds: [], projectIds: [] };
  // A finding the code no longer has is not reopened: its acceptance lapses into "fixed".
  const changes = expired.map((row) => ({
    event_id: randomUUID(),
    finding_id: row.id,
    to_state: row.presence === 'present' ? 'open' : 'fixed',
    reason: `risk acceptance expired at ${row.accepted_until.toISOString()}`,
    data: { expiredAt: row.accepted_until.toISOString(), approver: row.accepted_by },
  }));
  await tx.query(
    `update findings f set state = x.to_state, accepted_until = null, accepted_by = null
     from jsonb_to_recordset($1::jsonb) as x(finding_id uuid, to_state text) where f.id = x.finding_id`,
    [toJsonParam(changes)],
  );
  await tx.query(
    `insert into finding_events (id, finding_id, actor, kind, from_state, to_state, reason, data)
     select x.event_id, x.finding_id, $2, 'reopened', 'risk-accepted', x.to_state, x.reason, x.data
     from jsonb_to_recordset($1::jsonb) as x(event_id uuid, finding_id uuid, to_state text, reason text, data jsonb)`,
    [toJsonParam(changes), actor],
  );
  return {
    findingIds: expired.map((row) => row.id),
    projectIds: [...new Set(expired.map((row) => row.project_id))].sort(),
  };
}
