import type { CallContext, ModelGateway } from './model-gateway.js';
import { schemaProblems } from './structured-output.js';
import type { AiPurpose, ChatMessage, ToolResult, ToolSpec } from './types.js';

/** A tool the agent may call: its spec and what it does. Errors thrown become error results the model sees. */
export interface AgentTool extends ToolSpec {
  run(input: Readonly<Record<string, unknown>>): Promise<string> | string;
}

/** Signals the loop to stop after this round (the `finish` tool). */
export class AgentFinished extends Error {}

/** How an agent run ended. */
export interface AgentOutcome {
  readonly rounds: number;
  /** Text of the last reply. */
  readonly finalText: string;
  readonly endedBy: 'reply' | 'finish' | 'rounds';
}

/** Largest tool result handed back to the model. */
const MAX_RESULT_CHARS = 12_000;

/**
 * The tool-use loop: ask, run the tools the model calls (inputs validated against their schemas), hand the
 * results back, until the model answers without tools, calls `finish`, or `maxRounds` is reached.
 */
export async function runAgent(options: {
  readonly gateway: ModelGateway;
  readonly purpose: AiPurpose;
  readonly system: string;
  readonly prompt: string;
  readonly tools: readonly AgentTool[];
  readonly maxRounds: number;
  readonly context?: CallContext;
}): Promise<AgentOutcome> {
  const messages: ChatMessage[] = [{ role: 'user', text: options.prompt }];
  const byName = new Map(options.tools.map((t) => [t.name, t]));
  const specs: ToolSpec[] = options.tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
  let finalText = '';
  for (let round = 1; round <= options.maxRounds; round++) {
    const response = await options.gateway.call(options.purpose, { system: options.system, messages, tools: specs }, options.context);
    finalText = response.text;
    if (response.toolCalls.length === 0) return { rounds: round, finalText, endedBy: 'reply' };
    messages.push({ role: 'assistant', text: response.text, toolCalls: response.toolCalls });
    const results: ToolResult[] = [];
    let finished = false;
    for (const call of response.toolCalls) {
      const tool = byName.get(call.name);
      if (!tool) {
        results.push({ callId: call.id, content: `unknown tool "${call.name}"`, isError: true });
        continue;
      }
      const problems = schemaProblems(tool.inputSchema, call.input);
      if (problems !== undefined) {
        results.push({ callId: call.id, content: `invalid input: ${problems}`, isError: true });
        continue;
      }
      try {
        results.push({ callId: call.id, content: (await tool.run(call.input)).slice(0, MAX_RESULT_CHARS) });
      } catch (error: unknown) {
        if (error instanceof AgentFinished) {
          finished = true;
          results.push({ callId: call.id, content: 'finished' });
        } else if (error instanceof Error && !isBudgetOrProgrammingError(error)) {
          results.push({ callId: call.id, content: error.message, isError: true });
        } else {
          throw error;
        }
      }
    }
    messages.push({ role: 'tool', results });
    if (finished) return { rounds: round, finalText, endedBy: 'finish' };
  }
  return { rounds: options.maxRounds, finalText, endedBy: 'rounds' };
}

/** Errors a tool must not swallow into a result: budget stops and bugs. */
function isBudgetOrProgrammingError(error: Error): boolean {
  return error.name === 'AiBudgetExceededError' || error instanceof TypeError || error instanceof ReferenceError;
}
