// Worker entry of `AnalysisWorkers`: interprets one part of a program per message (see engine `analyzePart`).
import { parentPort } from 'node:worker_threads';

import type { PartJob } from '../core/index.js';
import { analyzePart } from '../engine/index.js';
import { ALL_MODELS } from '../models/index.js';

/** A part sent to the thread. */
export interface PartMessage {
  readonly id: number;
  readonly job: PartJob;
}

parentPort?.on('message', ({ id, job }: PartMessage) => {
  try {
    const result = analyzePart(job, {
      models: ALL_MODELS,
      clock: () => performance.now(),
      // The ReDoS checks start on the scan's checker as soon as the part meets a tainted regex.
      onTaintedRegex: (pattern, flags) => parentPort?.postMessage({ id, regex: { pattern, flags } }),
    });
    parentPort?.postMessage({ id, result });
  } catch (error: unknown) {
    parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
