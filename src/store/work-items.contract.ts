import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { NotFoundError, UsageError, type Finding } from '../core/index.js';
import type { FindingRecord, Project, Store, WorkItemInput } from './index.js';

/** What the work-item contract needs from the enclosing store contract. */
export interface WorkItemContractContext {
  readonly store: () => Store;
  readonly newProject: () => Promise<Project>;
  readonly scan: (project: Project, findings: readonly Finding[], tool?: string) => Promise<unknown>;
  readonly makeFinding: (key: string, overrides?: Partial<Finding>) => Finding;
}

/** An item over `findings`, with the fields a test does not care about filled in. */
function item(rootKey: string, findings: readonly FindingRecord[], overrides: Partial<WorkItemInput> = {}): WorkItemInput {
  return {
    rootKey,
    kind: 'sink',
    title: `Item ${rootKey}`,
    cwe: ['CWE-89'],
    severity: 'high',
    state: 'open',
    decision: 'attend',
    decisionTable: 'ssvc-cisa-2.0.3',
    decisionInputs: { exploitation: 'none' },
    cvssVector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:U',
    cvssScore: 8.2,
    priority: 100,
    file: 'src/db.ts',
    startLine: 10,
    tools: ['yagura'],
    findingIds: findings.map((f) => f.id),
    openedAt: findings[0]?.firstSeenAt ?? new Date().toISOString(),
    slaDays: 14,
    ...overrides,
  };
}

/** Work items, the queue, metrics, tools and risk acceptances; called inside `describeStoreContract`. */
export function describeWorkItemContract(context: WorkItemContractContext): void {
  const { newProject, scan, makeFinding } = context;
  const store = (): Store => context.store();

  describe('work items', () => {
    it('saves items, links their findings, and keeps id and decision time across saves', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('w1'), makeFinding('w2'), makeFinding('w3')]);
      const findings = await store().listFindings({ projectId: project.id });
      const [a, b, c] = findings;
      if (!a || !b || !c) throw new Error('expected three findings');
      await store().saveWorkItems(
        project.id,
        [item('k1', [a, b], { priority: 200 }), item('k2', [c], { decision: 'act', slaDays: 3 })],
        '2026-01-01T00:00:00.000Z',
      );

      const queue = await store().listWorkItems({ projectIds: [project.id] });
      expect(queue.map((w) => [w.rootKey, w.findingCount, w.decision, w.dueAt])).toEqual([
        ['k1', 2, 'attend', '2026-01-15T00:00:00.000Z'],
        ['k2', 1, 'act', '2026-01-04T00:00:00.000Z'],
      ]);
      const k1 = queue[0];
      expect(k1).toMatchObject({ projectName: project.name, active: true, cvssScore: 8.2, priority: 200, tools: ['yagura'] });
      const detail = await store().getWorkItem(k1?.id.slice(0, 8) ?? '');
      expect(detail.findings.map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
      expect((await store().getFinding(a.id)).workItemId).toBe(k1?.id);

      // Same decision a week later: same id, same due date. A new decision restarts the clock.
      await store().saveWorkItems(
        project.id,
        [item('k1', [a, b], { priority: 300 }), item('k2', [c], { decision: 'attend', slaDays: 14 })],
        '2026-01-08T00:00:00.000Z',
      );
      const again = await store().listWorkItems({ projectIds: [project.id] });
      expect(again.map((w) => [w.rootKey, w.id === k1?.id || w.rootKey === 'k2', w.dueAt])).toEqual([
        ['k1', true, '2026-01-15T00:00:00.000Z'],
        ['k2', true, '2026-01-22T00:00:00.000Z'],
      ]);
    });

    it('removes items left without findings and unlinks their findings', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('r1'), makeFinding('r2')]);
      const [a, b] = await store().listFindings({ projectId: project.id });
      if (!a || !b) throw new Error('expected two findings');
      await store().saveWorkItems(project.id, [item('x', [a]), item('y', [b], { priority: 1 })], '2026-01-01T00:00:00.000Z');
      const result = await store().saveWorkItems(project.id, [item('x', [a, b])], '2026-01-02T00:00:00.000Z');
      expect(result).toEqual({ saved: 1, removed: 1 });
      expect((await store().listWorkItems({ projectIds: [project.id] })).map((w) => w.findingCount)).toEqual([2]);
      await store().saveWorkItems(project.id, [], '2026-01-03T00:00:00.000Z');
      expect(await store().listWorkItems({ projectIds: [project.id] })).toEqual([]);
      expect((await store().getFinding(a.id)).workItemId).toBeUndefined();
    });

    it('orders the queue by priority and filters by decision, state, overdue and page', async () => {
      const project = await newProject();
      await scan(project, ['q1', 'q2', 'q3', 'q4'].map((k) => makeFinding(k)));
      const [f1, f2, f3, f4] = await store().listFindings({ projectId: project.id });
      if (!f1 || !f2 || !f3 || !f4) throw new Error('expected four findings');
      await store().saveWorkItems(
        project.id,
        [
          item('low', [f1], { decision: 'track', priority: 10, slaDays: null }),
          item('top', [f2], { decision: 'act', priority: 900, slaDays: 3 }),
          item('mid', [f3], { decision: 'attend', priority: 500, slaDays: 14 }),
          item('done', [f4], { state: 'fixed', priority: 800 }),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      const keys = async (filter: Parameters<Store['listWorkItems']>[0] = {}) =>
        (await store().listWorkItems({ projectIds: [project.id], ...filter })).map((w) => w.rootKey);
      expect(await keys()).toEqual(['top', 'mid', 'low']);
      expect(await keys({ decisions: ['attend', 'track'] })).toEqual(['mid', 'low']);
      expect(await keys({ states: ['fixed'] })).toEqual(['done']);
      expect(await keys({ overdueAt: '2026-01-05T00:00:00.000Z' })).toEqual(['top']);
      expect(await keys({ overdueAt: '2026-02-01T00:00:00.000Z' })).toEqual(['top', 'mid']);
      expect(await keys({ limit: 1, offset: 1 })).toEqual(['mid']);
      await expect(store().listWorkItems({ decisions: ['urgent' as 'act'] })).rejects.toBeInstanceOf(UsageError);

      const metrics = await store().workItemMetrics({ projectIds: [project.id] }, '2026-01-05T00:00:00.000Z');
      expect(metrics).toEqual({
        active: 3,
        activeByDecision: { track: 1, 'track*': 0, attend: 1, act: 1 },
        overdue: 1,
        fixed: 1,
        meanTimeToRemediateDays: expect.any(Number) as number,
      });
    });

    it('refuses invalid items and unknown ids', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('bad')]);
      const findings = await store().listFindings({ projectId: project.id });
      const now = '2026-01-01T00:00:00.000Z';
      await expect(store().saveWorkItems(project.id, [item('a', findings, { decision: 'soon' as 'act' })], now)).rejects.toBeInstanceOf(UsageError);
      await expect(store().saveWorkItems(project.id, [item('a', findings), item('a', findings)], now)).rejects.toBeInstanceOf(UsageError);
      await expect(store().saveWorkItems(randomUUID(), [], now)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().getWorkItem(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().saveWorkItems(project.id, [], 'yesterday')).rejects.toBeInstanceOf(UsageError);
    });
  });

  describe('tools and risk acceptance', () => {
    it('compares an import only with the same tool, so Yagura findings stay present', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('own')]);
      await scan(project, [makeFinding('theirs', { fingerprint: 'codeql-1', origin: 'import' })], 'codeql');
      await scan(project, [], 'codeql');
      const rows = await store().listFindings({ projectId: project.id });
      expect(rows.map((f) => [f.fingerprint, f.tool, f.presence]).sort()).toEqual([
        ['codeql-1', 'codeql', 'absent'],
        ['fp-own', 'yagura', 'present'],
      ]);
      expect((await store().listScans(project.id)).map((s) => s.tool)).toEqual(['codeql', 'codeql', 'yagura']);
    });

    it('records approver and expiry of a risk acceptance and reopens it once expired, with an event', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('accept'), makeFinding('gone')]);
      const listed = await store().listFindings({ projectId: project.id });
      const a = listed.find((f) => f.fingerprint === 'fp-accept');
      const b = listed.find((f) => f.fingerprint === 'fp-gone');
      if (!a || !b) throw new Error('expected two findings');
      const accept = { to: 'risk-accepted' as const, actor: 'alice', reason: 'WAF rule in place', approver: 'ciso' };
      const accepted = await store().transitionFinding(a.id, { ...accept, expiresAt: '2026-03-01T00:00:00Z' });
      expect(accepted).toMatchObject({ state: 'risk-accepted', acceptedBy: 'ciso', acceptedUntil: '2026-03-01T00:00:00.000Z' });
      expect(accepted.events.at(-1)?.data).toEqual({ approver: 'ciso', expiresAt: '2026-03-01T00:00:00.000Z' });
      await store().transitionFinding(b.id, { ...accept, expiresAt: '2026-02-01T00:00:00Z' });
      await scan(project, [makeFinding('accept')]);

      expect((await store().reopenExpiredAcceptances('2026-01-15T00:00:00Z')).findingIds).toEqual([]);
      const reopened = await store().reopenExpiredAcceptances('2026-03-02T00:00:00Z', 'yagura');
      expect(reopened.projectIds).toEqual([project.id]);
      expect([...reopened.findingIds].sort()).toEqual([a.id, b.id].sort());
      const detail = await store().getFinding(a.id);
      expect(detail).toMatchObject({ state: 'open' });
      expect(detail.acceptedUntil).toBeUndefined();
      expect(detail.events.at(-1)).toMatchObject({
        kind: 'reopened',
        actor: 'yagura',
        fromState: 'risk-accepted',
        toState: 'open',
        reason: 'risk acceptance expired at 2026-03-01T00:00:00.000Z',
      });
      // The finding the code no longer has lapses into fixed instead of reopening.
      expect((await store().getFinding(b.id)).state).toBe('fixed');
    });

    it('refuses an approver or expiry on anything but a risk acceptance', async () => {
      const project = await newProject();
      await scan(project, [makeFinding('odd')]);
      const [f] = await store().listFindings({ projectId: project.id });
      await expect(
        store().transitionFinding(f?.id ?? '', { to: 'proven', actor: 'a', approver: 'b' }),
      ).rejects.toBeInstanceOf(UsageError);
      await expect(
        store().transitionFinding(f?.id ?? '', { to: 'risk-accepted', actor: 'a', expiresAt: 'someday' }),
      ).rejects.toBeInstanceOf(UsageError);
    });
  });
}
