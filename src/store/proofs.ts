import { randomUUID } from 'node:crypto';

import { NotFoundError, UsageError } from '../core/index.js';
import type { SqlExecutor } from './sql-driver.js';

/** How a proof attempt ended (the proof stage's `ProofStatus`). Only `proven` changes the finding's state. */
export type ProofRecordStatus = 'proven' | 'not-reproduced' | 'unsupported' | 'failed';

/** Every {@link ProofRecordStatus}. */
export const PROOF_STATUSES: readonly ProofRecordStatus[] = ['proven', 'not-reproduced', 'unsupported', 'failed'];

/** One proof attempt of a stored finding, as the proof stage reports it. */
export interface ProofRecordInput {
  /** The stored finding (a UUID). */
  readonly findingId: string;
  /** ISO 8601 time the attempt finished. */
  readonly at: string;
  /** Who ran it (the CLI user, `scan --prove`, the AI verifier). */
  readonly actor: string;
  readonly status: ProofRecordStatus;
  /** The witness class (`command-injection`, ...), when one applied. */
  readonly witnessClass?: string;
  /** The full evidence (witness script, payload, oracle, runs, sandbox settings, tools), JSON only. */
  readonly evidence: Readonly<Record<string, unknown>>;
}

/** A stored proof attempt. */
export interface ProofRecord extends ProofRecordInput {
  readonly id: string;
}

/** What {@link Store.recordProof} did. */
export interface RecordProofResult {
  readonly proof: ProofRecord;
  /** Whether the finding moved from `open` to `proven` (with a `state-changed` event). */
  readonly transitioned: boolean;
}

interface ProofRow {
  id: string;
  finding_id: string;
  at: Date | string;
  actor: string;
  status: ProofRecordStatus;
  witness_class: string | null;
  evidence: Record<string, unknown> | string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toIso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

function checkInput(input: ProofRecordInput): string {
  if (!UUID.test(input.findingId)) throw new NotFoundError(`No finding with id "${input.findingId}"`);
  if (input.actor.trim() === '') throw new UsageError('A proof record needs an actor');
  if (!PROOF_STATUSES.includes(input.status)) throw new UsageError(`Unknown proof status "${input.status}"`);
  const at = new Date(input.at);
  if (Number.isNaN(at.getTime())) throw new UsageError(`at must be an ISO 8601 time, not "${input.at}"`);
  if (typeof input.evidence !== 'object' || Array.isArray(input.evidence)) throw new UsageError('Proof evidence must be a JSON object');
  return at.toISOString();
}

function toProof(row: ProofRow): ProofRecord {
  return {
    id: row.id,
    findingId: row.finding_id,
    at: toIso(row.at),
    actor: row.actor,
    status: row.status,
    ...(row.witness_class === null ? {} : { witnessClass: row.witness_class }),
    evidence: typeof row.evidence === 'string' ? (JSON.parse(row.evidence) as Record<string, unknown>) : row.evidence,
  };
}

/**
 * See {@link Store.recordProof}. Run inside a transaction: the evidence row, and for a verified proof of an
 * `open` finding the move to `proven` with its event, are written together.
 */
export async function recordProof(tx: SqlExecutor, input: ProofRecordInput): Promise<RecordProofResult> {
  const at = checkInput(input);
  const found = await tx.query<{ state: string }>('select state from findings where id = $1 for update', [input.findingId]);
  const current = found[0];
  if (!current) throw new NotFoundError(`No finding with id "${input.findingId}"`);
  const rows = await tx.query<ProofRow>(
    `insert into finding_proofs (id, finding_id, at, actor, status, witness_class, evidence)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb) returning *`,
    [randomUUID(), input.findingId, at, input.actor, input.status, input.witnessClass ?? null, JSON.stringify(input.evidence)],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('The proof was not recorded');
  // Only an open finding becomes proven: a triage decision or a proposed fix is never overwritten by a proof.
  const transitioned = input.status === 'proven' && current.state === 'open';
  if (transitioned) {
    await tx.query("update findings set state = 'proven' where id = $1", [input.findingId]);
    await tx.query(
      `insert into finding_events (id, finding_id, at, actor, kind, from_state, to_state, reason, data)
       values ($1, $2, $3, $4, 'state-changed', 'open', 'proven', $5, $6::jsonb)`,
      [randomUUID(), input.findingId, at, input.actor, 'an executable witness reproduced it in the sandbox', JSON.stringify({ proofId: row.id })],
    );
  }
  return { proof: toProof(row), transitioned };
}

/** See {@link Store.listProofs}. */
export async function listProofs(db: SqlExecutor, findingIds: readonly string[]): Promise<ProofRecord[]> {
  const ids = findingIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  const rows = await db.query<ProofRow>(
    'select * from finding_proofs where finding_id = any($1::uuid[]) order by at, id',
    [ids],
  );
  return rows.map(toProof);
}
