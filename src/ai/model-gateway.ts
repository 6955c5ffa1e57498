import { createHash } from 'node:crypto';

import type { ModelCall, ModelCallInput, ModelCallFilter, ModelUsageSummary, ModelUsageTotals } from '../store/index.js';
import { redactSecrets, type AiSettings, type Budget } from './ai-config.js';
import { AiBudgetExceededError, ModelCallError } from './errors.js';
import { createProvider } from './providers/create-provider.js';
import type { AiPurpose, ModelProvider, ModelRequest, ModelResponse, Sleep } from './types.js';

/** Where model calls are recorded: the store implements it. */
export interface UsageRecorder {
  recordModelCall(input: ModelCallInput): Promise<ModelCall>;
  summarizeModelUsage(filter?: ModelCallFilter): Promise<ModelUsageSummary>;
}

/** What a call served, for the record. */
export interface CallContext {
  readonly findingId?: string;
  readonly findingFingerprint?: string;
}

/** Options of {@link openModelGateway}. */
export interface ModelGatewayOptions {
  readonly settings: AiSettings;
  readonly recorder?: UsageRecorder;
  readonly projectId?: string;
  readonly scanId?: string;
  readonly now: () => Date;
  /** Monotonic milliseconds, for latency. */
  readonly clock: () => number;
  readonly sleep?: Sleep;
}

/** A reply with the id of its usage record. */
export interface GatewayResponse extends ModelResponse {
  readonly callId?: string;
  readonly costUsd: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const ZERO: ModelUsageTotals = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

/**
 * The one layer every model call goes through: it picks the provider of the purpose, refuses calls once a
 * budget (this scan's, or the project's over all time) is spent, prices the tokens, and records each call
 * (hashes always; full text only when `recordText`). Keys never leave the providers.
 */
export class ModelGateway {
  private readonly providers = new Map<AiPurpose, ModelProvider>();
  private spentHere: ModelUsageTotals = ZERO;

  private constructor(
    private readonly options: ModelGatewayOptions,
    private readonly projectBefore: ModelUsageTotals,
  ) {}

  /** Open a gateway; reads the project's spend so far when a recorder and project are given. */
  static async open(options: ModelGatewayOptions): Promise<ModelGateway> {
    const before =
      options.recorder && options.projectId !== undefined
        ? (await options.recorder.summarizeModelUsage({ projectId: options.projectId })).total
        : ZERO;
    return new ModelGateway(options, before);
  }

  /** The settings in force. */
  get settings(): AiSettings {
    return this.options.settings;
  }

  /** What this gateway spent so far. */
  spent(): ModelUsageTotals {
    return this.spentHere;
  }

  /** The model configured for a purpose. */
  modelFor(purpose: AiPurpose): string {
    return this.options.settings.providers[purpose].model;
  }

  /** Throws {@link AiBudgetExceededError} when the next call is not allowed. */
  checkBudget(): void {
    const { scan, project } = this.options.settings.budgets;
    this.checkOne('scan', scan, this.spentHere);
    this.checkOne('project', project, {
      calls: 0,
      inputTokens: this.projectBefore.inputTokens + this.spentHere.inputTokens,
      outputTokens: this.projectBefore.outputTokens + this.spentHere.outputTokens,
      costUsd: this.projectBefore.costUsd + this.spentHere.costUsd,
    });
  }

  /** Call the model of `purpose`; metered, budgeted and recorded. */
  async call(purpose: AiPurpose, request: ModelRequest, context: CallContext = {}): Promise<GatewayResponse> {
    this.checkBudget();
    const settings = this.options.settings;
    const provider = this.provider(purpose);
    const maxTokens = Math.max(1, Math.min(request.maxTokens ?? settings.providers[purpose].maxTokens, this.remainingTokens()));
    const sent: ModelRequest = { ...request, maxTokens };
    const prompt = JSON.stringify({ provider: provider.kind, model: provider.model, system: sent.system, messages: sent.messages, tools: sent.tools ?? [], maxTokens });
    const at = this.options.now().toISOString();
    const started = this.options.clock();
    const base = {
      at,
      actor: settings.user,
      ...(this.options.projectId === undefined ? {} : { projectId: this.options.projectId }),
      ...(this.options.scanId === undefined ? {} : { scanId: this.options.scanId }),
      ...(context.findingId === undefined ? {} : { findingId: context.findingId }),
      ...(context.findingFingerprint === undefined ? {} : { findingFingerprint: context.findingFingerprint }),
      purpose,
      provider: provider.kind,
      model: provider.model,
      promptSha256: sha256(prompt),
      ...(settings.recordText ? { promptText: redactSecrets(prompt, settings.secrets) } : {}),
    };
    let response: ModelResponse;
    try {
      response = await provider.complete(sent);
    } catch (error: unknown) {
      const message = redactSecrets(error instanceof Error ? error.message : String(error), settings.secrets);
      await this.options.recorder?.recordModelCall({
        ...base,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: this.latency(started),
        attempts: error instanceof ModelCallError ? Math.max(1, error.attempts) : 1,
        status: 'error',
        error: message,
      });
      throw error;
    }
    const costUsd = this.price(provider.model, response.usage.inputTokens, response.usage.outputTokens);
    const reply = JSON.stringify({ text: response.text, toolCalls: response.toolCalls, stopReason: response.stopReason });
    this.spentHere = {
      calls: this.spentHere.calls + 1,
      inputTokens: this.spentHere.inputTokens + response.usage.inputTokens,
      outputTokens: this.spentHere.outputTokens + response.usage.outputTokens,
      // Cents of cents: sums of priced calls stay exact to 8 places, as the store keeps them.
      costUsd: Math.round((this.spentHere.costUsd + costUsd) * 1e8) / 1e8,
    };
    const record = await this.options.recorder?.recordModelCall({
      ...base,
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
      costUsd,
      latencyMs: this.latency(started),
      attempts: response.attempts,
      status: 'ok',
      responseSha256: sha256(reply),
      ...(settings.recordText ? { responseText: redactSecrets(reply, settings.secrets) } : {}),
    });
    return { ...response, costUsd, ...(record ? { callId: record.id } : {}) };
  }

  private provider(purpose: AiPurpose): ModelProvider {
    let provider = this.providers.get(purpose);
    if (!provider) {
      provider = createProvider(this.options.settings.providers[purpose], { sleep: this.options.sleep ?? realSleep });
      this.providers.set(purpose, provider);
    }
    return provider;
  }

  /** USD for the tokens, from the configured price table; 0 for an unpriced model. */
  private price(model: string, input: number, output: number): number {
    const price = this.options.settings.prices[model];
    if (!price) return 0;
    return Math.round(((input * price.inputPerMTok + output * price.outputPerMTok) / 1_000_000) * 1e8) / 1e8;
  }

  private remainingTokens(): number {
    const { scan, project } = this.options.settings.budgets;
    const used = this.spentHere.inputTokens + this.spentHere.outputTokens;
    const usedProject = used + this.projectBefore.inputTokens + this.projectBefore.outputTokens;
    return Math.min(
      scan.maxTokens === undefined ? Number.POSITIVE_INFINITY : scan.maxTokens - used,
      project.maxTokens === undefined ? Number.POSITIVE_INFINITY : project.maxTokens - usedProject,
    );
  }

  private latency(started: number): number {
    return Math.max(0, Math.round(this.options.clock() - started));
  }

  private checkOne(scope: 'scan' | 'project', budget: Budget, spent: ModelUsageTotals): void {
    const tokens = spent.inputTokens + spent.outputTokens;
    if (budget.maxTokens !== undefined && tokens >= budget.maxTokens) {
      throw new AiBudgetExceededError(scope, 'tokens', tokens, budget.maxTokens);
    }
    if (budget.maxCostUsd !== undefined && spent.costUsd >= budget.maxCostUsd) {
      throw new AiBudgetExceededError(scope, 'cost', spent.costUsd, budget.maxCostUsd);
    }
  }
}
