import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { runDepsBench } from './suite.js';

describe('deps benchmark', () => {
  it('matches the hand-checked expectation list exactly and keeps reachability precision at 1', async () => {
    const lines: string[] = [];
    const { results } = await runDepsBench({ dir: fileURLToPath(new URL('.', import.meta.url)), log: (l) => lines.push(l), repetitions: 1 });
    expect(results).toMatchObject({
      lockfile: { packages: 1554, edges: 3630 },
      advisories: { records: 13, problems: 0 },
      matching: { expected: 13, reported: 13, precision: 1, recall: 1, missed: [], unexpected: [] },
      reachability: { labels: 20, reachablePrecision: 1, reachableRecall: 1, unreachablePrecision: 1, unreachableRecall: 1, unknown: 0 },
    });
    expect(lines[0]).toMatch(/^deps: 1554 packages/);
  });
});
