import { afterEach, describe, expect, it } from 'vitest';

import { resolveAiSettings } from '../ai-config.js';
import { ModelCallError } from '../errors.js';
import { aiBlock, recordingSleep, TEST_ENV, TEST_KEY } from '../test-support/ai-fixtures.js';
import { startAnthropicTestDouble } from '../test-support/anthropic-test-double.js';
import { startOpenAiTestDouble } from '../test-support/openai-test-double.js';
import type { Script } from '../test-support/scripted-turns.js';
import type { ModelRequest } from '../types.js';
import { createProvider } from './create-provider.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function providerFor(kind: 'anthropic' | 'openai', script: Script) {
  const double = kind === 'anthropic' ? await startAnthropicTestDouble(script) : await startOpenAiTestDouble(script);
  closers.push(() => double.close());
  const settings = resolveAiSettings(aiBlock(kind, double.baseUrl), TEST_ENV)?.providers.hunt;
  if (!settings) throw new Error('no settings');
  const { sleep, waits } = recordingSleep();
  return { provider: createProvider(settings, { sleep }), double, waits };
}

const REQUEST: ModelRequest = {
  system: 'sys',
  messages: [{ role: 'user', text: 'hello' }],
  tools: [{ name: 'read_file', description: 'read', inputSchema: { properties: { path: { type: 'string' } } } }],
};

describe.each(['anthropic', 'openai'] as const)('%s provider', (kind) => {
  it('returns text, tool calls with parsed input, and token usage', async () => {
    const { provider, double } = await providerFor(kind, [
      { text: 'Let me look.', toolCalls: [{ name: 'read_file', input: { path: 'src/a.js' } }], inputTokens: 321, outputTokens: 45 },
    ]);
    const response = await provider.complete(REQUEST);
    expect(response).toMatchObject({ text: 'Let me look.', usage: { inputTokens: 321, outputTokens: 45 }, attempts: 1 });
    expect(response.toolCalls).toEqual([{ id: expect.any(String) as string, name: 'read_file', input: { path: 'src/a.js' } }]);
    const headers = double.requests[0]?.headers ?? {};
    // The SDK authenticates with `x-api-key` or, in recent versions, a bearer token.
    expect(kind === 'anthropic' && headers['x-api-key'] === TEST_KEY ? `Bearer ${TEST_KEY}` : headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    if (kind === 'anthropic') expect(headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('sends tool results back in the wire format of the provider', async () => {
    const { provider, double } = await providerFor(kind, [{ text: 'ok' }]);
    await provider.complete({
      ...REQUEST,
      messages: [
        { role: 'user', text: 'hello' },
        { role: 'assistant', text: '', toolCalls: [{ id: 'c1', name: 'read_file', input: { path: 'a' } }] },
        { role: 'tool', results: [{ callId: 'c1', content: 'file text' }] },
      ],
    });
    const messages = JSON.stringify(double.requests[0]?.body.messages);
    if (kind === 'anthropic') expect(messages).toContain('{"type":"tool_result","tool_use_id":"c1","content":"file text"}');
    else expect(messages).toContain('{"role":"tool","tool_call_id":"c1","content":"file text"}');
  });

  it('retries a 429 after the retry-after the server asked for, then a 500 with backoff', async () => {
    const { provider, double, waits } = await providerFor(kind, [{ status: 429, retryAfter: '7' }, { status: 500 }, { text: 'finally' }]);
    const response = await provider.complete(REQUEST);
    expect(response.text).toBe('finally');
    expect(response.attempts).toBe(3);
    expect(double.requests).toHaveLength(3);
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBeGreaterThanOrEqual(750);
    expect(waits[1]).toBeLessThanOrEqual(1250);
  });

  it('gives up after its retries with a ModelCallError that names the status and never the key', async () => {
    const { provider, double } = await providerFor(kind, [{ status: 503 }, { status: 503 }, { status: 503 }, { text: 'too late' }]);
    const error = await provider.complete(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).status).toBe(503);
    expect((error as ModelCallError).attempts).toBe(3);
    expect((error as Error).message).not.toContain(TEST_KEY);
    expect(double.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    const { provider, double } = await providerFor(kind, [{ status: 400 }, { text: 'never' }]);
    await expect(provider.complete(REQUEST)).rejects.toMatchObject({ code: 'MODEL_CALL_FAILED', status: 400, attempts: 1 });
    expect(double.requests).toHaveLength(1);
  });
});
