// Budgets of one interpretation (time per file, nesting depth) and how running out becomes a diagnostic.
import type { Frame, Interpreter } from './interpreter.js';

/** Thrown to abandon the current body when a budget runs out. */
export class BudgetExceededError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

const MAX_NESTING = 300;

export function catchBudget(it: Interpreter, error: unknown, file: string): void {
  if (error instanceof BudgetExceededError) {
    it.exhausted.add(error.file);
    it.diag('BUDGET_EXCEEDED', error.file, error.message);
  } else if (error instanceof RangeError) {
    it.diag('BUDGET_EXCEEDED', file, `Stack exhausted: ${error.message}`);
  } else throw error;
}

export function tick(it: Interpreter, frame: Frame): void {
  if (++it.ticks % 256 !== 0) return;
  const clock = it.opts.clock;
  if (!clock) return;
  const now = clock();
  const spent = (it.spent.get(frame.file.path) ?? 0) + (now - it.lastCheck);
  it.lastCheck = now;
  it.spent.set(frame.file.path, spent);
  if (spent > it.opts.maxMillisPerFile) {
    throw new BudgetExceededError(frame.file.path, `Time budget of ${it.opts.maxMillisPerFile} ms exceeded; rest of the file skipped`);
  }
}

export function enter(it: Interpreter, frame: Frame): void {
  tick(it, frame);
  if (++it.nesting > MAX_NESTING) {
    it.nesting = 0;
    throw new BudgetExceededError(frame.file.path, `Nesting deeper than ${MAX_NESTING} levels; rest of the body skipped`);
  }
}
