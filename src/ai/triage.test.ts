import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../store/index.js';
import { resolveAiSettings } from './ai-config.js';
import { ModelGateway } from './model-gateway.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { aiBlock, PAYMENTS_API, snapshotOf, TEST_ENV } from './test-support/ai-fixtures.js';
import { startOpenAiTestDouble, type OpenAiTestDouble } from './test-support/openai-test-double.js';
import type { ScriptedTurn } from './test-support/scripted-turns.js';
import { triageFindings } from './triage.js';

let store: Store;
let snapshot: ProjectSnapshot;
let double: OpenAiTestDouble | undefined;

beforeAll(async () => {
  store = await openStore({ memory: true });
  snapshot = await snapshotOf(PAYMENTS_API);
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await double?.close();
  double = undefined;
});

const verdict = (v: string, confidence: number, reasoning: string): ScriptedTurn => ({ text: JSON.stringify({ verdict: v, confidence, reasoning }) });

describe('triageFindings', () => {
  it('keeps verdicts beside stored findings and shows the analyst decision to the next triage', async () => {
    const project = await store.ensureProject({ name: 'triage-project', rootPath: PAYMENTS_API });
    const scan = await store.beginScan({ projectId: project.id, toolVersion: 't', configHash: 'c', threatModel: 'application' });
    const sqlFinding = snapshot.analysis.findings.find((f) => f.ruleId === 'sql-injection');
    if (!sqlFinding) throw new Error('the engine found no SQL injection in payments-api');
    await store.completeScan(scan.id, { findings: [sqlFinding] });
    const [stored] = await store.listFindings({ projectId: project.id });
    if (!stored) throw new Error('not stored');

    double = await startOpenAiTestDouble([verdict('true-positive', 0.9, 'req.query reaches the query text'), verdict('false-positive', 0.7, 'the analyst showed a gateway filter')]);
    const settings = resolveAiSettings(aiBlock('openai', double.baseUrl), TEST_ENV);
    if (!settings) throw new Error('no settings');
    let minute = 0;
    // Each call a minute later, so the record's time order is the call order.
    const now = () => new Date(Date.UTC(2026, 4, 1, 10, minute++));
    const gateway = await ModelGateway.open({ settings, recorder: store, projectId: project.id, now, clock: () => 0 });
    const first = await triageFindings({ gateway, snapshot, findings: [stored], store, now: () => new Date('2026-05-01T10:00:00Z') });
    expect(first.results).toEqual([{ fingerprint: stored.fingerprint, findingId: stored.id, verdict: 'true-positive', confidence: 0.9, reasoning: 'req.query reaches the query text', model: 'gpt-test' }]);
    const prompt = JSON.stringify(double.requests[0]?.body.messages);
    expect(prompt).toContain('No analyst decision yet.');
    expect(prompt).toContain(`${stored.location.file}:${String(stored.location.startLine)}`);

    await store.transitionFinding(stored.id, { to: 'false-positive', actor: 'bob', reason: 'the API gateway rejects quotes' });
    await triageFindings({ gateway, snapshot, findings: [stored], store, now: () => new Date('2026-05-02T10:00:00Z') });
    const second = JSON.stringify(double.requests[1]?.body.messages);
    expect(second).toContain('bob moved it from open to false-positive: the API gateway rejects quotes');
    expect(second).toContain('model said true-positive (0.9): req.query reaches the query text');

    const verdicts = await store.listTriageVerdicts(stored.id);
    expect(verdicts.map((v) => [v.verdict, v.confidence])).toEqual([['true-positive', 0.9], ['false-positive', 0.7]]);
    const calls = await store.listModelCalls({ projectId: project.id });
    expect(verdicts.map((v) => v.callId)).toEqual(calls.map((c) => c.id));
    expect(calls.every((c) => c.findingId === stored.id && c.purpose === 'triage')).toBe(true);
    // Triage never changes the analyst's decision.
    expect((await store.getFinding(stored.id)).state).toBe('false-positive');
  });
});
