import { describe, expect, it } from 'vitest';

import { planScan, type KnownFinding } from './complete-scan.js';
import { makeFinding } from './store.contract.js';

const known = (fingerprint: string, overrides: Partial<KnownFinding> = {}): KnownFinding => ({
  id: `id-${fingerprint}`,
  fingerprint,
  presence: 'present',
  state: 'open',
  ...overrides,
});

describe('planScan', () => {
  it('classifies findings as new, unchanged, reintroduced and absent by fingerprint', () => {
    const plan = planScan(
      'scan-2',
      [known('fp-same'), known('fp-back', { presence: 'absent', state: 'fixed' }), known('fp-gone'), known('fp-old', { presence: 'absent' })],
      [makeFinding('same'), makeFinding('back'), makeFinding('fresh', { severity: 'critical' })],
    );
    expect(plan.counts).toEqual({ new: 1, unchanged: 1, reintroduced: 1, absent: 1, total: 3, bySeverity: { high: 2, critical: 1 } });
    expect(plan.links.map((l) => [l.finding_id.startsWith('id-') ? l.finding_id : 'generated', l.baseline_state])).toEqual([
      ['id-fp-same', 'unchanged'],
      ['id-fp-back', 'reintroduced'],
      ['generated', 'new'],
      ['id-fp-gone', 'absent'],
    ]);
    expect(plan.gone).toEqual([{ id: 'id-fp-gone', state: 'fixed' }]);
    expect(plan.seen.map((s) => [s.id, s.state])).toEqual([
      ['id-fp-same', 'open'],
      ['id-fp-back', 'open'],
    ]);
  });

  it('writes one event per finding touched, with the scan in the reason', () => {
    const plan = planScan('scan-9', [known('fp-same'), known('fp-gone', { state: 'proven' })], [makeFinding('same'), makeFinding('new')]);
    expect(plan.events.map((e) => [e.kind, e.from_state, e.to_state, e.reason])).toEqual([
      ['seen-again', 'open', 'open', null],
      ['created', null, 'open', 'found by scan scan-9'],
      ['absent', 'proven', 'fixed', 'not found by scan scan-9'],
    ]);
  });

  it('keeps triage decisions through absence and return', () => {
    const gone = planScan('s', [known('fp-x', { state: 'risk-accepted' })], []);
    expect(gone.gone).toEqual([{ id: 'id-fp-x', state: 'risk-accepted' }]);
    const back = planScan('s', [known('fp-x', { state: 'false-positive', presence: 'absent' })], [makeFinding('x')]);
    expect(back.seen.map((s) => s.state)).toEqual(['false-positive']);
  });

  it('plans nothing for an empty project and an empty scan', () => {
    const plan = planScan('s', [], []);
    expect(plan).toMatchObject({ inserts: [], seen: [], gone: [], links: [], events: [] });
    expect(plan.counts.total).toBe(0);
  });
});
