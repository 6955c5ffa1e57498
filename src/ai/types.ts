import type { ModelCallPurpose } from '../store/index.js';

/** Why a model is called; each purpose may use its own provider and model. */
export type AiPurpose = ModelCallPurpose;

/** A tool the model may call, with the JSON Schema of its input. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

/** A tool call the model asked for. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** The answer to one tool call. */
export interface ToolResult {
  readonly callId: string;
  readonly content: string;
  readonly isError?: boolean;
}

/** A turn of a conversation, independent of the provider's wire format. */
export type ChatMessage =
  | { readonly role: 'user'; readonly text: string }
  | { readonly role: 'assistant'; readonly text: string; readonly toolCalls: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly results: readonly ToolResult[] };

/** One request to a model. */
export interface ModelRequest {
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolSpec[];
  readonly maxTokens?: number;
}

/** Token counts of one reply. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A model's reply. */
export interface ModelResponse {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  /** `end_turn`, `tool_use`, `max_tokens`, `stop`... as the provider says. */
  readonly stopReason: string;
  readonly usage: TokenUsage;
  /** The model that answered, as the provider names it. */
  readonly model: string;
  /** HTTP attempts it took (1 without retries). */
  readonly attempts: number;
}

/** A model endpoint. Implementations: Anthropic Messages (SDK, streaming) and OpenAI-compatible chat completions. */
export interface ModelProvider {
  readonly kind: 'anthropic' | 'openai';
  readonly model: string;
  complete(request: ModelRequest): Promise<ModelResponse>;
}

/** Waits `ms` milliseconds; injectable so tests of retries do not sleep. */
export type Sleep = (ms: number) => Promise<void>;
