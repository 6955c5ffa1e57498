import { AppError } from '../core/index.js';

/** No model is configured (`ai:` block missing) or its API key variable is unset. */
export class AiNotConfiguredError extends AppError {
  readonly code = 'AI_NOT_CONFIGURED';
  override readonly httpStatus = 400;
}

/** A model endpoint failed after its retries (network, timeout, HTTP error). The message never holds the key. */
export class ModelCallError extends AppError {
  readonly code = 'MODEL_CALL_FAILED';
  override readonly httpStatus = 502;
  constructor(
    readonly provider: string,
    readonly status: number | undefined,
    detail: string,
    readonly attempts = 1,
    options?: ErrorOptions,
  ) {
    super(`${provider} call failed${status === undefined ? '' : ` (HTTP ${String(status)})`}: ${detail}`, options);
  }
}

/** A model's reply did not match the expected schema, even after one repair request. */
export class ModelOutputError extends AppError {
  readonly code = 'MODEL_OUTPUT_INVALID';
  override readonly httpStatus = 502;
}

/** A token or cost budget is spent; the AI run stops cleanly and says which one. */
export class AiBudgetExceededError extends AppError {
  readonly code = 'AI_BUDGET_EXCEEDED';
  override readonly httpStatus = 429;
  constructor(
    readonly scope: 'scan' | 'project',
    readonly limit: 'tokens' | 'cost',
    readonly spent: number,
    readonly allowed: number,
    options?: ErrorOptions,
  ) {
    super(
      `The ${scope} AI ${limit} budget is reached (${limit === 'cost' ? `$${spent.toFixed(4)} of $${allowed.toFixed(4)}` : `${String(spent)} of ${String(allowed)} tokens`})`,
      options,
    );
  }
}
