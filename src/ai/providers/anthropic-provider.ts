import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type { MessageParam, Tool, ContentBlockParam } from '@anthropic-ai/sdk/resources/messages/messages';

import type { ProviderSettings } from '../ai-config.js';
import { redactSecrets } from '../ai-config.js';
import { ModelCallError } from '../errors.js';
import type { ChatMessage, ModelProvider, ModelRequest, ModelResponse, Sleep, ToolCall } from '../types.js';
import { isRetryableStatus, parseRetryAfter, withRetries, type AttemptFailure } from './retry.js';

/** Our turns as Anthropic messages; consecutive user-side turns (tool results, then text) are merged. */
export function toAnthropicMessages(messages: readonly ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  const pushUser = (blocks: ContentBlockParam[]): void => {
    const last = out.at(-1);
    if (last?.role === 'user' && Array.isArray(last.content)) last.content.push(...blocks);
    else out.push({ role: 'user', content: blocks });
  };
  for (const m of messages) {
    if (m.role === 'user') pushUser([{ type: 'text', text: m.text }]);
    else if (m.role === 'tool') {
      pushUser(m.results.map((r) => ({ type: 'tool_result', tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) })));
    } else {
      const content: ContentBlockParam[] = [];
      if (m.text !== '') content.push({ type: 'text', text: m.text });
      for (const call of m.toolCalls) content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.input });
      out.push({ role: 'assistant', content });
    }
  }
  return out;
}

/** Status and `retry-after` of an SDK error, read defensively (the SDK types them loosely). */
function httpFacts(error: unknown): { status: number | undefined; retryAfter: string | null } {
  if (!(error instanceof APIError)) return { status: undefined, retryAfter: null };
  const status: unknown = error.status;
  const headers: unknown = error.headers;
  return {
    status: typeof status === 'number' ? status : undefined,
    retryAfter: headers instanceof Headers ? headers.get('retry-after') : null,
  };
}

function classify(error: unknown): AttemptFailure {
  const { status, retryAfter } = httpFacts(error);
  if (status !== undefined) return { retryable: isRetryableStatus(status), retryAfterMs: parseRetryAfter(retryAfter) };
  // Connection failures and timeouts carry no status.
  return { retryable: error instanceof APIConnectionError };
}

/**
 * The Anthropic Messages API through the official SDK, streamed (`messages.stream`) so long replies do not hit
 * idle timeouts. The SDK's own retries are off: {@link withRetries} does them, so every attempt is counted.
 */
export function createAnthropicProvider(settings: ProviderSettings, options: { readonly sleep: Sleep }): ModelProvider {
  // Everything explicit, so the SDK reads no environment variable of its own and logs nothing.
  const client = new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseUrl,
    webhookKey: null,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
  });
  return {
    kind: 'anthropic',
    model: settings.model,
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const tools: Tool[] | undefined = request.tools?.map((t) => ({
        name: t.name,
        description: t.description,
        input_schema: { type: 'object', ...t.inputSchema },
      }));
      let tries = 0;
      try {
        const { value: message, attempts } = await withRetries(
          () => {
            tries++;
            return client.messages
              .stream({
                model: settings.model,
                max_tokens: request.maxTokens ?? settings.maxTokens,
                system: request.system,
                messages: toAnthropicMessages(request.messages),
                ...(tools && tools.length > 0 ? { tools } : {}),
              })
              .finalMessage();
          },
          { maxRetries: settings.maxRetries, sleep: options.sleep, classify },
        );
        let text = '';
        const toolCalls: ToolCall[] = [];
        for (const block of message.content) {
          if (block.type === 'text') text += block.text;
          else if (block.type === 'tool_use') {
            const input = typeof block.input === 'object' && block.input !== null ? (block.input as Record<string, unknown>) : {};
            toolCalls.push({ id: block.id, name: block.name, input });
          }
        }
        return {
          text,
          toolCalls,
          stopReason: message.stop_reason ?? 'end_turn',
          usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
          model: message.model,
          attempts,
        };
      } catch (error: unknown) {
        const { status } = httpFacts(error);
        const detail = redactSecrets(error instanceof Error ? error.message : String(error), [settings.apiKey]);
        // No `cause`: HTTP client errors can carry request details, and only the redacted text may travel.
        throw new ModelCallError('anthropic', status, detail, tries);
      }
    },
  };
}
