import { describe, expect, it } from 'vitest';

import { canTransition, FINDING_STATES, isFindingState, isTriageDecision } from './lifecycle.js';

describe('finding lifecycle', () => {
  it('lets an open finding move to every other state', () => {
    for (const to of FINDING_STATES.filter((s) => s !== 'open')) expect(canTransition('open', to)).toBe(true);
  });

  it('never allows a transition to the same state', () => {
    for (const state of FINDING_STATES) expect(canTransition(state, state)).toBe(false);
  });

  it('only reopens a fixed finding', () => {
    expect(FINDING_STATES.filter((to) => canTransition('fixed', to))).toEqual(['open']);
  });

  it('lets a triage decision be revised or reopened', () => {
    expect(canTransition('false-positive', 'risk-accepted')).toBe(true);
    expect(canTransition('risk-accepted', 'open')).toBe(true);
    expect(canTransition('false-positive', 'proven')).toBe(false);
  });

  it('recognises states and triage decisions', () => {
    expect(isFindingState('fix-proposed')).toBe(true);
    expect(isFindingState('closed')).toBe(false);
    expect(isFindingState(3)).toBe(false);
    expect(isTriageDecision('risk-accepted')).toBe(true);
    expect(isTriageDecision('fixed')).toBe(false);
  });
});
