import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { PartJob, PartResult, PartRunner } from '../core/index.js';
import type { PartMessage } from './analysis-worker.js';

type Reply =
  | { readonly id: number; readonly result: PartResult }
  | { readonly id: number; readonly error: string }
  | { readonly id: number; readonly regex: { readonly pattern: string; readonly flags: string } };

/** Settles one part sent to a thread: its result, or `undefined` when the thread failed (the part is then run here). */
type Pending = (result: PartResult | undefined) => void;

/** What {@link AnalysisWorkers} may use. */
export interface AnalysisWorkersOptions {
  /** Threads beside the calling one; default: one less than the cores, at most 3 (at least 1). */
  readonly threads?: number;
  /**
   * Parts given to threads must add up to at least this many characters of code, or every part runs on the
   * calling thread: a cold thread costs a few hundred milliseconds of loading and compiling before it pays.
   */
  readonly minThreadChars?: number;
  /** Told of each tainted regex a part meets on a thread (see `AnalysisOptions.onTaintedRegex`). */
  readonly onTaintedRegex?: (pattern: string, flags: string) => void;
  /** The worker's entry module (tests point it elsewhere). */
  readonly entry?: URL;
}

/** About 2,000 lines of code. */
const DEFAULT_MIN_THREAD_CHARS = 60_000;

function sizeOf(job: PartJob): number {
  return job.files.reduce((n, f) => n + f.text.length, 0);
}

/**
 * Interprets the independent parts of a program on worker threads as well as the calling thread (a
 * `PartRunner` for `AnalysisOptions.runParts`): a package beside its browser bundle, or a copy of its sources as
 * ES modules, is interpreted at the same time. Parts are shared out largest first to the least loaded thread.
 * Threads start on first use, stay for the next analysis (warm, like the rest of the scan) and never keep the
 * process alive while idle; a thread that fails has its parts run on the calling thread, so nothing is lost.
 */
export class AnalysisWorkers {
  private readonly threads: number;
  private readonly minThreadChars: number;
  private readonly entry: URL;
  private readonly workers: (Worker | undefined)[];
  private readonly pending = new Map<number, { readonly worker: Worker; readonly settle: Pending }>();
  private nextId = 0;

  constructor(private readonly options: AnalysisWorkersOptions = {}) {
    this.threads = Math.max(1, options.threads ?? Math.min(3, availableParallelism() - 1));
    this.minThreadChars = options.minThreadChars ?? DEFAULT_MIN_THREAD_CHARS;
    this.entry = options.entry ?? new URL(`./analysis-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    this.workers = Array.from({ length: this.threads }, () => undefined);
  }

  /**
   * Start the threads now, so that they load the engine while the caller does other work (walks the tree,
   * analyses small programs) instead of when the first large program arrives.
   */
  warm(): void {
    for (let i = 0; i < this.threads; i++) this.workerAt(i);
  }

  /** The runner to pass as `runParts`. */
  readonly run: PartRunner = async (jobs, runHere) => {
    // Largest first to the least loaded executor: 0 is this thread, 1..n the workers.
    const loads = new Array<number>(this.threads + 1).fill(0);
    const owner = new Array<number>(jobs.length).fill(0);
    const order = jobs.map((job, i) => ({ i, size: sizeOf(job) })).sort((a, b) => b.size - a.size);
    for (const { i, size } of order) {
      let best = 0;
      for (let e = 1; e < loads.length; e++) if ((loads[e] ?? 0) < (loads[best] ?? 0)) best = e;
      owner[i] = best;
      loads[best] = (loads[best] ?? 0) + size;
    }
    const threaded = loads.slice(1).reduce((n, l) => n + l, 0);
    if (threaded < this.minThreadChars) return jobs.map(runHere);
    const sent = jobs.map((job, i) => ((owner[i] ?? 0) > 0 ? this.send((owner[i] ?? 1) - 1, job) : undefined));
    const here = jobs.map((job, i) => (owner[i] === 0 ? runHere(job) : undefined));
    const results: PartResult[] = [];
    for (const [i, job] of jobs.entries()) {
      const mine = here[i];
      results.push(mine ?? (await sent[i]) ?? runHere(job));
    }
    return results;
  };

  private send(index: number, job: PartJob): Promise<PartResult | undefined> {
    const worker = this.workerAt(index);
    const id = this.nextId++;
    return new Promise<PartResult | undefined>((resolve) => {
      if (this.pending.size === 0) for (const w of this.workers) w?.ref();
      this.pending.set(id, { worker, settle: resolve });
      const message: PartMessage = { id, job };
      worker.postMessage(message);
    });
  }

  private settle(id: number, result: PartResult | undefined): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (this.pending.size === 0) for (const w of this.workers) w?.unref();
    entry.settle(result);
  }

  private workerAt(index: number): Worker {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = spawn(this.entry);
    worker.on('message', (reply: Reply) => {
      if ('regex' in reply) this.options.onTaintedRegex?.(reply.regex.pattern, reply.regex.flags);
      else this.settle(reply.id, 'result' in reply ? reply.result : undefined);
    });
    const fail = (): void => {
      if (this.workers[index] === worker) this.workers[index] = undefined;
      for (const [id, entry] of [...this.pending]) if (entry.worker === worker) this.settle(id, undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    worker.unref();
    this.workers[index] = worker;
    return worker;
  }

  /** Stop the threads; parts still running on them are answered by the calling thread. */
  async close(): Promise<void> {
    const workers = [...this.workers];
    this.workers.fill(undefined);
    await Promise.all(workers.flatMap((w) => (w ? [w.terminate()] : [])));
  }
}

/** A worker on `entry`; TypeScript sources (tests, benchmarks) load through tsx, as the calling thread does. */
function spawn(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}
