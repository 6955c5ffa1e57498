import type { FindingState } from '../core/index.js';

/** Every lifecycle state, in the order a finding usually moves through them. */
export const FINDING_STATES: readonly FindingState[] = [
  'open',
  'proven',
  'fix-proposed',
  'fixed',
  'false-positive',
  'risk-accepted',
];

// Triage decisions can be revised; a closed finding is reopened before it moves on.
const ALLOWED: Readonly<Record<FindingState, readonly FindingState[]>> = {
  open: ['proven', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted'],
  proven: ['open', 'fix-proposed', 'fixed', 'false-positive', 'risk-accepted'],
  'fix-proposed': ['open', 'proven', 'fixed', 'false-positive', 'risk-accepted'],
  fixed: ['open'],
  'false-positive': ['open', 'risk-accepted'],
  'risk-accepted': ['open', 'false-positive'],
};

/** Narrow an unknown value to a {@link FindingState}. */
export function isFindingState(value: unknown): value is FindingState {
  return typeof value === 'string' && (FINDING_STATES as readonly string[]).includes(value);
}

/** Whether a user or stage may move a finding from `from` to `to` (never to the same state). */
export function canTransition(from: FindingState, to: FindingState): boolean {
  return ALLOWED[from].includes(to);
}

/** States that record a human judgement; scans never overwrite them. */
export function isTriageDecision(state: FindingState): boolean {
  return state === 'false-positive' || state === 'risk-accepted';
}
