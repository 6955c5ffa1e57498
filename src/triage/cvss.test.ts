import { describe, expect, it } from 'vitest';

import { baseVector, CvssScorer, publishedBaseVector, weaknessProfile } from './cvss.js';

describe('CVSS 4.0 vectors', () => {
  const scorer = new CvssScorer();

  it('scores a command injection in an internet-facing asset like the FIRST calculator (9.3 base, 8.9 with a PoC)', () => {
    const base = baseVector(weaknessProfile(['CWE-78'], 'high'), 'internet');
    expect(base).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N');
    expect(scorer.score(base, 'poc')).toEqual({ vector: `${base}/E:P`, score: 8.9 });
    expect(scorer.score(base, 'active').score).toBe(9.3);
    expect(scorer.score(base, 'none').score).toBeLessThan(8.9);
  });

  it('lowers the attack vector for internal and isolated assets', () => {
    const weakness = weaknessProfile(['CWE-89'], 'high');
    expect(baseVector(weakness, 'internal')).toMatch(/^CVSS:4\.0\/AV:A\//);
    expect(baseVector(weakness, 'isolated')).toMatch(/^CVSS:4\.0\/AV:L\/.*PR:L/);
    const internet = scorer.score(baseVector(weakness, 'internet'), 'none').score;
    expect(scorer.score(baseVector(weakness, 'isolated'), 'none').score).toBeLessThan(internet);
  });

  it('needs active user interaction for cross-site scripting and falls back to the severity for unknown CWEs', () => {
    expect(baseVector(weaknessProfile(['CWE-79'], 'medium'), 'internet')).toContain('/UI:A/');
    expect(weaknessProfile(['CWE-99999'], 'critical').technicalImpact).toBe('total');
  });

  it('keeps only the 11 base metrics of a published vector and rejects incomplete ones', () => {
    expect(publishedBaseVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:H')).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    );
    expect(publishedBaseVector('CVSS:4.0/AV:N/AC:L')).toBeUndefined();
    expect(publishedBaseVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined();
  });
});
