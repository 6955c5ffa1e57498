import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { InvalidTransitionError, UsageError, type Finding } from '../core/index.js';
import { openStore, type Project, type Store } from '../store/index.js';
import { prioritise, readMetrics, readQueue, transition } from './prioritise.js';
import { importSarif } from './sarif/import-sarif.js';
import { sqlFinding } from './test-support/findings.js';

const DAY = 86_400_000;
const T0 = new Date('2026-06-01T00:00:00.000Z');
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);
const codeql = readFileSync(new URL('./sarif/fixtures/codeql.sarif', import.meta.url), 'utf8');
const semgrep = readFileSync(new URL('./sarif/fixtures/semgrep.sarif', import.meta.url), 'utf8');

let store: Store;
beforeAll(async () => {
  store = await openStore({ memory: true });
});
afterAll(async () => {
  await store.close();
});

let counter = 0;
async function newAsset(attributes: Record<string, string> = {}): Promise<Project> {
  counter++;
  return store.ensureProject({ name: `asset-${counter}`, rootPath: `/srv/asset-${counter}`, attributes });
}

async function scan(project: Project, findings: readonly Finding[], now: Date): Promise<void> {
  const begun = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
  await store.completeScan(begun.id, { findings });
  await prioritise(store, { projectId: project.id, now });
}

const itemsOf = (project: Project, extra: Parameters<typeof readQueue>[1] | object = {}) =>
  readQueue(store, { now: T0, projectIds: [project.id], ...extra });

describe('prioritise', () => {
  it('merges two source paths to one sink and an imported CodeQL and Semgrep result at that sink into one item', async () => {
    const project = await newAsset({ exposure: 'internet', criticality: 'critical' });
    await scan(project, [sqlFinding('id'), sqlFinding('name')], T0);
    await importSarif(store, { text: codeql, file: 'codeql.sarif', projectName: project.name, rootPath: project.rootPath, now: T0 });
    await importSarif(store, { text: semgrep, file: 'semgrep.sarif', projectName: project.name, rootPath: project.rootPath, now: T0 });

    const queue = await itemsOf(project);
    const sink = queue.find((w) => w.rootKey === 'sink|src/db.js|10|CWE-89');
    expect(sink).toMatchObject({ findingCount: 4, tools: ['codeql', 'semgrep', 'yagura'], cwe: ['CWE-89', 'CWE-90', 'CWE-943'] });
    expect(queue.map((w) => w.rootKey).sort()).toEqual([
      'sink|src/db.js|10|CWE-89',
      'sink|src/render.js|7|CWE-79',
      'sink|src/server.js|5|CWE-78',
    ]);
    const detail = await store.getWorkItem(sink?.id ?? '');
    expect(detail.findings.map((f) => f.tool).sort()).toEqual(['codeql', 'semgrep', 'yagura', 'yagura']);
    expect(detail.decisionInputs).toMatchObject({
      ssvc: { exploitation: 'none', automatable: true, technicalImpact: 'total', missionImpact: 'high' },
      asset: { criticality: 'critical', exposure: 'internet' },
    });
    const sources = detail.findings.flatMap((f) => f.flow.filter((s) => s.kind === 'source').map((s) => s.message));
    expect(sources.sort()).toEqual(['req.query.id', 'req.query.id is read', 'req.query.name is read']);
    expect(detail.decision).toBe('attend');
    expect(detail.decisionTable).toBe('ssvc-cisa-2.0.3');
  });

  it('decides Act for a KEV-listed finding and dates it by the policy; the queue puts it first', async () => {
    const project = await newAsset({ exposure: 'internet', criticality: 'high' });
    const kev = sqlFinding('kev', {
      location: { file: 'src/db.js', startLine: 30, startColumn: 1, endLine: 30, endColumn: 9 },
      properties: { kev: true, epss: { score: 0.9, percentile: 0.99 }, aliases: ['CVE-2026-0001'] },
    });
    await scan(project, [sqlFinding('plain'), kev], T0);
    const queue = await itemsOf(project);
    expect(queue.map((w) => [w.startLine, w.decision, w.dueAt])).toEqual([
      [30, 'act', at(3).toISOString()],
      [10, 'attend', at(14).toISOString()],
    ]);
    expect(queue[0]?.cvssVector).toMatch(/\/E:A$/);
    expect(queue[0]?.decisionInputs).toMatchObject({ bod2604: { timeline: '3-days-forensic', inputs: { kev: true, exposed: true } } });
  });

  it('follows a configured SLA policy and gives Track no date', async () => {
    const project = await newAsset({ exposure: 'isolated', criticality: 'low' });
    const begun = await store.beginScan({ projectId: project.id, toolVersion: '0.1.0', configHash: 'c', threatModel: 'application' });
    await store.completeScan(begun.id, { findings: [sqlFinding('a')] });
    await prioritise(store, { projectId: project.id, now: T0, sla: { act: 1, attend: 7, 'track*': 30, track: 90 } });
    expect((await itemsOf(project)).map((w) => [w.decision, w.dueAt])).toEqual([['track', at(90).toISOString()]]);
    await prioritise(store, { projectId: project.id, now: T0 });
    const [item] = await itemsOf(project);
    expect(item?.dueAt).toBeUndefined();
  });

  it('flags overdue items and keeps the due date when a later scan makes the same decision', async () => {
    const project = await newAsset({ exposure: 'internet', criticality: 'critical' });
    await scan(project, [sqlFinding('late')], T0);
    await scan(project, [sqlFinding('late')], at(10));
    expect(await readQueue(store, { now: at(13), projectIds: [project.id], overdue: true })).toEqual([]);
    const overdue = await readQueue(store, { now: at(15), projectIds: [project.id], overdue: true });
    expect(overdue.map((w) => w.dueAt)).toEqual([at(14).toISOString()]);
    const metrics = await readMetrics(store, { now: at(15), projectIds: [project.id] });
    expect(metrics).toMatchObject({ active: 1, activeByDecision: { attend: 1 }, overdue: 1, fixed: 0, meanTimeToRemediateDays: null });
  });

  it('closes an item when a re-scan no longer reports it, and measures the time to remediate', async () => {
    const project = await newAsset();
    await scan(project, [sqlFinding('gone')], T0);
    await scan(project, [], at(4));
    expect(await itemsOf(project)).toEqual([]);
    const [fixed] = await itemsOf(project, { states: ['fixed'] });
    expect(fixed).toMatchObject({ state: 'fixed', active: false, closedAt: at(4).toISOString() });
    const metrics = await readMetrics(store, { now: at(5), projectIds: [project.id] });
    expect(metrics).toMatchObject({ active: 0, fixed: 1 });
    expect(metrics.meanTimeToRemediateDays).toBeGreaterThan(0);
  });

  it('reopens an expired risk acceptance when the queue is read, with an event', async () => {
    const project = await newAsset({ exposure: 'internet' });
    await scan(project, [sqlFinding('accepted')], T0);
    const [item] = await itemsOf(project);
    const accepted = await transition(store, item?.id.slice(0, 8) ?? '', {
      to: 'risk-accepted',
      actor: 'alice',
      reason: 'compensating WAF rule',
      approver: 'ciso',
      expiresAt: at(30).toISOString(),
      now: T0,
    });
    expect(accepted.workItem).toMatchObject({ state: 'risk-accepted', active: false });
    expect(await readQueue(store, { now: at(29), projectIds: [project.id] })).toEqual([]);

    const reopened = await readQueue(store, { now: at(31), projectIds: [project.id] });
    expect(reopened.map((w) => [w.id, w.state])).toEqual([[item?.id, 'open']]);
    const finding = await store.getFinding(accepted.findings[0]?.id ?? '');
    expect(finding.events.map((e) => [e.kind, e.actor, e.toState])).toEqual([
      ['created', 'yagura', 'open'],
      ['state-changed', 'alice', 'risk-accepted'],
      ['reopened', 'yagura', 'open'],
    ]);
    expect(finding.events[1]).toMatchObject({ reason: 'compensating WAF rule', data: { approver: 'ciso', expiresAt: at(30).toISOString() } });
  });

  it('refuses a risk acceptance without reason, approver or future expiry, and lifecycle moves it does not allow', async () => {
    const project = await newAsset();
    await scan(project, [sqlFinding('strict')], T0);
    const [item] = await itemsOf(project);
    const id = item?.id ?? '';
    const base = { to: 'risk-accepted' as const, actor: 'bob', now: T0 };
    await expect(transition(store, id, { ...base, approver: 'c', expiresAt: at(5).toISOString() })).rejects.toThrow(UsageError);
    await expect(transition(store, id, { ...base, reason: 'r', expiresAt: at(5).toISOString() })).rejects.toThrow(/approver/);
    await expect(transition(store, id, { ...base, reason: 'r', approver: 'c', expiresAt: at(-1).toISOString() })).rejects.toThrow(/future/);
    const finding = (await store.getWorkItem(id)).findings[0];
    await expect(transition(store, finding?.id ?? '', { to: 'open', actor: 'bob', now: T0 })).rejects.toBeInstanceOf(InvalidTransitionError);
    const proven = await transition(store, id, { to: 'proven', actor: 'prover', reason: 'witness ran', now: T0 });
    expect(proven.workItem).toMatchObject({ state: 'proven', decisionInputs: { ssvc: { exploitation: 'poc' } } });
  });
});
