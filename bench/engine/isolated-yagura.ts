import { Worker } from 'node:worker_threads';

import { ANALYSIS_THREAD_LIMITS } from '../../src/scan/analysis-workers.js';
import type { PackageFiles } from './package-files.js';
import type { YaguraBuild } from './shipped-engine.js';
import type { YaguraWorkerData } from './yagura-worker.js';
import type { ToolRun } from './yagura-runner.js';

/** Limits of one package version's analysis in the worker. */
export interface IsolationLimits {
  readonly timeoutMillis: number;
  readonly maxHeapMb: number;
}

/** Defaults: generous next to the engine's own 5 s per-file budget, small next to the machine. */
export const DEFAULT_ISOLATION_LIMITS: IsolationLimits = { timeoutMillis: 120_000, maxHeapMb: 3072 };

type WorkerReply = { readonly id: number; readonly run: ToolRun } | { readonly id: number; readonly error: string };

/**
 * Runs Yagura in a worker thread of this process, so that a package that makes the engine hang or run
 * out of memory is recorded as a failure of that package instead of ending the whole benchmark.
 * The worker is reused across packages (warm, like a real scan) and replaced after a failure.
 */
export class IsolatedYagura {
  private worker: Worker | undefined;
  private nextId = 0;

  /** `build`: the compiled `dist/` the `yagura` command runs (the bench), or `src/` (tests, no build needed). */
  constructor(
    private readonly build: YaguraBuild,
    private readonly limits: IsolationLimits = DEFAULT_ISOLATION_LIMITS,
  ) {}

  private spawn(): Worker {
    const entry = new URL('./yagura-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    // The worker's entry is TypeScript like the main thread: register tsx, then load it (it loads the engine's build).
    const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const workerData: YaguraWorkerData = { build: this.build };
    // The engine's thread runs with the heap limits of Yagura's analysis threads, and a cap on the old generation.
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits: { ...ANALYSIS_THREAD_LIMITS, maxOldGenerationSizeMb: this.limits.maxHeapMb } });
  }

  /** Analyse one package version; failures come back as a run with no findings and a problem. */
  analyze(root: string, files: PackageFiles): Promise<ToolRun> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<ToolRun>((resolve) => {
      const finish = (run: ToolRun, broken: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (broken) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(run);
      };
      const failed = (problem: string): ToolRun => ({ findings: [], millis: 0, problems: [problem] });
      const onMessage = (reply: WorkerReply): void => {
        if (reply.id !== id) return;
        if ('run' in reply) finish(reply.run, false);
        else finish(failed(`ENGINE_CRASHED: ${reply.error}`), false);
      };
      const onError = (error: Error): void => {
        const code = 'code' in error ? String(error.code) : '';
        finish(failed(code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ENGINE_OUT_OF_MEMORY: over ${this.limits.maxHeapMb} MB` : `ENGINE_CRASHED: ${error.message}`), true);
      };
      const onExit = (exitCode: number): void => {
        finish(failed(`ENGINE_CRASHED: worker exited with code ${exitCode}`), true);
      };
      const timer = setTimeout(() => {
        finish(failed(`ENGINE_TIMEOUT: over ${this.limits.timeoutMillis} ms`), true);
      }, this.limits.timeoutMillis);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, root, files });
    });
  }

  /** Stop the worker (the benchmark calls this once at the end). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }
}
