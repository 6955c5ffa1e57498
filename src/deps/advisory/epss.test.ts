import { describe, expect, it } from 'vitest';

import { mergeEpss, parseEpss } from './epss.js';

// Layout of FIRST's daily file; the score values here are examples, not published data.
const text = [
  '#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000',
  'cve,epss,percentile',
  'CVE-2021-23337,0.01234,0.85012',
  'CVE-2021-44906,0.00321,0.70500',
  'not,a,row',
  '',
].join('\n');

describe('parseEpss', () => {
  it('reads the model version comment line and the scores', () => {
    const { scores, problems } = parseEpss(text);
    expect(scores).toEqual([
      { cve: 'CVE-2021-23337', epss: 0.01234, percentile: 0.85012, modelVersion: 'v2025.03.14', scoreDate: '2025-06-01T00:00:00+0000' },
      { cve: 'CVE-2021-44906', epss: 0.00321, percentile: 0.705, modelVersion: 'v2025.03.14', scoreDate: '2025-06-01T00:00:00+0000' },
    ]);
    expect(problems).toEqual([{ where: 'EPSS CSV line 5', message: 'not a score row: not,a,row' }]);
  });

  it('reads a file without the comment line', () => {
    expect(parseEpss('cve,epss,percentile\nCVE-2020-1,0.5,0.9\n').scores).toEqual([{ cve: 'CVE-2020-1', epss: 0.5, percentile: 0.9 }]);
  });

  it('merges idempotently and lets a later score date replace an older score', () => {
    const { scores } = parseEpss(text);
    const once = mergeEpss(new Map(), scores);
    expect([...mergeEpss(once, scores)]).toEqual([...once]);
    const newer = parseEpss(text.replace('2025-06-01', '2025-06-02').replace('0.01234', '0.5')).scores;
    expect(mergeEpss(once, newer).get('CVE-2021-23337')?.epss).toBe(0.5);
    expect(mergeEpss(mergeEpss(new Map(), newer), scores).get('CVE-2021-23337')?.epss).toBe(0.5);
  });
});
