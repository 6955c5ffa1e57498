/** One scripted reply of a test double: a model turn, or an HTTP error. */
export type ScriptedTurn =
  | {
      readonly text?: string;
      readonly toolCalls?: readonly { readonly name: string; readonly input: unknown; readonly rawArguments?: string }[];
      readonly inputTokens?: number;
      readonly outputTokens?: number;
    }
  | { readonly status: number; readonly retryAfter?: string; readonly body?: unknown };

/** A request a test double received. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Record<string, unknown>;
}

/** A script: a fixed list of turns, or a function of the request (for replies that depend on it). */
export type Script = ScriptedTurn[] | ((request: ReceivedRequest, index: number) => ScriptedTurn);

/** The next turn of a script; a 500 with a clear message when it is exhausted. */
export function nextTurn(script: Script, request: ReceivedRequest, index: number): ScriptedTurn {
  if (typeof script === 'function') return script(request, index);
  return script[index] ?? { status: 500, body: { error: { message: `test double script exhausted at request ${String(index + 1)}` } } };
}

/** Whether a turn is an HTTP error. */
export function isErrorTurn(turn: ScriptedTurn): turn is Extract<ScriptedTurn, { status: number }> {
  return 'status' in turn;
}
