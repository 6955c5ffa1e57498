// Worker entry of the isolated Yagura runner: analyses one package version per message.
import { parentPort, workerData } from 'node:worker_threads';

import type { PackageFiles } from './package-files.js';
import type { YaguraBuild } from './shipped-engine.js';
import { loadYagura } from './shipped-engine.js';
import type { YaguraSetup } from './yagura-runner.js';
import { runYagura } from './yagura-runner.js';

/** A job sent to the worker. */
export interface YaguraJob {
  readonly id: number;
  readonly root: string;
  readonly files: PackageFiles;
}

/** What the worker is started with. */
export interface YaguraWorkerData {
  readonly build: YaguraBuild;
}

const { build } = workerData as YaguraWorkerData;
const yagura = await loadYagura(build);
// Like `yagura scan`: ReDoS automaton checks beside the engine (recheck's native agent, else a second thread),
// started as the engine finds tainted regexes. One verdict cache for the worker's life, as the process-wide cache
// of ALL_RULES would be.
const regexes = new yagura.rules.ConcurrentRegexComplexityCache(yagura.scan.createAutomatonBackend());
const prefetch = (pattern: string, flags: string): void => {
  regexes.prefetch(pattern, flags);
};
// Like `yagura scan`: the independent parts of a package (sources, bundles) are interpreted on analysis threads too.
// This worker analyses every version in turn, like a long-running scanner: its thread starts at once, as the
// verdict cache lives for all versions, instead of in the middle of the first large package.
const parts = new yagura.scan.AnalysisWorkers({ onTaintedRegex: prefetch });
parts.warm();
const setup: YaguraSetup = { yagura, rules: yagura.rules.createAllRules(regexes), onTaintedRegex: prefetch, runParts: parts.run };

parentPort?.on('message', (job: YaguraJob) => {
  runYagura(job.root, job.files, setup).then(
    (run) => parentPort?.postMessage({ id: job.id, run }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
