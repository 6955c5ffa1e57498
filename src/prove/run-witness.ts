import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { runInSandbox } from './sandbox/run-in-sandbox.js';
import type { SandboxSettings } from './sandbox/types.js';
import type { Witness, WitnessOutcome } from './witness/witness.js';
import { parseWitnessOutput } from './witness/witness.js';

/** Where and how witnesses run; the caller passes `nodePath` from its entry point. */
export interface WitnessRunOptions {
  readonly nodePath: string;
  /** Host folder for the sandbox's throw-away copies. */
  readonly tempDir?: string;
  readonly memoryMb?: number;
  /** Run without bubblewrap (same limits). Never a default; recorded in the evidence. */
  readonly unsafeNoSandbox?: boolean;
}

/** One sandboxed run of a witness. */
export interface WitnessRun {
  readonly outcome: WitnessOutcome;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly stdoutExcerpt: string;
  readonly stderrExcerpt: string;
  readonly settings: SandboxSettings;
}

const EXCERPT = 2000;

/** Keep the start and the end of a long text. */
export function excerpt(text: string, max = EXCERPT): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n[... ${text.length - max} characters ...]\n${text.slice(-half)}`;
}

/**
 * Write the witness into `targetDir` (a prepared copy of the project, dependencies installed) and run it
 * once in a fresh sandbox. `targetDir` itself is never touched by the run: the sandbox works on a copy.
 */
export async function runWitness(witness: Witness, targetDir: string, options: WitnessRunOptions): Promise<WitnessRun> {
  await writeFile(join(targetDir, witness.fileName), witness.script);
  const result = await runInSandbox({
    command: 'node',
    args: [...witness.nodeArgs, witness.fileName],
    workdir: targetDir,
    // Dependencies and Yagura's runtime helpers are mounted read-only: no copy per run, no change between runs.
    readOnlySubdirs: ['node_modules', '.yagura-runtime'],
    nodePath: options.nodePath,
    env: { NODE_ENV: 'development' },
    timeoutMs: witness.timeoutMs,
    memoryMb: options.memoryMb ?? 1024,
    cpuSeconds: Math.ceil(witness.timeoutMs / 1000) + 2,
    maxProcesses: 256,
    maxOutputBytes: 1024 * 1024,
    network: witness.network,
    ...(options.tempDir === undefined ? {} : { tempDir: options.tempDir }),
    ...(options.unsafeNoSandbox === true ? { unsafeNoSandbox: true } : {}),
  });
  const parsed = parseWitnessOutput(result.stdout);
  const outcome: WitnessOutcome = parsed ?? {
    reproduced: false,
    reason: result.timedOut ? 'the witness timed out' : `the witness printed no result (exit ${String(result.exitCode ?? result.signal)})`,
    details: {},
  };
  return {
    outcome,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    durationMs: Math.round(result.durationMs),
    stdoutExcerpt: excerpt(result.stdout),
    stderrExcerpt: excerpt(result.stderr),
    settings: result.settings,
  };
}
