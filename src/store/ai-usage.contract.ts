import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { NotFoundError, UsageError, type Finding } from '../core/index.js';
import type { ModelCallInput, Project, Store } from './index.js';

/** What the AI usage contract needs from the enclosing store contract. */
export interface AiUsageContractContext {
  readonly store: () => Store;
  readonly newProject: () => Promise<Project>;
  readonly scan: (project: Project, findings: readonly Finding[]) => Promise<unknown>;
  readonly makeFinding: (key: string, overrides?: Partial<Finding>) => Finding;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function call(project: Project, overrides: Partial<ModelCallInput> = {}): ModelCallInput {
  return {
    at: '2026-05-01T10:00:00.000Z',
    actor: 'alice',
    projectId: project.id,
    purpose: 'hunt',
    provider: 'anthropic',
    model: 'claude-test',
    inputTokens: 1000,
    outputTokens: 200,
    costUsd: 0.006,
    latencyMs: 812,
    attempts: 1,
    status: 'ok',
    promptSha256: sha('prompt'),
    responseSha256: sha('response'),
    ...overrides,
  };
}

/** Model calls and triage verdicts; called inside `describeStoreContract`. */
export function describeAiUsageContract(ctx: AiUsageContractContext): void {
  describe('AI usage record', () => {
    it('records a model call and lists it back with every field', async () => {
      const project = await ctx.newProject();
      const input = call(project, { findingFingerprint: 'fp-x', promptText: 'p', responseText: 'r' });
      const recorded = await ctx.store().recordModelCall(input);
      expect(recorded).toEqual({ ...input, id: recorded.id });
      expect(await ctx.store().listModelCalls({ projectId: project.id })).toEqual([recorded]);
    });

    it('sums spend by project, purpose and model', async () => {
      const project = await ctx.newProject();
      await ctx.store().recordModelCall(call(project));
      await ctx.store().recordModelCall(call(project, { purpose: 'triage', model: 'gpt-test', provider: 'openai', costUsd: 0.001, inputTokens: 10, outputTokens: 5 }));
      await ctx.store().recordModelCall(call(project, { costUsd: 0.004, inputTokens: 500, outputTokens: 100 }));
      const summary = await ctx.store().summarizeModelUsage({ projectId: project.id });
      expect(summary.total).toEqual({ calls: 3, inputTokens: 1510, outputTokens: 305, costUsd: 0.011 });
      expect(summary.byProject).toEqual([{ projectId: project.id, projectName: project.name, calls: 3, inputTokens: 1510, outputTokens: 305, costUsd: 0.011 }]);
      expect(summary.byPurpose).toEqual([
        { purpose: 'hunt', calls: 2, inputTokens: 1500, outputTokens: 300, costUsd: 0.01 },
        { purpose: 'triage', calls: 1, inputTokens: 10, outputTokens: 5, costUsd: 0.001 },
      ]);
      expect(summary.byModel.map((m) => [m.provider, m.model, m.calls])).toEqual([
        ['anthropic', 'claude-test', 2],
        ['openai', 'gpt-test', 1],
      ]);
    });

    it('rejects a call without a valid prompt hash or with negative tokens', async () => {
      const project = await ctx.newProject();
      await expect(ctx.store().recordModelCall(call(project, { promptSha256: 'abc' }))).rejects.toBeInstanceOf(UsageError);
      await expect(ctx.store().recordModelCall(call(project, { inputTokens: -1 }))).rejects.toBeInstanceOf(UsageError);
      expect(await ctx.store().listModelCalls({ projectId: project.id })).toEqual([]);
    });

    it('keeps triage verdicts beside a finding without changing it', async () => {
      const project = await ctx.newProject();
      await ctx.scan(project, [ctx.makeFinding('triaged')]);
      const [finding] = await ctx.store().listFindings({ projectId: project.id });
      if (!finding) throw new Error('the scan stored no finding');
      const first = await ctx.store().saveTriageVerdict({ findingId: finding.id, at: '2026-05-01T10:00:00.000Z', verdict: 'false-positive', confidence: 0.75, reasoning: 'constant input', model: 'm' });
      const second = await ctx.store().saveTriageVerdict({ findingId: finding.id, at: '2026-05-02T10:00:00.000Z', verdict: 'true-positive', confidence: 0.5, reasoning: 'analyst said so', model: 'm' });
      expect(await ctx.store().listTriageVerdicts(finding.id)).toEqual([first, second]);
      expect((await ctx.store().getFinding(finding.id)).state).toBe('open');
      await expect(ctx.store().saveTriageVerdict({ ...first, findingId: '00000000-0000-4000-8000-000000000000' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(ctx.store().saveTriageVerdict({ ...first, confidence: 2 })).rejects.toBeInstanceOf(UsageError);
    });
  });
}
