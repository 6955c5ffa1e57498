import { describe, expect, it } from 'vitest';

import { analyzeRegexComplexity, ConcurrentRegexComplexityCache } from '../rules/index.js';
import { RegexAutomatonWorker } from './regex-automaton-worker.js';

describe('RegexAutomatonWorker', () => {
  it('runs the automaton on a worker thread with the verdicts of the synchronous check', async () => {
    const worker = new RegexAutomatonWorker();
    try {
      const cache = new ConcurrentRegexComplexityCache(worker);
      cache.prefetch('^(a+)+$', '');
      cache.prefetch('^(?:a|b)*c$', '');
      expect(await cache.analyze('^(a+)+$', '')).toEqual(analyzeRegexComplexity('^(a+)+$', ''));
      expect(await cache.analyze('^(?:a|b)*c$', '')).toEqual({ status: 'safe' });
    } finally {
      await worker.close();
    }
  });

  it('lets the waiting thread run the checks the worker has not started, with the same verdicts', async () => {
    const worker = new RegexAutomatonWorker();
    try {
      const cache = new ConcurrentRegexComplexityCache(worker);
      // Patterns the automaton decides in milliseconds: no time budget near, the verdicts do not depend on load.
      const patterns = ['^(a+)+$', '^(b+)+c$', '^(?:a|b)*c$'];
      for (const p of patterns) cache.prefetch(p, '');
      // The thread is still loading recheck: every check is taken here, none is run twice.
      cache.runQueuedHere();
      for (const p of patterns) expect(await cache.analyze(p, '')).toEqual(analyzeRegexComplexity(p, ''));
    } finally {
      await worker.close();
    }
  });

  it('answers unknown for checks pending when it is closed, and starts a new thread for the next check', async () => {
    const worker = new RegexAutomatonWorker();
    const pending = worker.check('^(a|a?)+b$', '', { checker: 'automaton', timeout: 1_000 });
    await worker.close();
    expect((await pending).status).toBe('unknown');
    const again = await worker.check('^(a+)+$', '', { checker: 'automaton', timeout: 1_000 });
    expect(again.status).toBe('vulnerable');
    await worker.close();
  });
});
