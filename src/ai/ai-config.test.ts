import { describe, expect, it } from 'vitest';

import { ConfigError } from '../core/index.js';
import { parseConfigText } from '../config/index.js';
import { redactSecrets, resolveAiSettings } from './ai-config.js';
import { AiNotConfiguredError } from './errors.js';

const YAML = `
ai:
  provider: { kind: anthropic, model: claude-big, apiKeyEnv: MY_KEY }
  purposes:
    triage: { kind: openai, model: qwen-local, baseUrl: "http://127.0.0.1:11434/v1" }
  prices: { claude-big: { inputPerMTok: 15, outputPerMTok: 75 } }
  budgets: { scan: { maxCostUsd: 5 }, project: { maxTokens: 1000000 } }
`;

describe('the ai: configuration block', () => {
  it('resolves a provider per purpose, with keys from the environment and a local endpoint without one', () => {
    const raw = parseConfigText('yagura.config.yaml', YAML);
    const settings = resolveAiSettings(raw.ai, { MY_KEY: 'k-123456', USER: 'carol' });
    expect(settings?.providers.hunt).toEqual({ kind: 'anthropic', model: 'claude-big', baseUrl: 'https://api.anthropic.com', apiKey: 'k-123456', timeoutMs: 120_000, maxRetries: 3, maxTokens: 4096 });
    // A purpose that switches to another kind inherits neither the endpoint nor the key variable.
    expect(settings?.providers.triage).toMatchObject({ kind: 'openai', model: 'qwen-local', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: '' });
    expect(settings?.budgets).toEqual({ scan: { maxCostUsd: 5 }, project: { maxTokens: 1_000_000 } });
    expect(settings?.proof).toMatchObject({ runs: 3, required: 2 });
    expect(settings?.user).toBe('carol');
    expect(settings?.secrets).toEqual(['k-123456']);
  });

  it('is strict: an API key written in the file is an unknown key', () => {
    expect(() => parseConfigText('y.yaml', 'ai:\n  provider: { kind: anthropic, model: m, apiKey: sk-live }\n')).toThrow(ConfigError);
    expect(() => parseConfigText('y.yaml', 'ai:\n  provider: { kind: anthropic, model: m, apiKey: sk-live }\n')).toThrow('ai.provider.apiKey: unknown key');
    expect(() => parseConfigText('y.yaml', 'ai:\n  provider: { kind: gemini, model: m }\n')).toThrow(ConfigError);
  });

  it('needs the Anthropic key variable to be set, and is undefined without an ai: block', () => {
    const raw = parseConfigText('yagura.config.yaml', YAML);
    expect(() => resolveAiSettings(raw.ai, {})).toThrow(AiNotConfiguredError);
    expect(() => resolveAiSettings(raw.ai, {})).toThrow('The Anthropic API key variable MY_KEY is not set');
    expect(resolveAiSettings(undefined, { MY_KEY: 'k' })).toBeUndefined();
  });

  it('redacts every secret from a text', () => {
    expect(redactSecrets('auth k-123456 failed for k-123456', ['k-123456'])).toBe('auth *** failed for ***');
  });
});
