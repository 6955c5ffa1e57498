import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import type { PartJob, PartResult, PartRunner } from '../core/index.js';
import type { PartMessage } from './analysis-worker.js';

type Reply =
  | { readonly id: number; readonly index: number; readonly result: PartResult }
  | { readonly id: number; readonly index: number; readonly error: string }
  | { readonly id: number; readonly done: true }
  | { readonly ready: true }
  | { readonly id: number; readonly regex: { readonly pattern: string; readonly flags: string } };

/** Settles the parts sent to a thread with the results of those it ran; the others run on the calling thread. */
type Pending = (results: Map<number, PartResult>) => void;

/** Claims of parts (see `AnalysisWorkers.run`): nobody yet, this thread; worker `w` claims with `w + 2`. */
const UNCLAIMED = 0;
const HERE = 1;

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

/**
 * V8 heap limits of a thread that runs the engine. Interpretation allocates a value per step and keeps what its memo
 * tables hold until the program is done, so with V8's default 16 MB semi-spaces a scavenge ran every few
 * milliseconds, each copying what the memo tables had just taken in: 13% of the corpus's analysis time. A young
 * generation of 192 MB (64 MB semi-spaces, as `--max-semi-space-size=64`, the size that measured best on the engine
 * corpus next to 32 and 128) cut the scavenges from 476 to 138 and their time by a third.
 */
export const ANALYSIS_THREAD_LIMITS = { maxYoungGenerationSizeMb: 192 } as const;

function sizeOf(job: PartJob): number {
  return job.files.reduce((n, f) => n + f.text.length, 0);
}

/**
 * Interprets the independent parts of a program on worker threads as well as the calling thread (a
 * `PartRunner` for `AnalysisOptions.runParts`): a package beside its browser bundle, or a copy of its sources as
 * ES modules, is interpreted at the same time. Parts are shared out largest first to the least loaded thread; a
 * thread done with its share takes the parts another has not started (a cold thread is slower than its share by
 * characters). Threads start on first use, stay for the next analysis (warm, like the rest of the scan) and never
 * keep the process alive while idle; a thread that fails has its parts run on the calling thread, so nothing is lost.
 */
export class AnalysisWorkers {
  private readonly threads: number;
  private readonly minThreadChars: number;
  private readonly entry: URL;
  private readonly workers: (Worker | undefined)[];
  /** Per thread: settles once it has loaded the engine (or failed). */
  private readonly loaded: (Promise<void> | undefined)[];
  private readonly pending = new Map<number, { readonly worker: Worker; readonly settle: Pending; readonly results: Map<number, PartResult> }>();
  private nextId = 0;

  constructor(private readonly options: AnalysisWorkersOptions = {}) {
    this.threads = Math.max(1, options.threads ?? Math.min(3, availableParallelism() - 1));
    this.minThreadChars = options.minThreadChars ?? DEFAULT_MIN_THREAD_CHARS;
    this.entry = options.entry ?? new URL(`./analysis-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
    this.workers = Array.from({ length: this.threads }, () => undefined);
    this.loaded = Array.from({ length: this.threads }, () => undefined);
  }

  /**
   * Start the threads now, so that they load the engine while the caller does other work (walks the tree,
   * analyses small programs) instead of when the first large program arrives.
   */
  warm(): void {
    for (let i = 0; i < this.threads; i++) this.workerAt(i);
  }

  /** Start the threads and wait until each has loaded the engine (or failed to start). */
  async ready(): Promise<void> {
    this.warm();
    // The threads are unref'd between analyses; while the caller waits for them, they must keep the process alive.
    for (const w of this.workers) w?.ref();
    try {
      await Promise.all(this.loaded.filter((p): p is Promise<void> => p !== undefined));
    } finally {
      if (this.pending.size === 0) for (const w of this.workers) w?.unref();
    }
  }

  /** The runner to pass as `runParts`. */
  readonly run: PartRunner = async (jobs, runHere) => {
    // Largest first to the least loaded executor: 0 is this thread, 1..n the workers.
    const loads = new Array<number>(this.threads + 1).fill(0);
    const lists: number[][] = loads.map(() => []);
    const order = jobs.map((job, i) => ({ i, size: sizeOf(job) })).sort((a, b) => b.size - a.size);
    for (const { i, size } of order) {
      let best = 0;
      for (let e = 1; e < loads.length; e++) if ((loads[e] ?? 0) < (loads[best] ?? 0)) best = e;
      lists[best]?.push(i);
      loads[best] = (loads[best] ?? 0) + size;
    }
    const threaded = loads.slice(1).reduce((n, l) => n + l, 0);
    if (threaded < this.minThreadChars) return jobs.map(runHere);
    // Each executor runs its own parts, then takes the parts another has not started, smallest first: a thread
    // slower than its share (a cold one) leaves its last parts to whoever is free. A claim decides who runs a part.
    const claims = new Int32Array(new SharedArrayBuffer(4 * jobs.length));
    const queueOf = (e: number): number[] => [...(lists[e] ?? []), ...lists.flatMap((l, other) => (other === e ? [] : [...l].reverse()))];
    const sent = lists.slice(1).map((_, w) => this.send(w, { jobs, queue: queueOf(w + 1), claims, claimant: w + 2 }));
    const results: (PartResult | undefined)[] = new Array<PartResult | undefined>(jobs.length).fill(undefined);
    for (const i of queueOf(0)) {
      const job = jobs[i];
      if (job && Atomics.compareExchange(claims, i, UNCLAIMED, HERE) === UNCLAIMED) results[i] = runHere(job);
    }
    const fromThreads = await Promise.all(sent);
    return jobs.map((job, i) => results[i] ?? fromThreads.find((r) => r.has(i))?.get(i) ?? runHere(job));
  };

  /** Hand a worker the parts: it answers with the results of those it ran (the ones finished when it failed). */
  private send(index: number, message: Omit<PartMessage, 'id'>): Promise<Map<number, PartResult>> {
    const worker = this.workerAt(index);
    const id = this.nextId++;
    return new Promise<Map<number, PartResult>>((resolve) => {
      if (this.pending.size === 0) for (const w of this.workers) w?.ref();
      this.pending.set(id, { worker, settle: resolve, results: new Map() });
      const full: PartMessage = { id, ...message };
      worker.postMessage(full);
    });
  }

  private settle(id: number, results: Map<number, PartResult>): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (this.pending.size === 0) for (const w of this.workers) w?.unref();
    entry.settle(results);
  }

  private workerAt(index: number): Worker {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = spawn(this.entry);
    let loaded = (): void => undefined;
    this.loaded[index] = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) loaded();
      else if ('regex' in reply) this.options.onTaintedRegex?.(reply.regex.pattern, reply.regex.flags);
      else if ('done' in reply) this.settle(reply.id, this.pending.get(reply.id)?.results ?? new Map<number, PartResult>());
      // A part the thread failed on is left out of its results: the calling thread runs it.
      else if ('result' in reply) this.pending.get(reply.id)?.results.set(reply.index, reply.result);
    });
    const fail = (): void => {
      loaded();
      if (this.workers[index] === worker) this.workers[index] = undefined;
      // The parts it finished stand; the one it was running, and those it claimed but never began, run here.
      for (const [id, entry] of [...this.pending]) if (entry.worker === worker) this.settle(id, entry.results);
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
  const resourceLimits = ANALYSIS_THREAD_LIMITS;
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
