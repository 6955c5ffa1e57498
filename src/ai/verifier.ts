import { tmpdir } from 'node:os';

import type { AiFindingState, CandidateFinding } from './candidate.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { runWitness, witnessProblems, type WitnessLimits, type WitnessRun } from './witness.js';

/** The verifier's decision on one candidate, with the evidence. */
export interface Verification {
  readonly state: AiFindingState;
  readonly reason: string;
  readonly runs: readonly WitnessRun[];
  readonly reproductions: number;
  readonly required: number;
}

/** How many runs and how many reproductions a proof needs. */
export interface VerifyOptions extends WitnessLimits {
  readonly runs: number;
  readonly required: number;
  readonly tempDir?: string;
}

/** Whether the witness loads the file of the claimed sink (a witness that never touches the code proves nothing). */
function loadsSinkFile(candidate: CandidateFinding, script: string): boolean {
  const stem = candidate.file.replace(/\.(c|m)?(j|t)sx?$/, '');
  return script.includes(stem) || script.includes(candidate.file);
}

/**
 * Verify a candidate independently of the hunter: it sees only the claimed flow and the witness, never the
 * hunter's reasoning. The witness runs `runs` times (3) in the proof sandbox; `required` (2) reproductions
 * make it `proven`, fewer `rejected`. A candidate without a witness stays `suspected`.
 */
export async function verifyCandidate(candidate: CandidateFinding, snapshot: ProjectSnapshot, options: VerifyOptions): Promise<Verification> {
  const base = { runs: [] as WitnessRun[], reproductions: 0, required: options.required };
  const witness = candidate.witness;
  if (!witness) return { ...base, state: 'suspected', reason: 'no witness was proposed' };
  if (!snapshot.file(candidate.file)) return { ...base, state: 'rejected', reason: `the claimed sink file ${candidate.file} is not in the project` };
  const problems = witnessProblems(witness, snapshot);
  if (problems.length > 0) return { ...base, state: 'rejected', reason: problems.join('; ') };
  if (!loadsSinkFile(candidate, witness.script)) return { ...base, state: 'rejected', reason: `the witness does not load ${candidate.file}` };
  const runs: WitnessRun[] = [];
  for (let i = 0; i < options.runs; i++) runs.push(await runWitness(snapshot, witness, options, options.tempDir ?? tmpdir()));
  const reproductions = runs.filter((r) => r.reproduced).length;
  const proven = reproductions >= options.required;
  return {
    state: proven ? 'proven' : 'rejected',
    reason: `${String(reproductions)} of ${String(options.runs)} sandboxed runs reproduced the claimed output`,
    runs,
    reproductions,
    required: options.required,
  };
}

/** The evidence kept in a finding's properties. */
export function evidenceOf(verification: Verification): Record<string, unknown> {
  return {
    verdict: verification.state,
    reason: verification.reason,
    reproductions: verification.reproductions,
    runs: verification.runs.length,
    required: verification.required,
    sandbox: verification.runs[0]?.isolated === false ? 'none' : 'bubblewrap',
    outputs: verification.runs.map((r) => ({ exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs, stdout: r.stdout.slice(0, 500) })),
  };
}
