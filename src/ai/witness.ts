import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { runInSandbox, type SandboxResult } from '../prove/index.js';
import { checkProjectPath, type ProjectSnapshot } from './project-snapshot.js';

/** An executable proof: a Node script run from the project copy's root, and the output that shows the flaw. */
export interface Witness {
  /** CommonJS source, written to `.yagura-witness/witness.cjs` and run with `node` from the copy's root. */
  readonly script: string;
  /** Extra files the script needs (stubs of uninstalled packages such as `node_modules/express/index.js`); never replaces a project file. */
  readonly files?: Readonly<Record<string, string>>;
  /** Text stdout must contain when the flaw is real. */
  readonly expectStdout: string;
}

/** JSON Schema of a {@link Witness}. */
export const WITNESS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['script', 'expectStdout'],
  properties: {
    script: { type: 'string', minLength: 1, maxLength: 20_000 },
    files: { type: 'object', maxProperties: 10, additionalProperties: { type: 'string', maxLength: 20_000 } },
    expectStdout: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const;

/** Sandbox bounds of one witness run. */
export interface WitnessLimits {
  readonly timeoutMs: number;
  readonly memoryMb: number;
  /** Node binary mounted into the sandbox (the entry point passes `process.execPath`); the sandbox's default when absent. */
  readonly nodePath?: string;
}

/** The outcome of one run: whether it reproduced, and the sandbox's evidence. */
export interface WitnessRun {
  readonly reproduced: boolean;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly isolated: boolean;
}

const WITNESS_PATH = '.yagura-witness/witness.cjs';

/** Problems that make a witness unusable before it runs; empty when it may run. */
export function witnessProblems(witness: Witness, snapshot: ProjectSnapshot): string[] {
  const problems: string[] = [];
  for (const path of Object.keys(witness.files ?? {})) {
    try {
      const p = checkProjectPath(path);
      if (snapshot.file(p)) problems.push(`the witness may not replace the project file ${p}`);
    } catch (error: unknown) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** Write the project copy and the witness into a fresh folder. */
async function materialise(snapshot: ProjectSnapshot, witness: Witness, tempDir: string, omit: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(tempDir, 'yagura-witness-'));
  const write = async (path: string, text: string): Promise<void> => {
    const target = join(dir, checkProjectPath(path));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  };
  for (const file of snapshot.files) if (file.path !== omit) await write(file.path, file.text);
  for (const [path, text] of Object.entries(witness.files ?? {})) await write(path, text);
  await write(WITNESS_PATH, witness.script);
  return dir;
}

/**
 * Run a witness once in the proof sandbox (no network, a throw-away copy of the project, resource limits).
 * It reproduces when it exits 0 within its limits and prints `expectStdout`. `omit` leaves one project file
 * out of the copy (the verifier's control run).
 */
export async function runWitness(snapshot: ProjectSnapshot, witness: Witness, limits: WitnessLimits, tempDir: string = tmpdir(), omit?: string): Promise<WitnessRun> {
  const dir = await materialise(snapshot, witness, tempDir, omit);
  try {
    const result: SandboxResult = await runInSandbox({
      command: 'node',
      args: [WITNESS_PATH],
      workdir: dir,
      env: { NODE_ENV: 'production' },
      timeoutMs: limits.timeoutMs,
      memoryMb: limits.memoryMb,
      cpuSeconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)),
      maxProcesses: 64,
      maxOutputBytes: 64 * 1024,
      network: 'none',
      ...(limits.nodePath === undefined ? {} : { nodePath: limits.nodePath }),
      tempDir,
    });
    return {
      reproduced: result.exitCode === 0 && !result.timedOut && result.killedFor === undefined && result.stdout.includes(witness.expectStdout),
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
      stdout: result.stdout.slice(0, 2000),
      stderr: result.stderr.slice(0, 2000),
      isolated: result.settings.isolated,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
