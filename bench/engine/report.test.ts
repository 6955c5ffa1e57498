import { describe, expect, it } from 'vitest';

import { formatEngineTable } from './report.js';
import type { ClassScore } from './score.js';

function score(cls: ClassScore['cls'], total: number, detected: number, falseAlarms: number, discriminated: number): ClassScore {
  return {
    cls,
    total,
    detected,
    falseAlarms,
    discriminated,
    detectedRate: detected / total,
    falseAlarmRate: falseAlarms / total,
    discriminatedRate: discriminated / total,
  };
}

describe('formatEngineTable', () => {
  it('prints each class with both tools side by side, then overall, false alarm rate and speed', () => {
    const table = formatEngineTable([
      { name: 'yagura', perClass: [score('redos', 4, 3, 1, 2)], overall: score('overall', 4, 3, 1, 2), linesPerSecond: 12345.6 },
      { name: 'eslint', perClass: [score('redos', 4, 4, 4, 0)], overall: score('overall', 4, 4, 4, 0), linesPerSecond: 999 },
    ]);
    expect(table).toMatchInlineSnapshot(`
      "class             n  yagura det/fa/disc  eslint det/fa/disc
      ----------------  -  ------------------  ------------------
      redos             4  3/1/2 50%           4/4/0 0%
      overall           4  3/1/2 50%           4/4/0 0%
      false alarm rate     25%                 100%
      lines/second         12,346              999"
    `);
  });
});
