import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  InvalidTransitionError,
  NotFoundError,
  StoreError,
  UsageError,
  type Finding,
  type Severity,
} from '../core/index.js';
import type { Project, Store } from './index.js';
import { describeAdvisoryContract } from './advisory-store.contract.js';
import { describeAiUsageContract } from './ai-usage.contract.js';
import { describeProofContract } from './proofs.contract.js';
import { describeWorkItemContract } from './work-items.contract.js';

/** A finding as the engine would report it; `key` makes the fingerprint. */
export function makeFinding(key: string, overrides: Partial<Finding> = {}): Finding {
  return {
    fingerprint: `fp-${key}`,
    ruleId: 'sql-injection',
    cwe: ['CWE-89'],
    severity: 'high',
    confidence: 'high',
    message: `Query text built from req.query.${key} reaches pool.query().`,
    explanation: 'An attacker can change the meaning of the query.',
    fix: 'Pass the value as a query parameter.',
    location: { file: 'src/db.ts', startLine: 10, startColumn: 3, endLine: 10, endColumn: 40, snippet: 'pool.query(sql)' },
    flow: [
      {
        kind: 'source',
        location: { file: 'src/app.ts', startLine: 4, startColumn: 14, endLine: 4, endColumn: 27 },
        message: `req.query.${key} is read`,
      },
      {
        kind: 'sink',
        location: { file: 'src/db.ts', startLine: 10, startColumn: 3, endLine: 10, endColumn: 40 },
        message: 'passed to pool.query()',
      },
    ],
    origin: 'static',
    properties: { sink: 'pool.query', source: key },
    ...overrides,
  };
}

/**
 * The behaviour every {@link Store} implementation must have. Call it from an implementation's test
 * file with a factory; one store serves the whole suite and each test works in its own project.
 */
export function describeStoreContract(name: string, openStore: () => Promise<Store>): void {
  describe(`Store contract (${name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openStore();
    });
    afterAll(async () => {
      await store.close();
    });

    const newProject = (): Promise<Project> =>
      store.ensureProject({ name: `project-${randomUUID()}`, rootPath: '/src/shop' });

    /** Begin and complete one scan of `project` reporting `findings` (by Yagura unless `tool` is given). */
    const scan = async (project: Project, findings: readonly Finding[], tool?: string) => {
      const begun = await store.beginScan({
        projectId: project.id,
        toolVersion: '0.1.0',
        configHash: 'cfg-1',
        threatModel: 'application',
        ...(tool === undefined ? {} : { tool }),
      });
      return store.completeScan(begun.id, { findings, diagnostics: [], stats: { files: 3 } });
    };

    describeWorkItemContract({ store: () => store, newProject, scan, makeFinding });
    describeAiUsageContract({ store: () => store, newProject, scan, makeFinding });
    describeProofContract({ store: () => store, newProject, scan, makeFinding });
    describeAdvisoryContract({ store: () => store });

    describe('projects', () => {
      it('creates a project once and finds it by id or name', async () => {
        const name = `project-${randomUUID()}`;
        const first = await store.ensureProject({ name, rootPath: '/a' });
        const again = await store.ensureProject({ name, rootPath: '/b', attributes: { owner: 'team-pay' } });
        expect(again.id).toBe(first.id);
        expect(again.rootPath).toBe('/b');
        expect(again.attributes).toEqual({ owner: 'team-pay' });
        expect(await store.getProject(name)).toEqual(again);
        expect(await store.getProject(first.id)).toEqual(again);
        expect((await store.listProjects()).filter((p) => p.name === name)).toHaveLength(1);
      });

      it('keeps existing asset attributes and merges new ones', async () => {
        const name = `project-${randomUUID()}`;
        await store.ensureProject({ name, rootPath: '/a', attributes: { owner: 'team-pay', exposure: 'internet' } });
        const merged = await store.ensureProject({ name, rootPath: '/a', attributes: { criticality: 'high' } });
        expect(merged.attributes).toEqual({ owner: 'team-pay', exposure: 'internet', criticality: 'high' });
      });

      it('reports a missing project as NotFoundError', async () => {
        await expect(store.getProject('no-such-project')).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.getProject(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('scans', () => {
      it('records a running scan, then its completion with counts, diagnostics and stats', async () => {
        const project = await newProject();
        const begun = await store.beginScan({
          projectId: project.id,
          toolVersion: '0.1.0',
          configHash: 'abc',
          threatModel: 'library',
        });
        expect(begun).toMatchObject({ projectId: project.id, status: 'running', threatModel: 'library' });
        expect(begun.finishedAt).toBeUndefined();
        expect(await store.latestScan(project.id)).toBeUndefined();
        expect((await store.latestScan(project.id, { status: 'running' }))?.id).toBe(begun.id);

        const diagnostics = [{ code: 'PARSE_FAILED' as const, message: 'Unexpected token', file: 'src/x.ts', line: 3 }];
        const { scan: done, counts } = await store.completeScan(begun.id, {
          findings: [makeFinding('a'), makeFinding('b', { severity: 'low' })],
          diagnostics,
          stats: { files: 2, lines: 40 },
        });
        expect(counts).toEqual({ new: 2, unchanged: 0, reintroduced: 0, absent: 0, total: 2, bySeverity: { high: 1, low: 1 } });
        expect(done).toMatchObject({ status: 'completed', counts, diagnostics, stats: { files: 2, lines: 40 } });
        expect(done.finishedAt).toEqual(expect.any(String));
        expect(await store.getScan(begun.id)).toEqual(done);
        expect(await store.latestScan(project.id)).toEqual(done);
        expect((await store.listScans(project.id)).map((s) => s.id)).toEqual([begun.id]);
      });

      it('records the threat model the analysis resolved for a scan begun with auto', async () => {
        const project = await newProject();
        const begun = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'auto' });
        expect(begun.threatModel).toBe('auto');
        const { scan: done } = await store.completeScan(begun.id, { findings: [], threatModel: 'library' });
        expect(done.threatModel).toBe('library');
      });

      it('lists scans of a project newest first', async () => {
        const project = await newProject();
        const first = await scan(project, []);
        const second = await scan(project, []);
        expect((await store.listScans(project.id)).map((s) => s.id)).toEqual([second.scan.id, first.scan.id]);
        expect((await store.latestScan(project.id))?.id).toBe(second.scan.id);
      });

      it('marks a scan failed with its error, once', async () => {
        const project = await newProject();
        const begun = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
        const failed = await store.failScan(begun.id, new Error('parser crashed'));
        expect(failed).toMatchObject({ status: 'failed', error: 'parser crashed' });
        expect(await store.failScan(begun.id, 'again')).toEqual(failed);
        await expect(store.completeScan(begun.id, { findings: [] })).rejects.toBeInstanceOf(InvalidTransitionError);
        expect(await store.latestScan(project.id, { status: 'failed' })).toEqual(failed);
      });

      it('refuses to complete a scan twice or fail a completed scan', async () => {
        const project = await newProject();
        const { scan: done } = await scan(project, []);
        await expect(store.completeScan(done.id, { findings: [] })).rejects.toBeInstanceOf(InvalidTransitionError);
        await expect(store.failScan(done.id, 'late')).rejects.toBeInstanceOf(InvalidTransitionError);
        expect(await store.getScan(done.id)).toEqual(done);
      });

      it('reports unknown scans and projects as NotFoundError', async () => {
        await expect(store.getScan(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.getScan('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.beginScan({ projectId: randomUUID(), toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' }),
        ).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('baseline comparison', () => {
      it('stores every field of a new finding and reads it back', async () => {
        const project = await newProject();
        const finding = makeFinding('roundtrip');
        const { scan: done } = await scan(project, [finding]);
        const [stored] = await store.listFindings({ scanId: done.id });
        expect(stored).toMatchObject({ ...finding, projectId: project.id, state: 'open', presence: 'present', baselineState: 'new' });
        expect(stored).toMatchObject({ firstSeenScanId: done.id, lastSeenScanId: done.id });
        expect(stored?.id).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('keeps one row per fingerprint when the same code is scanned twice', async () => {
        const project = await newProject();
        const findings = [makeFinding('a'), makeFinding('b'), makeFinding('c', { severity: 'critical' })];
        const first = await scan(project, findings);
        const before = await store.listFindings({ projectId: project.id });
        const second = await scan(project, findings);
        const after = await store.listFindings({ projectId: project.id });

        expect(second.counts).toMatchObject({ new: 0, unchanged: 3, reintroduced: 0, absent: 0, total: 3 });
        expect(after).toHaveLength(3);
        expect(after.map((f) => [f.id, f.fingerprint])).toEqual(before.map((f) => [f.id, f.fingerprint]));
        expect(after.every((f) => f.firstSeenScanId === first.scan.id && f.lastSeenScanId === second.scan.id)).toBe(true);
        const linked = await store.listFindings({ scanId: second.scan.id });
        expect(linked.map((f) => f.baselineState)).toEqual(['unchanged', 'unchanged', 'unchanged']);
        const events = (await store.getFinding(after[0]?.id ?? '')).events.map((e) => e.kind);
        expect(events).toEqual(['created', 'seen-again']);
      });

      it('counts a repeated fingerprint within one scan once', async () => {
        const project = await newProject();
        const { counts } = await scan(project, [makeFinding('dup'), makeFinding('dup', { message: 'second copy' })]);
        expect(counts).toMatchObject({ new: 1, total: 1 });
        const stored = await store.listFindings({ projectId: project.id });
        expect(stored.map((f) => f.message)).toEqual([makeFinding('dup').message]);
      });

      it('follows a finding whose line moved and refreshes its location', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('moved')]);
        const location = { file: 'src/db.ts', startLine: 25, startColumn: 3, endLine: 25, endColumn: 40, snippet: 'pool.query(sql)' };
        const second = await scan(project, [makeFinding('moved', { location })]);
        expect(second.counts).toMatchObject({ new: 0, unchanged: 1 });
        const [stored] = await store.listFindings({ projectId: project.id });
        expect(stored?.location).toEqual(location);
      });

      it('marks a finding that disappears absent and fixed, with an event naming the scan', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('stays'), makeFinding('goes')]);
        const second = await scan(project, [makeFinding('stays')]);
        expect(second.counts).toMatchObject({ new: 0, unchanged: 1, absent: 1, total: 1 });

        const [gone] = await store.listFindings({ projectId: project.id, presence: 'absent' });
        expect(gone).toMatchObject({ fingerprint: 'fp-goes', state: 'fixed', presence: 'absent' });
        const detail = await store.getFinding(gone?.id ?? '');
        expect(detail.events.at(-1)).toMatchObject({
          kind: 'absent',
          scanId: second.scan.id,
          fromState: 'open',
          toState: 'fixed',
          reason: `not found by scan ${second.scan.id}`,
        });
        const linked = await store.listFindings({ scanId: second.scan.id });
        expect(linked.map((f) => [f.fingerprint, f.baselineState]).sort()).toEqual([
          ['fp-goes', 'absent'],
          ['fp-stays', 'unchanged'],
        ]);

        // A third scan without it does not report it absent again.
        const third = await scan(project, [makeFinding('stays')]);
        expect(third.counts.absent).toBe(0);
        expect((await store.listFindings({ scanId: third.scan.id })).map((f) => f.fingerprint)).toEqual(['fp-stays']);
      });

      it('reintroduces a finding that comes back: present and open again, same id', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('back')]);
        const [original] = await store.listFindings({ projectId: project.id });
        await scan(project, []);
        const third = await scan(project, [makeFinding('back')]);
        expect(third.counts).toMatchObject({ new: 0, reintroduced: 1, absent: 0 });

        const [back] = await store.listFindings({ scanId: third.scan.id });
        expect(back).toMatchObject({ id: original?.id, state: 'open', presence: 'present', baselineState: 'reintroduced' });
        const kinds = (await store.getFinding(back?.id ?? '')).events.map((e) => [e.kind, e.toState]);
        expect(kinds).toEqual([
          ['created', 'open'],
          ['absent', 'fixed'],
          ['reintroduced', 'open'],
        ]);
      });

      it('keeps a false-positive or risk-accepted decision when the finding is seen, lost and found again', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('fp'), makeFinding('ra')]);
        const stored = await store.listFindings({ projectId: project.id });
        const fp = stored.find((f) => f.fingerprint === 'fp-fp');
        const ra = stored.find((f) => f.fingerprint === 'fp-ra');
        await store.transitionFinding(fp?.id ?? '', { to: 'false-positive', actor: 'alice', reason: 'test-only code' });
        await store.transitionFinding(ra?.id ?? '', { to: 'risk-accepted', actor: 'bob' });

        await scan(project, [makeFinding('fp'), makeFinding('ra')]);
        const states = async () =>
          Object.fromEntries((await store.listFindings({ projectId: project.id })).map((f) => [f.fingerprint, f.state]));
        expect(await states()).toEqual({ 'fp-fp': 'false-positive', 'fp-ra': 'risk-accepted' });
        await scan(project, []);
        expect(await states()).toEqual({ 'fp-fp': 'false-positive', 'fp-ra': 'risk-accepted' });
        await scan(project, [makeFinding('fp'), makeFinding('ra')]);
        expect(await states()).toEqual({ 'fp-fp': 'false-positive', 'fp-ra': 'risk-accepted' });
      });

      it('reopens a finding marked fixed by hand that the scan still reports', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('claimed')]);
        const [claimed] = await store.listFindings({ projectId: project.id });
        await store.transitionFinding(claimed?.id ?? '', { to: 'fixed', actor: 'carol' });
        const second = await scan(project, [makeFinding('claimed')]);
        expect(second.counts.unchanged).toBe(1);
        const detail = await store.getFinding(claimed?.id ?? '');
        expect(detail.state).toBe('open');
        expect(detail.events.at(-1)).toMatchObject({ kind: 'reopened', fromState: 'fixed', toState: 'open' });
      });

      it('stores nothing of a scan whose results violate a constraint, and marks it failed', async () => {
        const project = await newProject();
        const first = await scan(project, [makeFinding('kept'), makeFinding('other')]);
        const before = await store.listFindings({ projectId: project.id });

        const begun = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
        const invalid = makeFinding('invalid', { severity: 'catastrophic' as Severity });
        const attempt = store.completeScan(begun.id, { findings: [makeFinding('kept'), makeFinding('brand-new'), invalid] });
        await expect(attempt).rejects.toBeInstanceOf(StoreError);

        expect(await store.listFindings({ projectId: project.id })).toEqual(before);
        expect(await store.listFindings({ scanId: begun.id })).toEqual([]);
        const failed = await store.getScan(begun.id);
        expect(failed.status).toBe('failed');
        expect(failed.error).toMatch(/storing results failed/);
        expect(failed.counts).toBeUndefined();
        expect((await store.latestScan(project.id))?.id).toBe(first.scan.id);
        expect((await store.getFinding(before[0]?.id ?? '')).events.map((e) => e.kind)).toEqual(['created']);
      });

      it('stores text with NUL characters instead of failing the scan', async () => {
        const project = await newProject();
        const location = { file: 'src/bin.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5, snippet: 'a\u0000b' };
        const { counts } = await scan(project, [makeFinding('nul', { location })]);
        expect(counts.new).toBe(1);
        const [stored] = await store.listFindings({ projectId: project.id });
        expect(stored?.location.snippet).toBe('a\uFFFDb');
      });
    });

    describe('listing findings', () => {
      let project: Project;
      beforeAll(async () => {
        project = await newProject();
        await scan(project, [
          makeFinding('low-b', { severity: 'low', location: { file: 'b.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } }),
          makeFinding('crit', { severity: 'critical', ruleId: 'command-injection' }),
          makeFinding('high-a9', { location: { file: 'a.ts', startLine: 9, startColumn: 1, endLine: 9, endColumn: 2 } }),
          makeFinding('high-a2', { location: { file: 'a.ts', startLine: 2, startColumn: 1, endLine: 2, endColumn: 2 } }),
          makeFinding('info', { severity: 'info' }),
        ]);
      });

      it('orders by severity, then file and line', async () => {
        const all = await store.listFindings({ projectId: project.id });
        expect(all.map((f) => f.fingerprint)).toEqual(['fp-crit', 'fp-high-a2', 'fp-high-a9', 'fp-low-b', 'fp-info']);
        expect(all.every((f) => f.baselineState === undefined)).toBe(true);
      });

      it('filters by severity, rule, state and presence, and pages', async () => {
        const ids = async (filter: Parameters<Store['listFindings']>[0]) =>
          (await store.listFindings({ projectId: project.id, ...filter })).map((f) => f.fingerprint);
        expect(await ids({ severities: ['low', 'info'] })).toEqual(['fp-low-b', 'fp-info']);
        expect(await ids({ ruleId: 'command-injection' })).toEqual(['fp-crit']);
        expect(await ids({ states: ['fixed'] })).toEqual([]);
        expect(await ids({ presence: 'absent' })).toEqual([]);
        expect(await ids({ limit: 2, offset: 1 })).toEqual(['fp-high-a2', 'fp-high-a9']);
      });

      it('rejects unknown filter values instead of matching nothing', async () => {
        await expect(store.listFindings({ states: ['closed' as 'open'] })).rejects.toBeInstanceOf(UsageError);
        await expect(store.listFindings({ severities: ['urgent' as 'high'] })).rejects.toBeInstanceOf(UsageError);
        await expect(store.listFindings({ limit: -1 })).rejects.toBeInstanceOf(UsageError);
      });
    });

    describe('finding ids and lifecycle', () => {
      it('finds a finding by its full id or a unique prefix of 8+ characters', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('prefix')]);
        const [stored] = await store.listFindings({ projectId: project.id });
        const id = stored?.id ?? '';
        expect((await store.getFinding(id)).fingerprint).toBe('fp-prefix');
        expect((await store.getFinding(id.slice(0, 8))).id).toBe(id);
        expect((await store.getFinding(id.slice(0, 13).toUpperCase())).id).toBe(id);
        await expect(store.getFinding(id.slice(0, 4))).rejects.toBeInstanceOf(UsageError);
        await expect(store.getFinding(randomUUID())).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.getFinding('zzzzzzzz')).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.getFinding("0%' or 1=1")).rejects.toBeInstanceOf(NotFoundError);
      });

      it('records each state change as an event with actor and reason', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('life')]);
        const [stored] = await store.listFindings({ projectId: project.id });
        const id = stored?.id ?? '';
        await store.transitionFinding(id.slice(0, 8), { to: 'proven', actor: 'prover', reason: 'witness ran' });
        const detail = await store.transitionFinding(id, { to: 'fix-proposed', actor: 'fixer' });
        expect(detail.state).toBe('fix-proposed');
        expect(detail.events.map((e) => [e.kind, e.actor, e.fromState, e.toState, e.reason])).toEqual([
          ['created', 'yagura', undefined, 'open', expect.stringMatching(/^found by scan /)],
          ['state-changed', 'prover', 'open', 'proven', 'witness ran'],
          ['state-changed', 'fixer', 'proven', 'fix-proposed', undefined],
        ]);
        expect((await store.listFindings({ projectId: project.id, states: ['fix-proposed'] })).map((f) => f.id)).toEqual([id]);
      });

      it('refuses transitions the lifecycle does not allow, and unknown states', async () => {
        const project = await newProject();
        await scan(project, [makeFinding('strict')]);
        const [stored] = await store.listFindings({ projectId: project.id });
        const id = stored?.id ?? '';
        await expect(store.transitionFinding(id, { to: 'open', actor: 'dave' })).rejects.toBeInstanceOf(InvalidTransitionError);
        await store.transitionFinding(id, { to: 'fixed', actor: 'dave' });
        await expect(store.transitionFinding(id, { to: 'proven', actor: 'dave' })).rejects.toBeInstanceOf(InvalidTransitionError);
        await expect(store.transitionFinding(id, { to: 'gone' as 'open', actor: 'dave' })).rejects.toBeInstanceOf(UsageError);
        await expect(store.transitionFinding(randomUUID(), { to: 'proven', actor: 'dave' })).rejects.toBeInstanceOf(NotFoundError);
        const detail = await store.getFinding(id);
        expect(detail.state).toBe('fixed');
        expect(detail.events.map((e) => e.kind)).toEqual(['created', 'state-changed']);
      });
    });
  });
}
