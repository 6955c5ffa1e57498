import type { AiConfigBlock, AiProviderBlock } from '../config/index.js';
import { AiNotConfiguredError } from './errors.js';
import type { AiPurpose } from './types.js';

/** A provider's settings with defaults filled in and its key read from the environment. */
export interface ProviderSettings {
  readonly kind: 'anthropic' | 'openai';
  readonly model: string;
  readonly baseUrl: string;
  /** The API key; empty for local endpoints that need none. Never logged, stored or printed. */
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxTokens: number;
}

/** A budget; `undefined` limits are unlimited. */
export interface Budget {
  readonly maxTokens?: number;
  readonly maxCostUsd?: number;
}

/** The `ai:` block resolved against defaults and the environment. */
export interface AiSettings {
  readonly providers: Readonly<Record<AiPurpose, ProviderSettings>>;
  /** USD per million tokens by model. */
  readonly prices: Readonly<Record<string, { readonly inputPerMTok: number; readonly outputPerMTok: number }>>;
  readonly budgets: { readonly scan: Budget; readonly project: Budget };
  readonly hunt: { readonly maxTargets: number; readonly maxRounds: number };
  readonly proof: { readonly runs: number; readonly required: number; readonly timeoutMs: number; readonly memoryMb: number };
  readonly recordText: boolean;
  readonly user: string;
  /** Every API key in use, for redaction of anything that leaves the AI layer. */
  readonly secrets: readonly string[];
}

const DEFAULT_BASE_URL = { anthropic: 'https://api.anthropic.com', openai: 'https://api.openai.com/v1' } as const;
const DEFAULT_KEY_ENV = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' } as const;
const PURPOSES: readonly AiPurpose[] = ['hunt', 'triage', 'verify', 'patch', 'threat-model'];

function resolveProvider(base: AiProviderBlock, override: AiProviderBlock | undefined, env: Readonly<Record<string, string | undefined>>): ProviderSettings {
  // A purpose that switches provider kind does not inherit the other kind's endpoint or key variable.
  const sameKind = override?.kind === undefined || override.kind === base.kind;
  const merged: AiProviderBlock = sameKind ? { ...base, ...override } : { ...override };
  const kind = merged.kind ?? 'anthropic';
  const model = merged.model ?? base.model;
  if (model === undefined) throw new AiNotConfiguredError('ai.provider.model is missing');
  const keyEnv = merged.apiKeyEnv ?? DEFAULT_KEY_ENV[kind];
  const apiKey = env[keyEnv] ?? '';
  // Anthropic's API always needs a key; OpenAI-compatible local servers (Ollama, vLLM) often do not.
  if (kind === 'anthropic' && apiKey === '') {
    throw new AiNotConfiguredError(`The Anthropic API key variable ${keyEnv} is not set`);
  }
  return {
    kind,
    model,
    baseUrl: (merged.baseUrl ?? DEFAULT_BASE_URL[kind]).replace(/\/+$/, ''),
    apiKey,
    timeoutMs: merged.timeoutMs ?? 120_000,
    maxRetries: merged.maxRetries ?? 3,
    maxTokens: merged.maxTokens ?? 4096,
  };
}

/**
 * Resolve the configuration's `ai:` block: one provider per purpose (the default provider unless
 * `purposes` overrides it), keys from `env`. `undefined` when no model is configured.
 * @example
 * const ai = resolveAiSettings(config.ai, io.env);
 */
export function resolveAiSettings(block: AiConfigBlock | undefined, env: Readonly<Record<string, string | undefined>>): AiSettings | undefined {
  if (block === undefined) return undefined;
  const providers = Object.fromEntries(
    PURPOSES.map((purpose) => [purpose, resolveProvider(block.provider, block.purposes?.[purpose], env)]),
  ) as Record<AiPurpose, ProviderSettings>;
  const secrets = [...new Set(Object.values(providers).map((p) => p.apiKey).filter((k) => k !== ''))];
  return {
    providers,
    prices: block.prices ?? {},
    budgets: { scan: block.budgets?.scan ?? {}, project: block.budgets?.project ?? {} },
    hunt: { maxTargets: block.hunt?.maxTargets ?? 5, maxRounds: block.hunt?.maxRounds ?? 12 },
    proof: { runs: 3, required: 2, timeoutMs: block.proof?.timeoutMs ?? 10_000, memoryMb: block.proof?.memoryMb ?? 256 },
    recordText: block.recordText ?? false,
    user: block.user ?? env.USER ?? 'yagura',
    secrets,
  };
}

/** Replace every secret in `text` with `***` (error texts of HTTP clients can echo request details). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
