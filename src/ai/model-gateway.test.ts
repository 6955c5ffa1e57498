import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../store/index.js';
import { resolveAiSettings } from './ai-config.js';
import { AiBudgetExceededError, ModelOutputError } from './errors.js';
import { ModelGateway } from './model-gateway.js';
import { callForJson } from './structured-output.js';
import { aiBlock, TEST_ENV, TEST_KEY, recordingSleep } from './test-support/ai-fixtures.js';
import { startOpenAiTestDouble, type OpenAiTestDouble } from './test-support/openai-test-double.js';
import type { ScriptedTurn } from './test-support/scripted-turns.js';

let store: Store;
let double: OpenAiTestDouble | undefined;

beforeAll(async () => {
  store = await openStore({ memory: true });
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await double?.close();
  double = undefined;
});

async function gatewayFor(turns: ScriptedTurn[], overrides: Parameters<typeof aiBlock>[2] = {}) {
  double = await startOpenAiTestDouble(turns);
  const settings = resolveAiSettings(aiBlock('openai', double.baseUrl, overrides), TEST_ENV);
  if (!settings) throw new Error('no settings');
  const project = await store.ensureProject({ name: `ai-${String(Math.random()).slice(2)}`, rootPath: '/p' });
  let t = 0;
  const gateway = await ModelGateway.open({
    settings,
    recorder: store,
    projectId: project.id,
    now: () => new Date('2026-05-01T10:00:00Z'),
    clock: () => (t += 40),
    sleep: recordingSleep().sleep,
  });
  return { gateway, project };
}

const ASK = { system: 'You triage.', messages: [{ role: 'user' as const, text: 'Is it real?' }] };
const SCHEMA = { type: 'object', required: ['verdict'], properties: { verdict: { enum: ['yes', 'no'] } }, additionalProperties: false };

/** Every text column of the AI usage tables, as one string. */
async function dumpUsageTables(projectId: string): Promise<string> {
  return JSON.stringify(await store.listModelCalls({ projectId })) + JSON.stringify(await store.summarizeModelUsage());
}

describe('ModelGateway', () => {
  it('records every call with tokens, priced cost, latency, attempts and SHA-256 hashes, and no text by default', async () => {
    const { gateway, project } = await gatewayFor([{ status: 429, retryAfter: '1' }, { text: '{"verdict":"yes"}', inputTokens: 2000, outputTokens: 500 }]);
    const response = await gateway.call('triage', ASK, { findingFingerprint: 'fp-1' });
    expect(response.costUsd).toBe(0.003);
    const [call] = await store.listModelCalls({ projectId: project.id });
    expect(call).toMatchObject({
      actor: 'alice',
      purpose: 'triage',
      provider: 'openai',
      model: 'gpt-test',
      inputTokens: 2000,
      outputTokens: 500,
      costUsd: 0.003,
      latencyMs: 40,
      attempts: 2,
      status: 'ok',
      findingFingerprint: 'fp-1',
    });
    expect(call?.promptSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(call?.responseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(call?.promptText).toBeUndefined();
    expect(response.callId).toBe(call?.id);
  });

  it('stores full text only when recordText is on, and never the key', async () => {
    const { gateway, project } = await gatewayFor([{ text: 'an answer' }], { recordText: true });
    await gateway.call('hunt', { system: 'sys', messages: [{ role: 'user', text: 'question' }] });
    const [call] = await store.listModelCalls({ projectId: project.id });
    expect(call?.promptText).toContain('question');
    expect(call?.responseText).toContain('an answer');
    expect(await dumpUsageTables(project.id)).not.toContain(TEST_KEY);
    expect(JSON.stringify(double?.requests[0]?.body)).not.toContain(TEST_KEY);
  });

  it('records a failed call with its error, redacted, and rethrows', async () => {
    const { gateway, project } = await gatewayFor([{ status: 401, body: { error: { message: `bad key ${TEST_KEY}` } } }]);
    await expect(gateway.call('hunt', ASK)).rejects.toMatchObject({ code: 'MODEL_CALL_FAILED' });
    const [call] = await store.listModelCalls({ projectId: project.id });
    expect(call).toMatchObject({ status: 'error', inputTokens: 0, costUsd: 0, attempts: 1 });
    expect(call?.error).toContain('bad key ***');
    expect(await dumpUsageTables(project.id)).not.toContain(TEST_KEY);
  });

  it('refuses calls once the project cost budget is spent, counting earlier runs', async () => {
    const { gateway, project } = await gatewayFor([{ text: 'a', inputTokens: 1_000_000, outputTokens: 0 }, { text: 'b' }], { budgets: { project: { maxCostUsd: 1 } } });
    await gateway.call('hunt', ASK);
    const error = await gateway.call('hunt', ASK).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AiBudgetExceededError);
    expect((error as Error).message).toBe('The project AI cost budget is reached ($1.0000 of $1.0000)');
    // A new run of the same project starts with the spend already recorded.
    const settings = gateway.settings;
    const again = await ModelGateway.open({ settings, recorder: store, projectId: project.id, now: () => new Date(), clock: () => 0 });
    expect(() => { again.checkBudget(); }).toThrow(AiBudgetExceededError);
    expect(double?.requests).toHaveLength(1);
  });
});

describe('callForJson', () => {
  it('repairs malformed output with one follow-up request that lists the schema problems', async () => {
    const { gateway, project } = await gatewayFor([{ text: 'Sure! {"verdict": "maybe"}' }, { text: '```json\n{"verdict":"no"}\n```' }]);
    const { value, responses } = await callForJson(gateway, 'triage', ASK, SCHEMA);
    expect(value).toEqual({ verdict: 'no' });
    expect(responses).toHaveLength(2);
    const repair = JSON.stringify(double?.requests[1]?.body.messages);
    expect(repair).toContain('Your reply was rejected: /verdict must be equal to one of the allowed values');
    expect(await store.listModelCalls({ projectId: project.id })).toHaveLength(2);
  });

  it('fails with ModelOutputError when the repaired reply is still invalid', async () => {
    const { gateway } = await gatewayFor([{ text: 'no JSON here' }, { text: '{"verdict": 3}' }, { text: '{"verdict":"yes"}' }]);
    await expect(callForJson(gateway, 'triage', ASK, SCHEMA)).rejects.toBeInstanceOf(ModelOutputError);
    expect(double?.requests).toHaveLength(2);
  });
});
