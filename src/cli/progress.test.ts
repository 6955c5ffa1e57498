import { describe, expect, it } from 'vitest';

import { ProgressBar } from './progress.js';
import { CapturedStream } from './test-support/cli-harness.js';

describe('ProgressBar', () => {
  it('draws files done, the phase and the elapsed time on a TTY, and erases itself', () => {
    const stream = new CapturedStream(true);
    let now = 0;
    const bar = new ProgressBar(stream, () => now);
    now = 1_500;
    bar.update({ phase: 'parse', done: 6, total: 12 });
    expect(stream.text).toBe('\r\u001b[2Kparsing  [████████████░░░░░░░░░░░░] 6/12 files · 1.5s');
    bar.clear();
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('throttles redraws but always draws the end of a phase', () => {
    const stream = new CapturedStream(true);
    let now = 1_000;
    const bar = new ProgressBar(stream, () => now, 0);
    bar.update({ phase: 'analyze', done: 1, total: 3 });
    now += 10;
    bar.update({ phase: 'analyze', done: 2, total: 3 });
    now += 10;
    bar.update({ phase: 'analyze', done: 3, total: 3 });
    const draws = stream.text.split('\r\u001b[2K').filter(Boolean);
    expect(draws.map((d) => d.split(' · ')[0])).toEqual(['analysing [████████░░░░░░░░░░░░░░░░] 1/3 files', 'analysing [████████████████████████] 3/3 files']);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const stream = new CapturedStream(false);
    const bar = new ProgressBar(stream, () => 0);
    bar.update({ phase: 'walk', files: 10 });
    bar.clear();
    expect(stream.text).toBe('');
  });
});
