import { describe, expect, it } from 'vitest';

import { NotFoundError, UsageError, type Finding } from '../core/index.js';
import type { Project, ProofRecordInput, Store } from './index.js';

/** What the proof evidence contract needs from the enclosing store contract. */
export interface ProofContractContext {
  readonly store: () => Store;
  readonly newProject: () => Promise<Project>;
  readonly scan: (project: Project, findings: readonly Finding[]) => Promise<unknown>;
  readonly makeFinding: (key: string, overrides?: Partial<Finding>) => Finding;
}

const evidence = {
  version: 1,
  status: 'proven',
  witness: { fileName: '.yagura-witness.cjs', script: "require('.')", payload: 'GET /x?q=$(touch m)', oracle: 'marker file' },
  verification: { required: 2, reproductions: 3, runs: [{ reproduced: true, nonce: 'ab12' }] },
};

/** Proof attempts kept with findings; called inside `describeStoreContract`. */
export function describeProofContract(ctx: ProofContractContext): void {
  describe('proof evidence', () => {
    const storedFinding = async (key: string) => {
      const project = await ctx.newProject();
      await ctx.scan(project, [ctx.makeFinding(key)]);
      const [finding] = await ctx.store().listFindings({ projectId: project.id });
      if (!finding) throw new Error('the scan stored no finding');
      return finding;
    };
    const attempt = (findingId: string, overrides: Partial<ProofRecordInput> = {}): ProofRecordInput => ({
      findingId,
      at: '2026-05-01T10:00:00.000Z',
      actor: 'alice',
      status: 'proven',
      witnessClass: 'sql-injection',
      evidence,
      ...overrides,
    });

    it('stores a verified proof with the finding and moves it from open to proven with an event', async () => {
      const finding = await storedFinding('proven');
      const { proof, transitioned } = await ctx.store().recordProof(attempt(finding.id));
      expect(transitioned).toBe(true);
      expect(proof).toEqual({ ...attempt(finding.id), id: proof.id });
      const detail = await ctx.store().getFinding(finding.id);
      expect(detail.state).toBe('proven');
      expect(detail.events.at(-1)).toMatchObject({ kind: 'state-changed', fromState: 'open', toState: 'proven', actor: 'alice' });
      expect(await ctx.store().listProofs([finding.id])).toEqual([proof]);
    });

    it('keeps an attempt that did not reproduce without changing the state', async () => {
      const finding = await storedFinding('not-reproduced');
      const { transitioned } = await ctx.store().recordProof(
        attempt(finding.id, { status: 'not-reproduced', evidence: { reason: 'no request reproduced' } }),
      );
      expect(transitioned).toBe(false);
      const detail = await ctx.store().getFinding(finding.id);
      expect(detail.state).toBe('open');
      expect(detail.events.filter((e) => e.kind === 'state-changed')).toEqual([]);
      expect((await ctx.store().listProofs([finding.id])).map((p) => p.status)).toEqual(['not-reproduced']);
    });

    it('never overrides a triage decision, and a re-proof adds a record without a second event', async () => {
      const finding = await storedFinding('decided');
      await ctx.store().transitionFinding(finding.id, { to: 'false-positive', actor: 'bob', reason: 'test code' });
      expect((await ctx.store().recordProof(attempt(finding.id))).transitioned).toBe(false);
      expect((await ctx.store().getFinding(finding.id)).state).toBe('false-positive');

      const other = await storedFinding('reproved');
      await ctx.store().recordProof(attempt(other.id));
      const again = await ctx.store().recordProof(attempt(other.id, { at: '2026-05-02T10:00:00.000Z' }));
      expect(again.transitioned).toBe(false);
      const events = (await ctx.store().getFinding(other.id)).events.filter((e) => e.kind === 'state-changed');
      expect(events).toHaveLength(1);
      const listed = await ctx.store().listProofs([other.id, finding.id]);
      // Oldest first; the two attempts at the same time may come in either order.
      expect(listed.at(-1)).toMatchObject({ findingId: other.id, at: '2026-05-02T10:00:00.000Z' });
      expect(listed.map((p) => `${p.findingId === other.id ? 'other' : 'decided'} ${p.at}`).sort()).toEqual([
        'decided 2026-05-01T10:00:00.000Z',
        'other 2026-05-01T10:00:00.000Z',
        'other 2026-05-02T10:00:00.000Z',
      ]);
    });

    it('rejects an unknown finding, status or a missing actor', async () => {
      const finding = await storedFinding('rejected');
      await expect(ctx.store().recordProof(attempt('00000000-0000-4000-8000-000000000000'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(ctx.store().recordProof(attempt(finding.id, { actor: ' ' }))).rejects.toBeInstanceOf(UsageError);
      await expect(ctx.store().recordProof(attempt(finding.id, { status: 'maybe' as never }))).rejects.toBeInstanceOf(UsageError);
      expect(await ctx.store().listProofs([finding.id])).toEqual([]);
      expect(await ctx.store().listProofs([])).toEqual([]);
    });
  });
}
