import type { SandboxNetwork } from '../sandbox/types.js';

/** Vulnerability classes Yagura can write witnesses for. */
export type WitnessClass =
  | 'prototype-pollution'
  | 'command-injection'
  | 'code-injection'
  | 'path-traversal'
  | 'redos'
  | 'sql-injection'
  | 'xss'
  | 'ssrf'
  | 'open-redirect'
  | 'unsafe-deserialization'
  | 'regex-injection';

/**
 * An executable witness: a self-contained node script (payload and oracle inside) that prints one
 * `YAGURA-WITNESS-RESULT <json>` line. Its markers carry a nonce drawn at run time, so every run is fresh.
 */
export interface Witness {
  readonly cls: WitnessClass;
  /** `library`: the package is loaded and its export called; `application`: the app serves an HTTP request. */
  readonly threatModel: 'library' | 'application';
  /** `search` tries candidates; `replay` makes exactly one call (what the verifier runs). */
  readonly mode: 'search' | 'replay';
  /** File name of the script inside the sandbox's /work. */
  readonly fileName: string;
  readonly script: string;
  /** Human summary of the payload and of the call or request. */
  readonly payload: string;
  /** What the oracle checks, for a human. */
  readonly oracle: string;
  readonly network: SandboxNetwork;
  readonly timeoutMs: number;
  /** Extra node flags (`--import tsx` for TypeScript apps). */
  readonly nodeArgs: readonly string[];
}

/** What a witness printed about one run. */
export interface WitnessOutcome {
  readonly reproduced: boolean;
  readonly nonce?: string;
  readonly observation?: string;
  readonly reason?: string;
  /** The call or request that reproduced (search mode), to build the replay witness from. */
  readonly call?: Readonly<Record<string, unknown>>;
  readonly details: Readonly<Record<string, unknown>>;
}

const RESULT_PREFIX = 'YAGURA-WITNESS-RESULT ';

/** Parse the last result line a witness printed; `undefined` when there is none (crash, timeout). */
export function parseWitnessOutput(stdout: string): WitnessOutcome | undefined {
  const lines = stdout.split('\n').filter((l) => l.startsWith(RESULT_PREFIX));
  const last = lines[lines.length - 1];
  if (last === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(last.slice(RESULT_PREFIX.length));
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof record[key] === 'string' ? record[key] : undefined);
  const call = record.call;
  const nonce = text('nonce');
  const observation = text('observation');
  const reason = text('reason');
  return {
    reproduced: record.reproduced === true,
    ...(nonce === undefined ? {} : { nonce }),
    ...(observation === undefined ? {} : { observation }),
    ...(reason === undefined ? {} : { reason }),
    ...(typeof call === 'object' && call !== null ? { call: call as Record<string, unknown> } : {}),
    details: record,
  };
}
