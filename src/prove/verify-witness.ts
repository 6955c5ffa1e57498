import type { WitnessRun, WitnessRunOptions } from './run-witness.js';
import { runWitness } from './run-witness.js';
import type { Witness } from './witness/witness.js';

/** Runs and acceptance threshold of the independent verification (3 runs, at least 2 reproductions). */
export const VERIFY_RUNS = 3;
export const VERIFY_REQUIRED = 2;

/** The verdict of the verifier on one witness. */
export interface Verification {
  readonly accepted: boolean;
  readonly reproductions: number;
  readonly runs: readonly WitnessRun[];
}

/**
 * Independent verification: re-run ONLY the witness artifact (its script, payload and oracle, nothing
 * of the search that produced it) in a fresh sandbox each time; accept with at least 2 of 3 reproductions.
 * Stops early only when acceptance has become impossible.
 * @example
 * const { accepted } = await verifyWitness(replayWitness, preparedDir, { nodePath: process.execPath });
 */
export async function verifyWitness(witness: Witness, targetDir: string, options: WitnessRunOptions): Promise<Verification> {
  const runs: WitnessRun[] = [];
  let reproductions = 0;
  for (let i = 0; i < VERIFY_RUNS; i++) {
    const run = await runWitness(witness, targetDir, options);
    runs.push(run);
    if (run.outcome.reproduced) reproductions++;
    const left = VERIFY_RUNS - runs.length;
    if (reproductions + left < VERIFY_REQUIRED) break;
  }
  return { accepted: reproductions >= VERIFY_REQUIRED, reproductions, runs };
}
