import type { Finding } from '../core/index.js';
import { AgentFinished, runAgent, type AgentTool } from './agent-loop.js';
import { CANDIDATE_SCHEMA, candidateFingerprint, toAiFinding, type CandidateFinding } from './candidate.js';
import { AiBudgetExceededError } from './errors.js';
import type { ModelGateway } from './model-gateway.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { createProjectTools } from './project-tools.js';
import { callForJson } from './structured-output.js';
import { evidenceOf, verifyCandidate, type Verification, type VerifyOptions } from './verifier.js';
import { runWitness, witnessProblems, WITNESS_SCHEMA, type Witness } from './witness.js';

/** A narrow hunt the ranking step chose. */
export interface HuntTarget {
  readonly file: string;
  /** Entry point or function to start from. */
  readonly focus: string;
  readonly reason: string;
}

/** Options of {@link hunt}. */
export interface HuntOptions {
  readonly gateway: ModelGateway;
  readonly snapshot: ProjectSnapshot;
  /** THREAT_MODEL.md text, when the project has one. */
  readonly threatModel?: string;
  readonly verify: VerifyOptions;
}

/** What a hunt produced. */
export interface HuntResult {
  readonly targets: readonly HuntTarget[];
  /** Proven and suspected AI findings (origin `ai`); rejected ones are not findings. */
  readonly findings: readonly Finding[];
  readonly rejected: readonly { readonly candidate: CandidateFinding; readonly verification: Verification }[];
  readonly candidates: number;
  /** Set when a budget stopped the hunt early (the message says which). */
  readonly stopped?: string;
}

const TARGETS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'focus', 'reason'],
        properties: { file: { type: 'string', minLength: 1 }, focus: { type: 'string', minLength: 1 }, reason: { type: 'string' } },
      },
    },
  },
} as const;

const HUNTER_SYSTEM = `You are a vulnerability hunter working inside Yagura, a security scanner. You look for real, exploitable flaws that
pattern rules miss: missing authorization (IDOR), broken business logic, trust-boundary mistakes. Use the tools to read code.
Report a flaw only with the report_finding tool, with the data flow from where attacker input enters to where harm happens,
and a witness: a small CommonJS Node script run from the project root (it may require project files by relative path, and may
add stub files for packages that are not installed) that prints expectStdout only when the flaw is real. Witnesses run in a
sandbox without network. Never guess: when the code is safe, report nothing. Call finish when done.`;

/** Rank the files and entry points worth a narrow hunt. */
async function rankTargets(options: HuntOptions): Promise<HuntTarget[]> {
  const { snapshot, gateway } = options;
  const prompt = [
    `Project files:\n${snapshot.list().join('\n')}`,
    `Static data flows already reported (do not re-report them):\n${snapshot.flows().join('\n') || 'none'}`,
    options.threatModel ? `Threat model (written by the team):\n${options.threatModel}` : 'No threat model was written.',
    `Rank at most ${String(gateway.settings.hunt.maxTargets)} files and entry points (functions) most likely to hold a flaw, most likely first.`,
  ].join('\n\n');
  const { value } = await callForJson(
    gateway,
    'hunt',
    { system: 'You rank the attack surface of a code base for a security review.', messages: [{ role: 'user', text: prompt }] },
    TARGETS_SCHEMA,
  );
  return (value as { targets: HuntTarget[] }).targets.filter((t) => snapshot.list().includes(t.file)).slice(0, gateway.settings.hunt.maxTargets);
}

/** The hunter's tools besides the read-only project tools: a trial proof run, report, finish. */
function huntingTools(options: HuntOptions, found: CandidateFinding[]): AgentTool[] {
  return [
    {
      name: 'run_proof',
      description: 'Run a witness once in the sandbox (no network, a throw-away copy of the project) and see its output.',
      inputSchema: WITNESS_SCHEMA,
      run: async (input) => {
        const witness = input as unknown as Witness;
        const problems = witnessProblems(witness, options.snapshot);
        if (problems.length > 0) throw new Error(problems.join('; '));
        const run = await runWitness(options.snapshot, witness, options.verify, options.verify.tempDir);
        return JSON.stringify({ reproduced: run.reproduced, exitCode: run.exitCode, timedOut: run.timedOut, stdout: run.stdout, stderr: run.stderr });
      },
    },
    {
      name: 'report_finding',
      description: 'Report one flaw with its claimed data flow and a witness.',
      inputSchema: CANDIDATE_SCHEMA,
      run: (input) => {
        const candidate = input as unknown as CandidateFinding;
        if (!options.snapshot.file(candidate.file)) throw new Error(`no such file in the project: ${candidate.file}`);
        found.push(candidate);
        return `recorded as candidate ${String(found.length)}`;
      },
    },
    {
      name: 'finish',
      description: 'End this hunt.',
      inputSchema: { type: 'object', additionalProperties: false, properties: { summary: { type: 'string' } } },
      run: () => {
        throw new AgentFinished();
      },
    },
  ];
}

/**
 * Hunt for flaws: rank the attack surface, run one narrow agent loop per target (bounded rounds, tools over
 * the project copy and the engine, trial proofs in the sandbox), then verify every candidate independently.
 * A budget stop ends the hunting cleanly; candidates found so far are still verified.
 * @example
 * const result = await hunt({ gateway, snapshot, verify: { runs: 3, required: 2, timeoutMs: 10_000, memoryMb: 256, nodePath } });
 */
export async function hunt(options: HuntOptions): Promise<HuntResult> {
  const found: CandidateFinding[] = [];
  let targets: HuntTarget[] = [];
  let stopped: string | undefined;
  try {
    targets = await rankTargets(options);
    const tools = [...createProjectTools(options.snapshot), ...huntingTools(options, found)];
    for (const target of targets) {
      await runAgent({
        gateway: options.gateway,
        purpose: 'hunt',
        system: HUNTER_SYSTEM,
        prompt: [
          `Hunt in ${target.file}, starting from ${target.focus}. Why it was chosen: ${target.reason}`,
          options.threatModel ? `Threat model:\n${options.threatModel}` : '',
        ].join('\n\n'),
        tools,
        maxRounds: options.gateway.settings.hunt.maxRounds,
      });
    }
  } catch (error: unknown) {
    if (!(error instanceof AiBudgetExceededError)) throw error;
    stopped = error.message;
  }
  // The verifier gets the claim and the witness only, never the hunter's conversation.
  const unique = [...new Map(found.map((c) => [candidateFingerprint(c), c])).values()];
  const findings: Finding[] = [];
  const rejected: { candidate: CandidateFinding; verification: Verification }[] = [];
  for (const candidate of unique) {
    const verification = await verifyCandidate(candidate, options.snapshot, options.verify);
    if (verification.state === 'rejected') rejected.push({ candidate, verification });
    else findings.push(toAiFinding(candidate, { state: verification.state, evidence: evidenceOf(verification) }, { model: options.gateway.modelFor('hunt'), ...(candidate.witness ? { witness: candidate.witness } : {}) }));
  }
  return { targets, findings, rejected, candidates: found.length, ...(stopped === undefined ? {} : { stopped }) };
}
