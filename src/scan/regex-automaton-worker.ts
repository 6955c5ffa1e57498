import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import type { Diagnostics, Parameters } from 'recheck';

import type { AutomatonCheck, RecheckOutcome } from '../rules/index.js';
import { recheckFailure, recheckOutcome } from '../rules/index.js';

type Reply = { readonly id: number; readonly diagnostics: Diagnostics } | { readonly id: number; readonly error: string };

// The pure Scala.js checker (see rules/dos/regex-complexity.ts), one check at a time in arrival order. Plain
// CommonJS so that the worker needs no TypeScript loader, from sources as from the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const recheck = require(workerData.recheckPath);
parentPort.on('message', ({ id, pattern, flags, params }) => {
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
 * engine interprets the program (see `ConcurrentRegexComplexityCache`). The thread starts on the first
 * check and keeps the process alive only while checks are pending. A crashed thread answers its pending
 * checks with `unknown` and is replaced on the next check.
 */
export class RegexAutomatonWorker {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, (outcome: RecheckOutcome) => void>();

  /** The {@link AutomatonCheck} to hand to `ConcurrentRegexComplexityCache`. */
  readonly check: AutomatonCheck = (pattern, flags, params) =>
    new Promise<RecheckOutcome>((resolve) => {
      const worker = (this.worker ??= this.spawn());
      if (this.pending.size === 0) worker.ref();
      const id = this.nextId++;
      this.pending.set(id, resolve);
      const message: { id: number; pattern: string; flags: string; params: Parameters } = { id, pattern, flags, params };
      worker.postMessage(message);
    });

  private spawn(): Worker {
    const recheckPath = createRequire(import.meta.url).resolve('recheck/lib/browser.js');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { recheckPath } });
    worker.on('message', (reply: Reply) => {
      const resolve = this.pending.get(reply.id);
      if (!resolve) return;
      this.pending.delete(reply.id);
      resolve('error' in reply ? recheckFailure(new Error(reply.error)) : recheckOutcome(reply.diagnostics));
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (reason: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const resolve of this.pending.values()) resolve({ status: 'unknown', reason });
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
