import { describe, expect, it } from 'vitest';

import { DEFAULT_SLA_POLICY, dueDate, isOverdue, resolveSlaPolicy } from './sla.js';

describe('SLA policy', () => {
  const decided = new Date('2026-05-01T12:00:00.000Z');

  it('defaults to BOD 26-04: Act 3 days, Attend 14, Track* 60, Track at the next upgrade', () => {
    expect(DEFAULT_SLA_POLICY).toEqual({ act: 3, attend: 14, 'track*': 60, track: null });
    expect(dueDate('act', decided)?.toISOString()).toBe('2026-05-04T12:00:00.000Z');
    expect(dueDate('attend', decided)?.toISOString()).toBe('2026-05-15T12:00:00.000Z');
    expect(dueDate('track*', decided)?.toISOString()).toBe('2026-06-30T12:00:00.000Z');
    expect(dueDate('track', decided)).toBeUndefined();
  });

  it('takes configured days over the defaults, and next-upgrade as no date', () => {
    const policy = resolveSlaPolicy({ act: 1, 'track*': 'next-upgrade', track: 180 });
    expect(policy).toEqual({ act: 1, attend: 14, 'track*': null, track: 180 });
    expect(dueDate('track', decided, policy)?.toISOString()).toBe('2026-10-28T12:00:00.000Z');
  });

  it('flags an item overdue only after its due time', () => {
    expect(isOverdue('2026-05-04T12:00:00.000Z', new Date('2026-05-04T11:59:59.000Z'))).toBe(false);
    expect(isOverdue('2026-05-04T12:00:00.000Z', new Date('2026-05-04T12:00:01.000Z'))).toBe(true);
    expect(isOverdue(undefined, new Date('2100-01-01'))).toBe(false);
  });
});
