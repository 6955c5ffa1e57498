import type { ProviderSettings } from '../ai-config.js';
import { redactSecrets } from '../ai-config.js';
import { ModelCallError } from '../errors.js';
import type { ChatMessage, ModelProvider, ModelRequest, ModelResponse, Sleep, ToolCall } from '../types.js';
import { isRetryableStatus, parseRetryAfter, withRetries, type AttemptFailure } from './retry.js';

/** An HTTP failure of one attempt. */
class HttpAttemptError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly retryAfter: string | null,
    message: string,
  ) {
    super(message);
  }
}

interface ChatCompletion {
  model?: string;
  choices?: { message?: { content?: string | null; tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[] }; finish_reason?: string }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** Our turns as OpenAI chat messages (`tool` role per tool result). */
export function toOpenAiMessages(system: string, messages: readonly ChatMessage[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.text });
    else if (m.role === 'tool') for (const r of m.results) out.push({ role: 'tool', tool_call_id: r.callId, content: r.isError ? `ERROR: ${r.content}` : r.content });
    else {
      out.push({
        role: 'assistant',
        content: m.text === '' ? null : m.text,
        ...(m.toolCalls.length > 0
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } })) }
          : {}),
      });
    }
  }
  return out;
}

/** Tool arguments arrive as a JSON string; a weak model may send broken JSON, which becomes `{ _raw }` for the tool to reject. */
function parseArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { _raw: text };
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return { _raw: text };
    throw error;
  }
}

function classify(error: unknown): AttemptFailure {
  if (error instanceof HttpAttemptError) {
    if (error.status === undefined) return { retryable: true };
    return { retryable: isRetryableStatus(error.status), retryAfterMs: parseRetryAfter(error.retryAfter) };
  }
  return { retryable: false };
}

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM) over
 * plain fetch, with tool calls. `baseUrl` ends before `/chat/completions`.
 */
export function createOpenAiProvider(settings: ProviderSettings, options: { readonly sleep: Sleep }): ModelProvider {
  const url = `${settings.baseUrl}/chat/completions`;
  const post = async (body: string): Promise<ChatCompletion> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(settings.apiKey === '' ? {} : { authorization: `Bearer ${settings.apiKey}` }) },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error: unknown) {
      throw new HttpAttemptError(undefined, null, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    if (!response.ok) throw new HttpAttemptError(response.status, response.headers.get('retry-after'), text.slice(0, 500));
    try {
      return JSON.parse(text) as ChatCompletion;
    } catch (error: unknown) {
      if (error instanceof SyntaxError) throw new HttpAttemptError(response.status, null, 'the reply is not JSON');
      throw error;
    }
  };
  return {
    kind: 'openai',
    model: settings.model,
    async complete(request: ModelRequest): Promise<ModelResponse> {
      const body = JSON.stringify({
        model: settings.model,
        max_tokens: request.maxTokens ?? settings.maxTokens,
        messages: toOpenAiMessages(request.system, request.messages),
        ...(request.tools && request.tools.length > 0
          ? { tools: request.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: { type: 'object', ...t.inputSchema } } })) }
          : {}),
      });
      let tries = 0;
      try {
        const { value, attempts } = await withRetries(
          () => {
            tries++;
            return post(body);
          },
          { maxRetries: settings.maxRetries, sleep: options.sleep, classify },
        );
        const choice = value.choices?.[0];
        const toolCalls: ToolCall[] = (choice?.message?.tool_calls ?? []).map((c, i) => ({
          id: c.id ?? `call_${String(i)}`,
          name: c.function?.name ?? '',
          input: parseArguments(c.function?.arguments),
        }));
        return {
          text: choice?.message?.content ?? '',
          toolCalls,
          stopReason: choice?.finish_reason ?? 'stop',
          usage: { inputTokens: value.usage?.prompt_tokens ?? 0, outputTokens: value.usage?.completion_tokens ?? 0 },
          model: value.model ?? settings.model,
          attempts,
        };
      } catch (error: unknown) {
        const status = error instanceof HttpAttemptError ? error.status : undefined;
        const detail = redactSecrets(error instanceof Error ? error.message : String(error), [settings.apiKey]);
        throw new ModelCallError('openai', status, detail, tries);
      }
    },
  };
}
