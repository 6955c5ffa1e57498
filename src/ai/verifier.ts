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
  /** The control run without the sink file; a real witness must fail it. */
  readonly control?: WitnessRun;
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
 * and a control run without the sink file that does NOT reproduce make it `proven`; anything else is
 * `rejected`. A candidate without a witness stays `suspected`.
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
  const reason = `${String(reproductions)} of ${String(options.runs)} sandboxed runs reproduced the claimed output`;
  if (reproductions < options.required) return { state: 'rejected', reason, runs, reproductions, required: options.required };
  // Control: without the sink file the claimed output must not appear, or the witness proves nothing about it.
  const control = await runWitness(snapshot, witness, options, options.tempDir ?? tmpdir(), candidate.file);
  if (control.reproduced) {
    return { state: 'rejected', reason: `${reason}, but also without ${candidate.file}: the witness does not depend on the claimed code`, runs, reproductions, required: options.required, control };
  }
  return { state: 'proven', reason: `${reason}; the control run without ${candidate.file} did not`, runs, reproductions, required: options.required, control };
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
    ...(verification.control ? { control: { reproduced: verification.control.reproduced, exitCode: verification.control.exitCode } } : {}),
  };
}
