import { type FindingState, NotFoundError, UsageError } from '../core/index.js';
import type {
  AssetAttributes,
  FindingDetail,
  Store,
  WorkItem,
  WorkItemDetail,
  WorkItemFilter,
  WorkItemMetrics,
} from '../store/index.js';
import { resolveAsset } from './asset.js';
import { buildWorkItem } from './assess.js';
import { CvssScorer } from './cvss.js';
import { groupByRootCause } from './root-cause.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla.js';

/** Actor of the events prioritisation writes. */
export const TRIAGE_ACTOR = 'yagura';

/** Options of {@link prioritise}. */
export interface PrioritiseOptions {
  readonly projectId: string;
  readonly now: Date;
  /** Days per decision; default {@link DEFAULT_SLA_POLICY}. */
  readonly sla?: SlaPolicy;
  /** Asset attributes from the project's configuration, merged into the stored ones first. */
  readonly asset?: AssetAttributes;
}

/** What {@link prioritise} did. */
export interface PrioritiseResult {
  readonly workItems: number;
  readonly removed: number;
  /** Findings whose risk acceptance expired and were reopened (in any project). */
  readonly reopened: readonly string[];
}

/** Largest number of findings one project may have for prioritisation in one pass. */
const MAX_FINDINGS = 1_000_000;

async function scoreProject(store: Store, projectId: string, now: Date, sla: SlaPolicy): Promise<{ saved: number; removed: number }> {
  const project = await store.getProject(projectId);
  const { profile } = resolveAsset(project.attributes);
  const findings = await store.listFindings({ projectId, limit: MAX_FINDINGS });
  const scorer = new CvssScorer();
  const items = groupByRootCause(findings).map((group) => buildWorkItem(group, profile, scorer, sla));
  return store.saveWorkItems(projectId, items, now.toISOString());
}

/**
 * Reopen expired risk acceptances (everywhere), then rebuild the work items of the project: dedup by root
 * cause, CVSS 4.0 and SSVC per item, due dates from the SLA policy. Call it after each `completeScan`.
 * @example
 * const { scan } = await store.completeScan(scanId, { findings });
 * await prioritise(store, { projectId: scan.projectId, now: new Date(), sla: config.sla });
 */
export async function prioritise(store: Store, options: PrioritiseOptions): Promise<PrioritiseResult> {
  const sla = options.sla ?? DEFAULT_SLA_POLICY;
  if (options.asset && Object.keys(options.asset).length > 0) {
    const project = await store.getProject(options.projectId);
    await store.ensureProject({ name: project.name, rootPath: project.rootPath, attributes: options.asset });
  }
  const reopened = await store.reopenExpiredAcceptances(options.now.toISOString(), TRIAGE_ACTOR);
  for (const other of reopened.projectIds) if (other !== options.projectId) await scoreProject(store, other, options.now, sla);
  const { saved, removed } = await scoreProject(store, options.projectId, options.now, sla);
  return { workItems: saved, removed, reopened: reopened.findingIds };
}

/** Reopen expired risk acceptances and re-prioritise the projects they belong to; run before reading the queue. */
export async function refreshExpired(store: Store, now: Date, sla: SlaPolicy = DEFAULT_SLA_POLICY): Promise<readonly string[]> {
  const reopened = await store.reopenExpiredAcceptances(now.toISOString(), TRIAGE_ACTOR);
  for (const projectId of reopened.projectIds) await scoreProject(store, projectId, now, sla);
  return reopened.findingIds;
}

/** Options of {@link readQueue}. */
export interface QueueOptions extends WorkItemFilter {
  readonly now: Date;
  readonly sla?: SlaPolicy;
  /** Only items past their due date at `now`. */
  readonly overdue?: boolean;
}

/**
 * The remediation queue across assets, highest priority first, after reopening expired acceptances.
 * @example
 * const page = await readQueue(store, { now: new Date(), decisions: ['act', 'attend'], limit: 50 });
 */
export async function readQueue(store: Store, options: QueueOptions): Promise<WorkItem[]> {
  await refreshExpired(store, options.now, options.sla);
  const filter: WorkItemFilter = {
    ...(options.projectIds ? { projectIds: options.projectIds } : {}),
    ...(options.decisions ? { decisions: options.decisions } : {}),
    ...(options.states ? { states: options.states } : {}),
    ...(options.activeOnly === undefined ? {} : { activeOnly: options.activeOnly }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.offset === undefined ? {} : { offset: options.offset }),
    ...(options.overdue ? { overdueAt: options.now.toISOString() } : {}),
  };
  return store.listWorkItems(filter);
}

/** Queue metrics at `now`: active items by decision, overdue, fixed, mean time to remediate. */
export async function readMetrics(
  store: Store,
  options: { readonly now: Date; readonly projectIds?: readonly string[]; readonly sla?: SlaPolicy },
): Promise<WorkItemMetrics> {
  await refreshExpired(store, options.now, options.sla);
  return store.workItemMetrics(options.projectIds ? { projectIds: options.projectIds } : {}, options.now.toISOString());
}

/** Arguments of {@link transition}. */
export interface TriageTransitionInput {
  readonly to: FindingState;
  readonly actor: string;
  readonly reason?: string;
  readonly approver?: string;
  /** Required with `risk-accepted`: ISO 8601 date or time the acceptance expires (in the future). */
  readonly expiresAt?: string;
  readonly now: Date;
  readonly sla?: SlaPolicy;
}

/** Findings changed by a {@link transition} and the work item they belong to afterwards. */
export interface TransitionResult {
  readonly findings: readonly FindingDetail[];
  readonly workItem?: WorkItemDetail;
}

/**
 * Move a work item (all its findings that can make the move) or a single finding to another state, recording
 * actor, reason and time on each finding; a risk acceptance needs a reason, an approver and a future expiry.
 * The project is re-prioritised afterwards.
 */
export async function transition(store: Store, id: string, input: TriageTransitionInput): Promise<TransitionResult> {
  if (input.to === 'risk-accepted') {
    if (!input.reason?.trim()) throw new UsageError('A risk acceptance needs a reason (--reason)');
    if (!input.approver?.trim()) throw new UsageError('A risk acceptance needs an approver (--approver)');
    if (input.expiresAt === undefined) throw new UsageError('A risk acceptance needs an expiry date (--expires)');
    const expires = new Date(input.expiresAt);
    if (Number.isNaN(expires.getTime())) throw new UsageError(`--expires must be an ISO 8601 date, not "${input.expiresAt}"`);
    if (expires.getTime() <= input.now.getTime()) throw new UsageError('A risk acceptance must expire in the future');
  }
  const change = {
    to: input.to,
    actor: input.actor,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
    ...(input.to === 'risk-accepted' && input.approver !== undefined ? { approver: input.approver } : {}),
    ...(input.to === 'risk-accepted' && input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  };
  const item = await findWorkItem(store, id);
  let findings: FindingDetail[];
  let projectId: string;
  if (item) {
    const movable = item.findings.filter((f) => f.state !== input.to && f.presence === 'present');
    if (movable.length === 0) throw new UsageError(`No finding of work item ${item.id} can move to ${input.to}`);
    findings = [];
    for (const f of movable) findings.push(await store.transitionFinding(f.id, change));
    projectId = item.projectId;
  } else {
    const finding = await store.transitionFinding(id, change);
    findings = [finding];
    projectId = finding.projectId;
  }
  await prioritise(store, { projectId, now: input.now, ...(input.sla ? { sla: input.sla } : {}) });
  const itemId = item?.id ?? (await store.getFinding(findings[0]?.id ?? id)).workItemId;
  return { findings, ...(itemId ? { workItem: await store.getWorkItem(itemId) } : {}) };
}

/** The work item with this id or prefix, or `undefined` when the id is not a work item's. */
async function findWorkItem(store: Store, id: string): Promise<WorkItemDetail | undefined> {
  try {
    return await store.getWorkItem(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
