import { tmpdir } from 'node:os';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { resolveAiSettings, type AiSettings } from './ai-config.js';
import { hunt } from './hunter.js';
import { ModelGateway } from './model-gateway.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { aiBlock, PAYMENTS_API, snapshotOf, TEST_ENV } from './test-support/ai-fixtures.js';
import { startAnthropicTestDouble, type AnthropicTestDouble } from './test-support/anthropic-test-double.js';
import { FALSE_CLAIM, huntTurns, IDOR_CLAIM } from './test-support/planted-idor.js';
import { startOpenAiTestDouble } from './test-support/openai-test-double.js';
import type { ScriptedTurn } from './test-support/scripted-turns.js';

let snapshot: ProjectSnapshot;
let double: AnthropicTestDouble | undefined;

beforeAll(async () => {
  snapshot = await snapshotOf(PAYMENTS_API);
});

afterEach(async () => {
  await double?.close();
  double = undefined;
});

async function setup(turns: ScriptedTurn[], overrides: Parameters<typeof aiBlock>[2] = {}): Promise<{ gateway: ModelGateway; settings: AiSettings }> {
  double = await startAnthropicTestDouble(turns);
  const settings = resolveAiSettings(aiBlock('anthropic', double.baseUrl, overrides), TEST_ENV);
  if (!settings) throw new Error('no settings');
  const gateway = await ModelGateway.open({ settings, now: () => new Date('2026-05-01T10:00:00Z'), clock: () => performance.now() });
  return { gateway, settings };
}

const verify = { runs: 3, required: 2, timeoutMs: 10_000, memoryMb: 256, nodePath: process.execPath, tempDir: tmpdir() };

describe('hunt', () => {
  it('finds the planted IDOR and proves it with a witness reproduced 3 of 3 times in the sandbox', async () => {
    const { gateway } = await setup(huntTurns(IDOR_CLAIM));
    const result = await hunt({ gateway, snapshot, verify });
    expect(result.targets).toEqual([{ file: 'src/lib/accounts.js', focus: 'getAccountSummary', reason: 'returns account data by id' }]);
    expect(result.rejected).toEqual([]);
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      ruleId: 'ai/missing-authorization',
      origin: 'ai',
      confidence: 'high',
      location: { file: 'src/lib/accounts.js', startLine: 14 },
      properties: { label: 'AI-reported', aiState: 'proven', proof: { verdict: 'proven', reproductions: 3, runs: 3, required: 2, sandbox: 'bubblewrap', control: { reproduced: false } } },
    });
    expect(finding?.message).toMatch(/^\[AI-reported\]/);
    expect(finding?.flow.map((s) => s.kind)).toEqual(['source', 'sink']);
    // The read_file tool result went back to the model, in an Anthropic tool_result block.
    const readTurn = JSON.stringify(double?.requests[2]?.body.messages);
    expect(readTurn).toContain('tool_result');
    expect(readTurn).toContain('function getAccountSummary(session, accountId)');
    expect(double?.requests.every((r) => r.body.stream === true)).toBe(true);
  });

  it('rejects a false claim whose witness does not reproduce, and reports no finding for it', async () => {
    const { gateway } = await setup(huntTurns(FALSE_CLAIM));
    const result = await hunt({ gateway, snapshot, verify });
    expect(result.findings).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.verification).toMatchObject({ state: 'rejected', reproductions: 0, required: 2 });
    expect(result.rejected[0]?.verification.runs).toHaveLength(3);
  });

  it('stops cleanly when the scan token budget is spent mid-hunt and still verifies what it found', async () => {
    const { gateway } = await setup(huntTurns(IDOR_CLAIM, { inputTokens: 150, outputTokens: 50 }), { budgets: { scan: { maxTokens: 600 } } });
    const result = await hunt({ gateway, snapshot, verify });
    expect(result.stopped).toBe('The scan AI tokens budget is reached (600 of 600 tokens)');
    // Ranking, read and report were paid; the finish turn was never requested.
    expect(double?.requests).toHaveLength(3);
    expect(result.findings.map((f) => f.properties?.aiState)).toEqual(['proven']);
    expect(gateway.spent()).toEqual({ calls: 3, inputTokens: 450, outputTokens: 150, costUsd: 0.00360 });
  });

  it('rejects a witness that prints the claimed output whether or not the claimed code is there', async () => {
    const cheat = { ...IDOR_CLAIM, witness: { script: "// src/lib/accounts\nconsole.log('IDOR: bob read acc-1001');", expectStdout: 'IDOR: bob read acc-1001' } };
    const { gateway } = await setup(huntTurns(cheat));
    const result = await hunt({ gateway, snapshot, verify });
    expect(result.findings).toEqual([]);
    expect(result.rejected[0]?.verification).toMatchObject({ state: 'rejected', reproductions: 3, control: { reproduced: true } });
    expect(result.rejected[0]?.verification.reason).toContain('the witness does not depend on the claimed code');
  });

  it('keeps a candidate without a witness as suspected', async () => {
    const withoutWitness: Partial<typeof IDOR_CLAIM> = { ...IDOR_CLAIM };
    delete withoutWitness.witness;
    const { gateway } = await setup(huntTurns(withoutWitness));
    const result = await hunt({ gateway, snapshot, verify });
    expect(result.findings.map((f) => [f.properties?.aiState, f.confidence])).toEqual([['suspected', 'low']]);
  });

  it('hands a malformed report back to the model as a tool error instead of accepting it', async () => {
    const turns = huntTurns(IDOR_CLAIM);
    const broken: ScriptedTurn = { toolCalls: [{ name: 'report_finding', input: { ...IDOR_CLAIM, severity: 'catastrophic' } }] };
    const { gateway } = await setup([...turns.slice(0, 2), broken, ...turns.slice(2)]);
    const result = await hunt({ gateway, snapshot, verify });
    const repairRequest = JSON.stringify(double?.requests[3]?.body.messages);
    expect(repairRequest).toContain('"is_error":true');
    expect(repairRequest).toContain('invalid input: /severity must be equal to one of the allowed values');
    expect(result.findings.map((f) => f.properties?.aiState)).toEqual(['proven']);
  });

  it('proves the same bug through an OpenAI-compatible endpoint (tool_calls), reading the team threat model first', async () => {
    const openai = await startOpenAiTestDouble(huntTurns(IDOR_CLAIM));
    try {
      const settings = resolveAiSettings(aiBlock('openai', openai.baseUrl), TEST_ENV);
      if (!settings) throw new Error('no settings');
      const gateway = await ModelGateway.open({ settings, now: () => new Date(), clock: () => 0 });
      const result = await hunt({ gateway, snapshot, verify, threatModel: '# Threat model\nCustomers must only see their own accounts.' });
      expect(result.findings.map((f) => [f.ruleId, f.properties?.aiState])).toEqual([['ai/missing-authorization', 'proven']]);
      expect(JSON.stringify(openai.requests[0]?.body.messages)).toContain('Customers must only see their own accounts.');
      expect(JSON.stringify(openai.requests[2]?.body.messages)).toContain('"role":"tool"');
    } finally {
      await openai.close();
    }
  });

  it('lets the hunter try its witness in the sandbox before reporting, and shows it the output', async () => {
    const turns = huntTurns(IDOR_CLAIM);
    const trial: ScriptedTurn = { toolCalls: [{ name: 'run_proof', input: IDOR_CLAIM.witness }] };
    const escape: ScriptedTurn = { toolCalls: [{ name: 'run_proof', input: { ...IDOR_CLAIM.witness, files: { 'src/lib/accounts.js': 'module.exports = {}' } } }] };
    const { gateway } = await setup([...turns.slice(0, 2), trial, escape, ...turns.slice(2)], { hunt: { maxTargets: 1, maxRounds: 8 } });
    const result = await hunt({ gateway, snapshot, verify });
    const afterTrial = JSON.stringify(double?.requests[3]?.body.messages);
    expect(afterTrial).toContain('\\"reproduced\\":true');
    expect(afterTrial).toContain('IDOR: bob read acc-1001 balance 1250000');
    // A witness may add stub files but never replace project code.
    expect(JSON.stringify(double?.requests[4]?.body.messages)).toContain('the witness may not replace the project file src/lib/accounts.js');
    expect(result.findings.map((f) => f.properties?.aiState)).toEqual(['proven']);
  });
});
