import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isErrorTurn, nextTurn, type ReceivedRequest, type Script } from './scripted-turns.js';

/** A running OpenAI-compatible chat-completions test double. */
export interface OpenAiTestDouble {
  /** `http://127.0.0.1:<port>/v1`, the provider's `baseUrl`. */
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { resolve(Buffer.concat(chunks).toString('utf8')); });
    req.on('error', reject);
  });
}

/**
 * A local HTTP server speaking OpenAI chat completions (`POST /v1/chat/completions`), non-streaming, with
 * `tool_calls` (arguments as a JSON string, or scripted raw text to imitate a weak model) and `usage`.
 */
export async function startOpenAiTestDouble(script: Script): Promise<OpenAiTestDouble> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const request: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body: JSON.parse(await readBody(req)) as Record<string, unknown> };
      const index = requests.length;
      requests.push(request);
      if (req.method !== 'POST' || request.path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const turn = nextTurn(script, request, index);
      if (isErrorTurn(turn)) {
        res.writeHead(turn.status, { 'content-type': 'application/json', ...(turn.retryAfter === undefined ? {} : { 'retry-after': turn.retryAfter }) });
        res.end(JSON.stringify(turn.body ?? { error: { message: `scripted ${String(turn.status)}`, type: turn.status === 429 ? 'rate_limit_exceeded' : 'server_error' } }));
        return;
      }
      const calls = turn.toolCalls ?? [];
      const inputTokens = turn.inputTokens ?? 100;
      const outputTokens = turn.outputTokens ?? 50;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: `chatcmpl-test-${String(index + 1)}`,
        object: 'chat.completion',
        created: 1_767_225_600,
        model: typeof request.body.model === 'string' ? request.body.model : 'unknown',
        choices: [{
          index: 0,
          message: {
            role: 'assistant',
            content: turn.text ?? null,
            ...(calls.length > 0
              ? { tool_calls: calls.map((c, i) => ({ id: `call_test_${String(index + 1)}_${String(i)}`, type: 'function', function: { name: c.name, arguments: c.rawArguments ?? JSON.stringify(c.input) } })) }
              : {}),
          },
          finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
        }],
        usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
      }));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}/v1`,
    requests,
    close: () => new Promise((resolve, reject) => { server.close((error) => { if (error) reject(error); else resolve(); }); }),
  };
}
