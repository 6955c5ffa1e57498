import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { BOD_2604_TABLE_ID, CISA_TABLE_ID, decideBod2604, decideCisa, decisionRank, type Exploitation } from './ssvc.js';

/** CISA's published tree as CSV rows (vendored unchanged from CERTCC/SSVC), without the header. */
function csvRows(name: string): string[][] {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

const EXPLOITATION: Readonly<Record<string, Exploitation>> = { none: 'none', 'public poc': 'poc', active: 'active' };

describe('CISA SSVC coordinator table 2.0.3', () => {
  const rows = csvRows('cisa_coordinator_2_0_3.csv');

  it('has the 36 rows of the published tree (3 x 2 x 2 x 3)', () => {
    expect(rows).toHaveLength(36);
    expect(CISA_TABLE_ID).toBe('ssvc-cisa-2.0.3');
  });

  it.each(rows.map((row) => [row.join(','), row] as const))('decides row %s as published', (_label, row) => {
    const [, exploitation, automatable, impact, mission, expected] = row;
    const result = decideCisa({
      exploitation: EXPLOITATION[exploitation ?? ''] ?? 'none',
      automatable: automatable === 'yes',
      technicalImpact: impact === 'total' ? 'total' : 'partial',
      missionImpact: mission === 'high' ? 'high' : mission === 'medium' ? 'medium' : 'low',
    });
    expect(result.decision).toBe(expected);
    expect(result.table).toBe('ssvc-cisa-2.0.3');
  });

  it('returns the inputs that produced the decision', () => {
    const inputs = { exploitation: 'poc', automatable: true, technicalImpact: 'total', missionImpact: 'high' } as const;
    expect(decideCisa(inputs)).toEqual({ decision: 'attend', table: 'ssvc-cisa-2.0.3', inputs });
  });

  it('ranks act above attend above track* above track', () => {
    expect(['track', 'act', 'track*', 'attend'].sort((a, b) => decisionRank(b as 'act') - decisionRank(a as 'act'))).toEqual([
      'act',
      'attend',
      'track*',
      'track',
    ]);
  });
});

describe('CISA BOD 26-04 table 1.0.0', () => {
  const rows = csvRows('cisa_bod_26_04_1_0_0.csv');
  const TIMELINE: Readonly<Record<string, string>> = {
    'fix on system upgrade': 'fix-on-upgrade',
    '60 days': '60-days',
    '14 days': '14-days',
    '3 days': '3-days',
    '3 days & forensic investigation': '3-days-forensic',
  };

  it('has the 16 rows of the published table', () => {
    expect(rows).toHaveLength(16);
    expect(BOD_2604_TABLE_ID).toBe('cisa-bod-26-04-1.0.0');
  });

  it.each(rows.map((row) => [row.join(','), row] as const))('decides row %s as published', (_label, row) => {
    const [, kev, exposed, automatable, impact, expected] = row;
    const result = decideBod2604({
      kev: kev === 'yes',
      exposed: exposed === 'yes',
      automatable: automatable === 'yes',
      technicalImpact: impact === 'total' ? 'total' : 'partial',
    });
    expect(result.timeline).toBe(TIMELINE[expected ?? '']);
  });
});
