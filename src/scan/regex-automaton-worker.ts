import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type { Diagnostics, Parameters } from 'recheck';

import type { AutomatonBackend, AutomatonCheck, RecheckOutcome } from '../rules/index.js';
import { recheckFailure, recheckOutcome, runRecheck } from '../rules/index.js';

type Reply =
  | { readonly id: number; readonly diagnostics: Diagnostics }
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly claimed: true };

/** A check sent to the thread; `claim` (shared) says who runs it: 0 nobody yet, 1 the thread, 2 the caller. */
interface Job {
  readonly pattern: string;
  readonly flags: string;
  readonly params: Parameters;
  readonly claim: Int32Array;
  readonly resolve: (outcome: RecheckOutcome) => void;
}

// The pure Scala.js checker (see rules/dos/regex-complexity.ts), one check at a time in arrival order, each
// skipped if the caller claimed it first. Plain CommonJS: the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const recheck = require(workerData.recheckPath);
parentPort.on('message', ({ id, pattern, flags, params, claim }) => {
  if (Atomics.compareExchange(claim, 0, 0, 1) !== 0) return parentPort.postMessage({ id, claimed: true });
  let reply;
  try {
    reply = { id, diagnostics: recheck.checkSync(pattern, flags, params) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(reply);
});
`;

/**
 * recheck's automaton checker on a worker thread: the ReDoS checks of a scan run on another core while the
 * engine interprets the program (see `ConcurrentRegexComplexityCache`). Once the analysis waits for verdicts,
 * {@link runQueuedHere} lets the waiting thread take the checks the worker has not started, newest first, so
 * that both threads check. The thread starts on the first check and keeps the process alive only while
 * checks are pending. A crashed thread answers its pending checks with `unknown`; the next check starts a new one.
 */
export class RegexAutomatonWorker implements AutomatonBackend {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, Job>();

  /** The {@link AutomatonCheck} to hand to `ConcurrentRegexComplexityCache`. */
  readonly check: AutomatonCheck = (pattern, flags, params) =>
    new Promise<RecheckOutcome>((resolve) => {
      const worker = (this.worker ??= this.spawn());
      if (this.pending.size === 0) worker.ref();
      const id = this.nextId++;
      const claim = new Int32Array(new SharedArrayBuffer(4));
      this.pending.set(id, { pattern, flags, params, claim, resolve });
      worker.postMessage({ id, pattern, flags, params, claim });
    });

  /** Run here, synchronously, the pending checks the thread has not started yet (newest first). */
  runQueuedHere(): void {
    for (const [id, job] of [...this.pending].reverse()) {
      if (Atomics.compareExchange(job.claim, 0, 0, 2) !== 0) continue;
      this.settle(id, runRecheck(job.pattern, job.flags, job.params));
    }
  }

  private settle(id: number, outcome: RecheckOutcome): void {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    job.resolve(outcome);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private spawn(): Worker {
    const recheckPath = createRequire(import.meta.url).resolve('recheck/lib/browser.js');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { recheckPath } });
    worker.on('message', (reply: Reply) => {
      if ('claimed' in reply) return;
      this.settle(reply.id, 'error' in reply ? recheckFailure(new Error(reply.error)) : recheckOutcome(reply.diagnostics));
    });
    const fail = (reason: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.resolve({ status: 'unknown', reason });
      this.pending.clear();
    };
    worker.on('error', (error: Error) => {
      fail(error.message);
    });
    worker.on('exit', (code: number) => {
      fail(`regex worker exited with code ${String(code)}`);
    });
    worker.unref();
    return worker;
  }

  /** Stop the thread; pending checks end as `unknown`. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }
}
