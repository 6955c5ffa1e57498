import { randomUUID } from 'node:crypto';

import { NotFoundError, UsageError } from '../core/index.js';
import type { SqlExecutor } from './sql-driver.js';

/** Why a model was called. */
export type ModelCallPurpose = 'hunt' | 'triage' | 'verify' | 'patch' | 'threat-model';

/** Every {@link ModelCallPurpose}. */
export const MODEL_CALL_PURPOSES: readonly ModelCallPurpose[] = ['hunt', 'triage', 'verify', 'patch', 'threat-model'];

/** One model call as the AI layer records it. Never carries an API key. */
export interface ModelCallInput {
  /** ISO 8601 time the call started. */
  readonly at: string;
  /** Who ran it (the CLI user or service). */
  readonly actor: string;
  readonly projectId?: string;
  readonly scanId?: string;
  /** The stored finding the call served. */
  readonly findingId?: string;
  /** Fingerprint of the (candidate) finding the call served, when it is not stored yet. */
  readonly findingFingerprint?: string;
  readonly purpose: ModelCallPurpose;
  readonly provider: 'anthropic' | 'openai';
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  /** HTTP attempts, retries included. */
  readonly attempts: number;
  readonly status: 'ok' | 'error';
  readonly error?: string;
  /** SHA-256 (hex) of the canonical prompt and of the response. */
  readonly promptSha256: string;
  readonly responseSha256?: string;
  /** Full text, only when recording it is enabled. */
  readonly promptText?: string;
  readonly responseText?: string;
}

/** A recorded model call. */
export interface ModelCall extends ModelCallInput {
  readonly id: string;
}

/** Filter of {@link Store.listModelCalls}; criteria combine with AND. */
export interface ModelCallFilter {
  readonly projectId?: string;
  readonly scanId?: string;
  readonly purpose?: ModelCallPurpose;
  /** Only calls at or after this ISO 8601 time. */
  readonly since?: string;
  /** Default 1000. */
  readonly limit?: number;
}

/** Spend of one group of calls. */
export interface ModelUsageTotals {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** Spend by project, purpose and model, and in total. */
export interface ModelUsageSummary {
  readonly total: ModelUsageTotals;
  readonly byProject: readonly (ModelUsageTotals & { readonly projectId: string | null; readonly projectName: string | null })[];
  readonly byPurpose: readonly (ModelUsageTotals & { readonly purpose: ModelCallPurpose })[];
  readonly byModel: readonly (ModelUsageTotals & { readonly provider: string; readonly model: string })[];
}

/** A model's true/false-positive verdict on a finding, kept beside it. */
export interface TriageVerdictInput {
  readonly findingId: string;
  readonly at: string;
  readonly verdict: 'true-positive' | 'false-positive' | 'uncertain';
  /** 0 to 1. */
  readonly confidence: number;
  readonly reasoning: string;
  readonly model: string;
  readonly callId?: string;
}

/** A stored triage verdict. */
export interface TriageVerdict extends TriageVerdictInput {
  readonly id: string;
}

interface ModelCallRow {
  id: string;
  at: Date | string;
  actor: string;
  project_id: string | null;
  scan_id: string | null;
  finding_id: string | null;
  finding_fingerprint: string | null;
  purpose: ModelCallPurpose;
  provider: 'anthropic' | 'openai';
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: string | number;
  latency_ms: number;
  attempts: number;
  status: 'ok' | 'error';
  error: string | null;
  prompt_sha256: string;
  response_sha256: string | null;
  prompt_text: string | null;
  response_text: string | null;
}

interface TotalsRow {
  calls: string | number;
  input_tokens: string | number | null;
  output_tokens: string | number | null;
  cost_usd: string | number | null;
}

interface VerdictRow {
  id: string;
  finding_id: string;
  at: Date | string;
  verdict: TriageVerdict['verdict'];
  confidence: number | string;
  reasoning: string;
  model: string;
  call_id: string | null;
}

const SHA256 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERDICTS = new Set(['true-positive', 'false-positive', 'uncertain']);

const toIso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

function checkTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`${name} must be an ISO 8601 time, not "${value}"`);
  return time.toISOString();
}

function checkCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`${name} must be a non-negative integer`);
}

function checkUuid(value: string | undefined, name: string): void {
  if (value !== undefined && !UUID.test(value)) throw new UsageError(`${name} must be a UUID, not "${value}"`);
}

function checkCall(input: ModelCallInput): void {
  if (input.actor.trim() === '') throw new UsageError('A model call needs an actor');
  if (!MODEL_CALL_PURPOSES.includes(input.purpose)) throw new UsageError(`Unknown model call purpose "${input.purpose}"`);
  if (input.model.trim() === '') throw new UsageError('A model call needs a model name');
  checkCount(input.inputTokens, 'inputTokens');
  checkCount(input.outputTokens, 'outputTokens');
  checkCount(input.latencyMs, 'latencyMs');
  if (!Number.isSafeInteger(input.attempts) || input.attempts < 1) throw new UsageError('attempts must be at least 1');
  if (!Number.isFinite(input.costUsd) || input.costUsd < 0) throw new UsageError('costUsd must be a non-negative number');
  if (!SHA256.test(input.promptSha256)) throw new UsageError('promptSha256 must be 64 lower-case hex digits');
  if (input.responseSha256 !== undefined && !SHA256.test(input.responseSha256)) {
    throw new UsageError('responseSha256 must be 64 lower-case hex digits');
  }
  checkUuid(input.projectId, 'projectId');
  checkUuid(input.scanId, 'scanId');
  checkUuid(input.findingId, 'findingId');
}

function toModelCall(row: ModelCallRow): ModelCall {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: row.actor,
    ...(row.project_id === null ? {} : { projectId: row.project_id }),
    ...(row.scan_id === null ? {} : { scanId: row.scan_id }),
    ...(row.finding_id === null ? {} : { findingId: row.finding_id }),
    ...(row.finding_fingerprint === null ? {} : { findingFingerprint: row.finding_fingerprint }),
    purpose: row.purpose,
    provider: row.provider,
    model: row.model,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: Number(row.cost_usd),
    latencyMs: row.latency_ms,
    attempts: row.attempts,
    status: row.status,
    ...(row.error === null ? {} : { error: row.error }),
    promptSha256: row.prompt_sha256,
    ...(row.response_sha256 === null ? {} : { responseSha256: row.response_sha256 }),
    ...(row.prompt_text === null ? {} : { promptText: row.prompt_text }),
    ...(row.response_text === null ? {} : { responseText: row.response_text }),
  };
}

function toTotals(row: TotalsRow | undefined): ModelUsageTotals {
  return {
    calls: Number(row?.calls ?? 0),
    inputTokens: Number(row?.input_tokens ?? 0),
    outputTokens: Number(row?.output_tokens ?? 0),
    // numeric(16, 8) sums come back as exact decimal strings; 8 places are kept.
    costUsd: Math.round(Number(row?.cost_usd ?? 0) * 1e8) / 1e8,
  };
}

/** See {@link Store.recordModelCall}. */
export async function recordModelCall(db: SqlExecutor, input: ModelCallInput): Promise<ModelCall> {
  checkCall(input);
  const rows = await db.query<ModelCallRow>(
    `insert into ai_model_calls (id, at, actor, project_id, scan_id, finding_id, finding_fingerprint, purpose, provider, model,
       input_tokens, output_tokens, cost_usd, latency_ms, attempts, status, error, prompt_sha256, response_sha256,
       prompt_text, response_text)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     returning *`,
    [
      randomUUID(),
      checkTime(input.at, 'at'),
      input.actor,
      input.projectId ?? null,
      input.scanId ?? null,
      input.findingId ?? null,
      input.findingFingerprint ?? null,
      input.purpose,
      input.provider,
      input.model,
      input.inputTokens,
      input.outputTokens,
      input.costUsd.toFixed(8),
      input.latencyMs,
      input.attempts,
      input.status,
      input.error ?? null,
      input.promptSha256,
      input.responseSha256 ?? null,
      input.promptText ?? null,
      input.responseText ?? null,
    ],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('The model call was not recorded');
  return toModelCall(row);
}

function whereOf(filter: ModelCallFilter, alias: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: unknown, op = '='): void => {
    params.push(value);
    clauses.push(`${alias}.${column} ${op} $${params.length}`);
  };
  if (filter.projectId !== undefined) {
    checkUuid(filter.projectId, 'projectId');
    add('project_id', filter.projectId);
  }
  if (filter.scanId !== undefined) {
    checkUuid(filter.scanId, 'scanId');
    add('scan_id', filter.scanId);
  }
  if (filter.purpose !== undefined) add('purpose', filter.purpose);
  if (filter.since !== undefined) add('at', checkTime(filter.since, 'since'), '>=');
  return { sql: clauses.length > 0 ? `where ${clauses.join(' and ')}` : '', params };
}

/** See {@link Store.listModelCalls}. */
export async function listModelCalls(db: SqlExecutor, filter: ModelCallFilter = {}): Promise<ModelCall[]> {
  const limit = filter.limit ?? 1000;
  checkCount(limit, 'limit');
  const where = whereOf(filter, 'c');
  const rows = await db.query<ModelCallRow>(
    `select c.* from ai_model_calls c ${where.sql} order by c.at, c.id limit ${String(limit)}`,
    where.params,
  );
  return rows.map(toModelCall);
}

const TOTALS = `count(*) as calls, sum(c.input_tokens) as input_tokens, sum(c.output_tokens) as output_tokens,
  sum(c.cost_usd) as cost_usd`;

/** See {@link Store.summarizeModelUsage}. */
export async function summarizeModelUsage(db: SqlExecutor, filter: ModelCallFilter = {}): Promise<ModelUsageSummary> {
  const where = whereOf(filter, 'c');
  const total = await db.query<TotalsRow>(`select ${TOTALS} from ai_model_calls c ${where.sql}`, where.params);
  const byProject = await db.query<TotalsRow & { project_id: string | null; project_name: string | null }>(
    `select c.project_id, p.name as project_name, ${TOTALS}
     from ai_model_calls c left join projects p on p.id = c.project_id ${where.sql}
     group by c.project_id, p.name order by sum(c.cost_usd) desc, p.name`,
    where.params,
  );
  const byPurpose = await db.query<TotalsRow & { purpose: ModelCallPurpose }>(
    `select c.purpose, ${TOTALS} from ai_model_calls c ${where.sql} group by c.purpose order by sum(c.cost_usd) desc, c.purpose`,
    where.params,
  );
  const byModel = await db.query<TotalsRow & { provider: string; model: string }>(
    `select c.provider, c.model, ${TOTALS} from ai_model_calls c ${where.sql}
     group by c.provider, c.model order by sum(c.cost_usd) desc, c.model`,
    where.params,
  );
  return {
    total: toTotals(total[0]),
    byProject: byProject.map((r) => ({ projectId: r.project_id, projectName: r.project_name, ...toTotals(r) })),
    byPurpose: byPurpose.map((r) => ({ purpose: r.purpose, ...toTotals(r) })),
    byModel: byModel.map((r) => ({ provider: r.provider, model: r.model, ...toTotals(r) })),
  };
}

function toVerdict(row: VerdictRow): TriageVerdict {
  return {
    id: row.id,
    findingId: row.finding_id,
    at: toIso(row.at),
    verdict: row.verdict,
    confidence: Number(row.confidence),
    reasoning: row.reasoning,
    model: row.model,
    ...(row.call_id === null ? {} : { callId: row.call_id }),
  };
}

/** See {@link Store.saveTriageVerdict}. */
export async function saveTriageVerdict(db: SqlExecutor, input: TriageVerdictInput): Promise<TriageVerdict> {
  checkUuid(input.findingId, 'findingId');
  checkUuid(input.callId, 'callId');
  if (!VERDICTS.has(input.verdict)) throw new UsageError(`Unknown triage verdict "${input.verdict}"`);
  if (!Number.isFinite(input.confidence) || input.confidence < 0 || input.confidence > 1) {
    throw new UsageError('A triage confidence lies between 0 and 1');
  }
  const found = await db.query<{ id: string }>('select id from findings where id = $1', [input.findingId]);
  if (found.length === 0) throw new NotFoundError(`No finding with id "${input.findingId}"`);
  const rows = await db.query<VerdictRow>(
    `insert into ai_triage_verdicts (id, finding_id, at, verdict, confidence, reasoning, model, call_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [randomUUID(), input.findingId, checkTime(input.at, 'at'), input.verdict, input.confidence, input.reasoning, input.model, input.callId ?? null],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('The triage verdict was not recorded');
  return toVerdict(row);
}

/** See {@link Store.listTriageVerdicts}. */
export async function listTriageVerdicts(db: SqlExecutor, findingId: string): Promise<TriageVerdict[]> {
  checkUuid(findingId, 'findingId');
  const rows = await db.query<VerdictRow>('select * from ai_triage_verdicts where finding_id = $1 order by at, id', [findingId]);
  return rows.map(toVerdict);
}
