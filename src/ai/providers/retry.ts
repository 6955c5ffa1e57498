import type { Sleep } from '../types.js';

/** What a failed attempt tells the retry loop. */
export interface AttemptFailure {
  readonly retryable: boolean;
  /** Server-requested wait (`retry-after`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
}

/** Milliseconds of a `retry-after` header: delta-seconds or an HTTP date; `undefined` when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses worth another attempt: rate limits, timeouts, server errors and Anthropic's overload (529). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Longest wait between attempts, whatever the server asks. */
const MAX_WAIT_MS = 60_000;

/**
 * Run `attempt` up to `1 + maxRetries` times. A retryable failure waits `retry-after` when the server
 * gave one, else exponential backoff with jitter (500 ms, 1 s, 2 s...). Returns the result and the
 * attempts used; rethrows the last error.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { readonly maxRetries: number; readonly sleep: Sleep; readonly classify: (error: unknown) => AttemptFailure; readonly random?: () => number },
): Promise<{ value: T; attempts: number }> {
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(), attempts: n };
    } catch (error: unknown) {
      const failure = options.classify(error);
      if (!failure.retryable || n > options.maxRetries) throw error;
      const backoff = 500 * 2 ** (n - 1) * (0.75 + random() / 2);
      await options.sleep(Math.min(MAX_WAIT_MS, failure.retryAfterMs ?? backoff));
    }
  }
}
