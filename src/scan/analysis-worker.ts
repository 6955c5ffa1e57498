// Worker entry of `AnalysisWorkers`: interprets one part of a program per message (see engine `analyzePart`).
import { parentPort } from 'node:worker_threads';

import type { PartJob } from '../core/index.js';
import { analyzePart } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';

/**
 * The parts of one program: the thread runs those of `queue` (indexes into `jobs`, its own first) that it claims in
 * `claims` (0: unclaimed) with `claimant` before any other thread does, answering each, then `done`.
 */
export interface PartMessage {
  readonly id: number;
  readonly jobs: readonly PartJob[];
  readonly queue: readonly number[];
  readonly claims: Int32Array;
  readonly claimant: number;
}

parentPort?.on('message', ({ id, jobs, queue, claims, claimant }: PartMessage) => {
  for (const index of queue) {
    const job = jobs[index];
    if (!job || Atomics.compareExchange(claims, index, 0, claimant) !== 0) continue;
    try {
      const result = analyzePart(job, {
        models: ALL_MODELS,
        clock: () => performance.now(),
        // The ReDoS checks start on the scan's checker as soon as the part meets a tainted regex.
        onTaintedRegex: (pattern, flags) => parentPort?.postMessage({ id, regex: { pattern, flags } }),
      });
      parentPort?.postMessage({ id, index, result });
    } catch (error: unknown) {
      parentPort?.postMessage({ id, index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  parentPort?.postMessage({ id, done: true });
});

// Loaded: the thread can take parts (see `AnalysisWorkers.ready`).
parentPort?.postMessage({ ready: true });
