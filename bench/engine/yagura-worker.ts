// Worker entry of the isolated Yagura runner: analyses one package version per message.
import { parentPort } from 'node:worker_threads';

import type { PackageFiles } from './package-files.js';
import { runYagura } from './yagura-runner.js';

/** A job sent to the worker. */
export interface YaguraJob {
  readonly id: number;
  readonly root: string;
  readonly files: PackageFiles;
}

parentPort?.on('message', (job: YaguraJob) => {
  runYagura(job.root, job.files).then(
    (run) => parentPort?.postMessage({ id: job.id, run }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
