import { fileURLToPath } from 'node:url';

import type { AiConfigBlock } from '../../config/index.js';
import { DEFAULT_CONFIG } from '../../config/index.js';
import { analyze } from '../../engine/index.js';
import { ALL_MODELS } from '../../models/index.js';
import { ALL_RULES } from '../../rules/index.js';
import { walkSources } from '../../scan/index.js';
import { ProjectSnapshot } from '../project-snapshot.js';

/** examples/payments-api, where the planted IDOR lives. */
export const PAYMENTS_API = fileURLToPath(new URL('../../../examples/payments-api/', import.meta.url));

/** A key that must never show up in anything stored or printed. */
export const TEST_KEY = 'sk-ant-test-SECRET-4f1c9e0d7b';

/** An `ai:` block pointing at a test double. */
export function aiBlock(kind: 'anthropic' | 'openai', baseUrl: string, overrides: Partial<AiConfigBlock> = {}): AiConfigBlock {
  return {
    provider: { kind, model: kind === 'anthropic' ? 'claude-test' : 'gpt-test', baseUrl, apiKeyEnv: 'YAGURA_TEST_AI_KEY', maxRetries: 2, timeoutMs: 10_000 },
    prices: { 'claude-test': { inputPerMTok: 3, outputPerMTok: 15 }, 'gpt-test': { inputPerMTok: 1, outputPerMTok: 2 } },
    hunt: { maxTargets: 1, maxRounds: 5 },
    ...overrides,
  };
}

/** The environment entry points would pass. */
export const TEST_ENV = { YAGURA_TEST_AI_KEY: TEST_KEY, USER: 'alice' };

/** A snapshot of a project folder, analysed by the real engine. */
export async function snapshotOf(root: string): Promise<ProjectSnapshot> {
  const walk = await walkSources(root, DEFAULT_CONFIG);
  const analysis = await analyze({ root: walk.root, files: walk.files }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'auto' });
  return new ProjectSnapshot(walk.root, walk.files, analysis, 'auto');
}

/** A sleep that records the waits instead of sleeping. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => { waits.push(ms); return Promise.resolve(); } };
}
