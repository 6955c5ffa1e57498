import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { isErrorTurn, nextTurn, type ReceivedRequest, type Script } from './scripted-turns.js';

/** A running Anthropic Messages API test double. */
export interface AnthropicTestDouble {
  /** `http://127.0.0.1:<port>`, the SDK's `baseURL`. */
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

function sse(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A local HTTP server speaking the Anthropic Messages wire protocol (`POST /v1/messages`): with `stream: true`
 * it answers with server-sent events (message_start, content_block_start/delta with text_delta and
 * input_json_delta, content_block_stop, message_delta with usage, message_stop), else one JSON message.
 * Errors are Anthropic error bodies with the scripted status and `retry-after`.
 */
export async function startAnthropicTestDouble(script: Script): Promise<AnthropicTestDouble> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const request: ReceivedRequest = { path: req.url ?? '', headers: req.headers, body: JSON.parse(text) as Record<string, unknown> };
      const index = requests.length;
      requests.push(request);
      if (req.method !== 'POST' || !request.path.startsWith('/v1/messages')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not found' } }));
        return;
      }
      const turn = nextTurn(script, request, index);
      if (isErrorTurn(turn)) {
        const type = turn.status === 429 ? 'rate_limit_error' : turn.status >= 500 ? 'api_error' : 'invalid_request_error';
        res.writeHead(turn.status, { 'content-type': 'application/json', ...(turn.retryAfter === undefined ? {} : { 'retry-after': turn.retryAfter }) });
        res.end(JSON.stringify(turn.body ?? { type: 'error', error: { type, message: `scripted ${String(turn.status)}` } }));
        return;
      }
      const id = `msg_test_${String(index + 1)}`;
      const model = typeof request.body.model === 'string' ? request.body.model : 'unknown';
      const inputTokens = turn.inputTokens ?? 100;
      const outputTokens = turn.outputTokens ?? 50;
      const calls = turn.toolCalls ?? [];
      const stopReason = calls.length > 0 ? 'tool_use' : 'end_turn';
      const blocks = [
        ...(turn.text === undefined ? [] : [{ type: 'text' as const, text: turn.text }]),
        ...calls.map((c, i) => ({ type: 'tool_use' as const, id: `toolu_test_${String(index + 1)}_${String(i)}`, name: c.name, input: c.input, raw: c.rawArguments })),
      ];
      if (request.body.stream !== true) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
          id, type: 'message', role: 'assistant', model, stop_reason: stopReason, stop_sequence: null,
          content: blocks.map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'tool_use', id: b.id, name: b.name, input: b.input })),
          usage: { input_tokens: inputTokens, output_tokens: outputTokens },
        }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      sse(res, 'message_start', {
        type: 'message_start',
        message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } },
      });
      blocks.forEach((block, i) => {
        if (block.type === 'text') {
          sse(res, 'content_block_start', { type: 'content_block_start', index: i, content_block: { type: 'text', text: '' } });
          sse(res, 'ping', { type: 'ping' });
          // Split the text so the client must concatenate deltas.
          const half = Math.ceil(block.text.length / 2);
          for (const part of [block.text.slice(0, half), block.text.slice(half)]) {
            if (part !== '') sse(res, 'content_block_delta', { type: 'content_block_delta', index: i, delta: { type: 'text_delta', text: part } });
          }
        } else {
          sse(res, 'content_block_start', { type: 'content_block_start', index: i, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
          const json = block.raw ?? JSON.stringify(block.input);
          const third = Math.ceil(json.length / 3);
          for (const part of [json.slice(0, third), json.slice(third, 2 * third), json.slice(2 * third)]) {
            if (part !== '') sse(res, 'content_block_delta', { type: 'content_block_delta', index: i, delta: { type: 'input_json_delta', partial_json: part } });
          }
        }
        sse(res, 'content_block_stop', { type: 'content_block_stop', index: i });
      });
      sse(res, 'message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } });
      sse(res, 'message_stop', { type: 'message_stop' });
      res.end();
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    requests,
    close: () => new Promise((resolve, reject) => { server.close((error) => { if (error) reject(error); else resolve(); }); }),
  };
}
