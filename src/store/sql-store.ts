import { randomUUID } from 'node:crypto';

import {
  AmbiguousIdError,
  type AdvisoryData,
  AppError,
  InvalidTransitionError,
  isSeverity,
  NotFoundError,
  StoreError,
  UsageError,
} from '../core/index.js';
import {
  advisoryDataStatus,
  importAdvisoryData,
  listAdvisoryImports,
  loadAdvisories,
  loadThreatIntel,
  type AdvisoryDataStatus,
  type AdvisoryImport,
  type AdvisoryImportInput,
  type ThreatIntelData,
} from './advisory-store.js';
import {
  listModelCalls,
  listTriageVerdicts,
  recordModelCall,
  saveTriageVerdict,
  summarizeModelUsage,
  type ModelCall,
  type ModelCallFilter,
  type ModelCallInput,
  type ModelUsageSummary,
  type TriageVerdict,
  type TriageVerdictInput,
} from './ai-usage.js';
import { planScan, SCAN_ACTOR, writeScanPlan, type KnownFinding } from './complete-scan.js';
import { listProofs, recordProof, type ProofRecord, type ProofRecordInput, type RecordProofResult } from './proofs.js';
import { canTransition, isFindingState } from './lifecycle.js';
import {
  FINDING_COLUMNS,
  toFindingEvent,
  toFindingRecord,
  toJsonParam,
  toProject,
  toScan,
  type FindingEventRow,
  type FindingRow,
  type ProjectRow,
  type ScanRow,
} from './rows.js';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';
import type {
  BeginScanInput,
  CompleteScanInput,
  CompleteScanResult,
  EnsureProjectInput,
  FindingDetail,
  FindingFilter,
  FindingRecord,
  LatestScanOptions,
  Project,
  ReopenedAcceptances,
  SaveWorkItemsResult,
  Scan,
  Store,
  TransitionInput,
  WorkItem,
  WorkItemDetail,
  WorkItemFilter,
  WorkItemInput,
  WorkItemMetrics,
} from './types.js';
import { listWorkItems, readWorkItem, reopenExpiredAcceptances, saveWorkItems, workItemMetrics } from './work-items.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_PREFIX = /^[0-9a-f][0-9a-f-]*$/i;
/** Shortest finding id prefix accepted from users. */
const MIN_PREFIX = 8;
const DEFAULT_LIMIT = 1000;
const SEVERITY_ORDER = `array_position(array['info', 'low', 'medium', 'high', 'critical'], f.severity)`;

/**
 * The risk-acceptance fields of a transition: only valid with `risk-accepted`. The store records them when
 * given; the triage stage is the one that requires an approver, a reason and an expiry.
 */
function checkAcceptance(input: TransitionInput): { approver?: string; expiresAt?: string } | undefined {
  if (input.approver === undefined && input.expiresAt === undefined) return undefined;
  if (input.to !== 'risk-accepted') throw new UsageError('An approver and an expiry only apply to a risk acceptance');
  if (input.approver?.trim() === '') throw new UsageError('The approver of a risk acceptance cannot be empty');
  return {
    ...(input.approver === undefined ? {} : { approver: input.approver }),
    ...(input.expiresAt === undefined ? {} : { expiresAt: checkTime(input.expiresAt, 'expiresAt') }),
  };
}

/** An ISO 8601 time, normalised; `UsageError` when it does not parse. */
function checkTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`${name} must be an ISO 8601 date or time, not "${value}"`);
  return time.toISOString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The store over any {@link SqlDriver}: the same SQL runs on PGlite and PostgreSQL. */
export class SqlStore implements Store {
  readonly engine: 'pglite' | 'postgres';
  private closing: Promise<void> | undefined;

  constructor(private readonly db: SqlDriver) {
    this.engine = db.engine;
  }

  async ensureProject(input: EnsureProjectInput): Promise<Project> {
    if (input.name.trim() === '') throw new UsageError('A project needs a non-empty name');
    const rows = await this.db.query<ProjectRow>(
      `insert into projects (id, name, root_path, attributes) values ($1, $2, $3, $4::jsonb)
       on conflict (name) do update set
         root_path = excluded.root_path,
         attributes = projects.attributes || excluded.attributes,
         updated_at = case
           when projects.root_path is distinct from excluded.root_path
             or projects.attributes is distinct from projects.attributes || excluded.attributes then now()
           else projects.updated_at end
       returning *`,
      [randomUUID(), input.name, input.rootPath, toJsonParam(input.attributes ?? {})],
    );
    return toProject(this.single(rows, `Project ${input.name}`));
  }

  async getProject(idOrName: string): Promise<Project> {
    const rows = UUID.test(idOrName)
      ? await this.db.query<ProjectRow>('select * from projects where id = $1 or name = $2', [idOrName, idOrName])
      : await this.db.query<ProjectRow>('select * from projects where name = $1', [idOrName]);
    const row = rows.find((r) => r.id === idOrName.toLowerCase()) ?? rows[0];
    if (!row) throw new NotFoundError(`No project with id or name "${idOrName}"`);
    return toProject(row);
  }

  async listProjects(): Promise<Project[]> {
    return (await this.db.query<ProjectRow>('select * from projects order by name')).map(toProject);
  }

  async beginScan(input: BeginScanInput): Promise<Scan> {
    this.checkUuid(input.projectId, 'project');
    const project = await this.db.query<{ id: string }>('select id from projects where id = $1', [input.projectId]);
    if (project.length === 0) throw new NotFoundError(`No project with id ${input.projectId}`);
    const rows = await this.db.query<ScanRow>(
      `insert into scans (id, project_id, status, tool_version, config_hash, threat_model, tool)
       values ($1, $2, 'running', $3, $4, $5, $6) returning *`,
      [randomUUID(), input.projectId, input.toolVersion, input.configHash, input.threatModel, input.tool ?? SCAN_ACTOR],
    );
    return toScan(this.single(rows, 'Scan'));
  }

  async completeScan(scanId: string, input: CompleteScanInput): Promise<CompleteScanResult> {
    this.checkUuid(scanId, 'scan');
    try {
      return await this.db.transaction((tx) => this.storeResults(tx, scanId, input));
    } catch (error) {
      if (error instanceof AppError) throw error;
      let marked = 'it is marked failed';
      try {
        await this.failScan(scanId, `storing results failed: ${describe(error)}`);
      } catch (failError) {
        marked = `marking it failed also failed: ${describe(failError)}`;
      }
      throw new StoreError(`Could not store the results of scan ${scanId} (${describe(error)}); ${marked}`, {
        cause: error,
      });
    }
  }

  private async storeResults(tx: SqlExecutor, scanId: string, input: CompleteScanInput): Promise<CompleteScanResult> {
    const scan = await this.lockRunningScan(tx, scanId, 'completed');
    // Serialise completions of the same project, so two scans never plan against the same baseline.
    await tx.query('select id from projects where id = $1 for update', [scan.project_id]);
    // Each tool is compared with its own earlier results: an import never marks Yagura's findings absent.
    const known = await tx.query<KnownFinding>(
      'select id, fingerprint, presence, state from findings where project_id = $1 and tool = $2',
      [scan.project_id, scan.tool],
    );
    const plan = planScan(scanId, known, input.findings);
    await writeScanPlan(tx, scan.project_id, scanId, plan, scan.tool);
    const rows = await tx.query<ScanRow>(
      `update scans set status = 'completed', finished_at = now(), counts = $2::jsonb, diagnostics = $3::jsonb,
         stats = $4::jsonb, threat_model = coalesce($5, threat_model)
       where id = $1 returning *`,
      [
        scanId,
        toJsonParam(plan.counts),
        toJsonParam(input.diagnostics ?? []),
        toJsonParam(input.stats ?? {}),
        input.threatModel ?? null,
      ],
    );
    return { scan: toScan(this.single(rows, `Scan ${scanId}`)), counts: plan.counts };
  }

  private async lockRunningScan(tx: SqlExecutor, scanId: string, to: string): Promise<ScanRow> {
    const rows = await tx.query<ScanRow>('select * from scans where id = $1 for update', [scanId]);
    const scan = rows[0];
    if (!scan) throw new NotFoundError(`No scan with id ${scanId}`);
    if (scan.status !== 'running') throw new InvalidTransitionError(`Scan ${scanId}`, scan.status, to);
    return scan;
  }

  async failScan(scanId: string, error: unknown): Promise<Scan> {
    this.checkUuid(scanId, 'scan');
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<ScanRow>('select * from scans where id = $1 for update', [scanId]);
      const scan = rows[0];
      if (!scan) throw new NotFoundError(`No scan with id ${scanId}`);
      if (scan.status === 'failed') return toScan(scan);
      if (scan.status !== 'running') throw new InvalidTransitionError(`Scan ${scanId}`, scan.status, 'failed');
      const updated = await tx.query<ScanRow>(
        `update scans set status = 'failed', finished_at = now(), error = $2 where id = $1 returning *`,
        [scanId, describe(error).replaceAll('\u0000', '\uFFFD')],
      );
      return toScan(this.single(updated, `Scan ${scanId}`));
    });
  }

  async listFindings(filter: FindingFilter = {}): Promise<FindingRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    let from = 'findings f';
    let baseline = 'null';
    if (filter.scanId !== undefined) {
      this.checkUuid(filter.scanId, 'scan');
      from = `findings f join scan_findings sf on sf.finding_id = f.id and sf.scan_id = ${param(filter.scanId)}`;
      baseline = 'sf.baseline_state';
    }
    if (filter.projectId !== undefined) {
      this.checkUuid(filter.projectId, 'project');
      where.push(`f.project_id = ${param(filter.projectId)}`);
    }
    if (filter.states) {
      // Callers from the edges pass raw strings; a typo must not silently match nothing.
      const bad = (filter.states as readonly unknown[]).find((s) => !isFindingState(s));
      if (bad !== undefined) throw new UsageError(`Unknown finding state ${JSON.stringify(bad)}`);
      where.push(`f.state = any(${param(filter.states)}::text[])`);
    }
    if (filter.severities) {
      const bad = (filter.severities as readonly unknown[]).find((s) => !isSeverity(s));
      if (bad !== undefined) throw new UsageError(`Unknown severity ${JSON.stringify(bad)}`);
      where.push(`f.severity = any(${param(filter.severities)}::text[])`);
    }
    if (filter.ruleId !== undefined) where.push(`f.rule_id = ${param(filter.ruleId)}`);
    if (filter.presence !== undefined) where.push(`f.presence = ${param(filter.presence)}`);
    const limit = this.checkCount(filter.limit ?? DEFAULT_LIMIT, 'limit');
    const offset = this.checkCount(filter.offset ?? 0, 'offset');
    const rows = await this.db.query<FindingRow>(
      `select ${FINDING_COLUMNS}, ${baseline} as baseline_state from ${from}
       ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by ${SEVERITY_ORDER} desc, f.file, f.start_line, f.start_column, f.id
       limit ${param(limit)} offset ${param(offset)}`,
      params,
    );
    return rows.map(toFindingRecord);
  }

  async getFinding(idOrPrefix: string): Promise<FindingDetail> {
    const id = await this.resolveFindingId(this.db, idOrPrefix);
    return this.readFinding(this.db, id);
  }

  async transitionFinding(idOrPrefix: string, input: TransitionInput): Promise<FindingDetail> {
    if (!isFindingState(input.to)) throw new UsageError(`Unknown finding state "${String(input.to)}"`);
    if (input.actor.trim() === '') throw new UsageError('A state change needs an actor');
    const acceptance = checkAcceptance(input);
    return this.db.transaction(async (tx) => {
      const id = await this.resolveFindingId(tx, idOrPrefix);
      const rows = await tx.query<FindingRow>('select state from findings where id = $1 for update', [id]);
      const current = rows[0];
      if (!current) throw new NotFoundError(`No finding with id "${idOrPrefix}"`);
      const from = current.state;
      if (!canTransition(from, input.to)) throw new InvalidTransitionError(`Finding ${id}`, from, input.to);
      await tx.query('update findings set state = $2, accepted_until = $3, accepted_by = $4 where id = $1', [
        id,
        input.to,
        acceptance?.expiresAt ?? null,
        acceptance?.approver ?? null,
      ]);
      await tx.query(
        `insert into finding_events (id, finding_id, actor, kind, from_state, to_state, reason, data)
         values ($1, $2, $3, 'state-changed', $4, $5, $6, $7::jsonb)`,
        [randomUUID(), id, input.actor, from, input.to, input.reason ?? null, toJsonParam(acceptance ?? {})],
      );
      return this.readFinding(tx, id);
    });
  }

  async saveWorkItems(projectId: string, items: readonly WorkItemInput[], now: string): Promise<SaveWorkItemsResult> {
    this.checkUuid(projectId, 'project');
    return this.db.transaction((tx) => saveWorkItems(tx, projectId, items, checkTime(now, 'now')));
  }

  async listWorkItems(filter: WorkItemFilter = {}): Promise<WorkItem[]> {
    for (const id of filter.projectIds ?? []) this.checkUuid(id, 'project');
    return listWorkItems(this.db, filter);
  }

  async getWorkItem(idOrPrefix: string): Promise<WorkItemDetail> {
    const id = await this.resolveId(this.db, 'work_items', 'work item', idOrPrefix);
    const item = await readWorkItem(this.db, id);
    const findings = await this.db.query<FindingRow>(
      `select ${FINDING_COLUMNS} from findings f join work_item_findings l on l.finding_id = f.id where l.work_item_id = $1
       order by ${SEVERITY_ORDER} desc, f.tool, f.file, f.start_line, f.id`,
      [id],
    );
    return { ...item, findings: findings.map(toFindingRecord) };
  }

  async workItemMetrics(filter: { readonly projectIds?: readonly string[] }, now: string): Promise<WorkItemMetrics> {
    for (const id of filter.projectIds ?? []) this.checkUuid(id, 'project');
    return workItemMetrics(this.db, filter.projectIds, checkTime(now, 'now'));
  }

  async reopenExpiredAcceptances(now: string, actor = SCAN_ACTOR): Promise<ReopenedAcceptances> {
    return this.db.transaction((tx) => reopenExpiredAcceptances(tx, checkTime(now, 'now'), actor));
  }

  recordProof(input: ProofRecordInput): Promise<RecordProofResult> {
    return this.db.transaction((tx) => recordProof(tx, input));
  }

  listProofs(findingIds: readonly string[]): Promise<ProofRecord[]> {
    return listProofs(this.db, findingIds);
  }

  recordModelCall(input: ModelCallInput): Promise<ModelCall> {
    return recordModelCall(this.db, input);
  }

  listModelCalls(filter?: ModelCallFilter): Promise<ModelCall[]> {
    return listModelCalls(this.db, filter);
  }

  summarizeModelUsage(filter?: ModelCallFilter): Promise<ModelUsageSummary> {
    return summarizeModelUsage(this.db, filter);
  }

  saveTriageVerdict(input: TriageVerdictInput): Promise<TriageVerdict> {
    return saveTriageVerdict(this.db, input);
  }

  listTriageVerdicts(findingId: string): Promise<TriageVerdict[]> {
    return listTriageVerdicts(this.db, findingId);
  }

  importAdvisoryData(input: AdvisoryImportInput): Promise<AdvisoryImport> {
    return this.db.transaction((tx) => importAdvisoryData(tx, input));
  }

  listAdvisoryImports(limit?: number): Promise<AdvisoryImport[]> {
    return listAdvisoryImports(this.db, limit);
  }

  advisoryDataStatus(): Promise<AdvisoryDataStatus> {
    return advisoryDataStatus(this.db);
  }

  loadAdvisories(packageNames: readonly string[], ecosystem = 'npm'): Promise<AdvisoryData[]> {
    return loadAdvisories(this.db, packageNames, ecosystem);
  }

  loadThreatIntel(cveIds: readonly string[]): Promise<ThreatIntelData> {
    return loadThreatIntel(this.db, cveIds);
  }

  async listScans(projectId?: string): Promise<Scan[]> {
    if (projectId === undefined) {
      return (await this.db.query<ScanRow>('select * from scans order by started_at desc, id')).map(toScan);
    }
    this.checkUuid(projectId, 'project');
    const rows = await this.db.query<ScanRow>(
      'select * from scans where project_id = $1 order by started_at desc, id',
      [projectId],
    );
    return rows.map(toScan);
  }

  async getScan(id: string): Promise<Scan> {
    this.checkUuid(id, 'scan');
    const row = (await this.db.query<ScanRow>('select * from scans where id = $1', [id]))[0];
    if (!row) throw new NotFoundError(`No scan with id ${id}`);
    return toScan(row);
  }

  async latestScan(projectId: string, options: LatestScanOptions = {}): Promise<Scan | undefined> {
    this.checkUuid(projectId, 'project');
    const rows = await this.db.query<ScanRow>(
      'select * from scans where project_id = $1 and status = $2 order by started_at desc, id limit 1',
      [projectId, options.status ?? 'completed'],
    );
    return rows[0] ? toScan(rows[0]) : undefined;
  }

  close(): Promise<void> {
    // Closing twice (a finally block after an error handler) must not throw from the pool.
    this.closing ??= this.db.close();
    return this.closing;
  }

  private resolveFindingId(db: SqlExecutor, idOrPrefix: string): Promise<string> {
    return this.resolveId(db, 'findings', 'finding', idOrPrefix);
  }

  private async resolveId(db: SqlExecutor, table: 'findings' | 'work_items', what: string, idOrPrefix: string): Promise<string> {
    const wanted = idOrPrefix.trim().toLowerCase();
    if (UUID.test(wanted)) return wanted;
    if (!ID_PREFIX.test(wanted)) throw new NotFoundError(`No ${what} with id "${idOrPrefix}"`);
    if (wanted.length < MIN_PREFIX) {
      const noun = what.charAt(0).toUpperCase() + what.slice(1);
      throw new UsageError(`${noun} id prefix "${idOrPrefix}" is too short; give at least ${MIN_PREFIX} characters`);
    }
    // The prefix is hex and dashes only, so it has no LIKE wildcards.
    const rows = await db.query<{ id: string }>(
      `select id from ${table} where id::text like $1 order by id limit 5`,
      [`${wanted}%`],
    );
    const first = rows[0];
    if (!first) throw new NotFoundError(`No ${what} with id "${idOrPrefix}"`);
    if (rows.length > 1) throw new AmbiguousIdError(idOrPrefix, rows.map((r) => r.id));
    return first.id;
  }

  private async readFinding(db: SqlExecutor, id: string): Promise<FindingDetail> {
    const rows = await db.query<FindingRow>(`select ${FINDING_COLUMNS} from findings f where f.id = $1`, [id]);
    const row = rows[0];
    if (!row) throw new NotFoundError(`No finding with id "${id}"`);
    const events = await db.query<FindingEventRow>(
      `select id, finding_id, scan_id, at, actor, kind, from_state, to_state, reason, data
       from finding_events where finding_id = $1 order by seq`,
      [id],
    );
    return { ...toFindingRecord(row), events: events.map(toFindingEvent) };
  }

  /** Ids are UUIDs; anything else cannot match and would make PostgreSQL fail the cast. */
  private checkUuid(id: string, what: string): void {
    if (!UUID.test(id)) throw new NotFoundError(`No ${what} with id "${id}"`);
  }

  private checkCount(value: number, name: string): number {
    if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`${name} must be a non-negative integer`);
    return value;
  }

  private single<R>(rows: readonly R[], what: string): R {
    const row = rows[0];
    if (!row) throw new StoreError(`${what}: the database returned no row`);
    return row;
  }
}
