import { computeFingerprint, type Finding, type FlowStep, type Severity } from '../core/index.js';
import type { Witness } from './witness.js';
import { WITNESS_SCHEMA } from './witness.js';

/** A finding a hunter claims, before verification. */
export interface CandidateFinding {
  /** Kebab-case name of the problem (`missing-authorization`); reported as `ai/<ruleId>`. */
  readonly ruleId: string;
  readonly title: string;
  readonly cwe: readonly string[];
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  /** Enclosing function of the sink. */
  readonly function: string;
  readonly message: string;
  readonly explanation: string;
  readonly fix: string;
  /** Source to sink, as the hunter claims it. */
  readonly flow: readonly { readonly kind: FlowStep['kind']; readonly file: string; readonly line: number; readonly message: string }[];
  readonly witness?: Witness;
}

/** JSON Schema of a {@link CandidateFinding} (the hunter's `report_finding` tool input). */
export const CANDIDATE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['ruleId', 'title', 'cwe', 'severity', 'file', 'line', 'function', 'message', 'explanation', 'fix', 'flow'],
  properties: {
    ruleId: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 60 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    cwe: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^CWE-[0-9]+$' } },
    severity: { enum: ['info', 'low', 'medium', 'high', 'critical'] },
    file: { type: 'string', minLength: 1 },
    line: { type: 'integer', minimum: 1 },
    function: { type: 'string', minLength: 1 },
    message: { type: 'string', minLength: 1, maxLength: 500 },
    explanation: { type: 'string', minLength: 1, maxLength: 2000 },
    fix: { type: 'string', minLength: 1, maxLength: 2000 },
    flow: {
      type: 'array',
      minItems: 1,
      maxItems: 40,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'file', 'line', 'message'],
        properties: {
          kind: { enum: ['source', 'step', 'call', 'return', 'field', 'sink'] },
          file: { type: 'string', minLength: 1 },
          line: { type: 'integer', minimum: 1 },
          message: { type: 'string', minLength: 1, maxLength: 300 },
        },
      },
    },
    witness: WITNESS_SCHEMA,
  },
} as const;

/** Verification state of an AI finding. */
export type AiFindingState = 'suspected' | 'proven' | 'rejected';

/** Rule id prefix of AI findings, so they never collide with a static rule. */
export const AI_RULE_PREFIX = 'ai/';

/** Fingerprint of a candidate: rule, file, function and title; no line numbers. */
export function candidateFingerprint(candidate: CandidateFinding): string {
  return computeFingerprint({ ruleId: `${AI_RULE_PREFIX}${candidate.ruleId}`, file: candidate.file, sinkText: candidate.title, enclosing: candidate.function });
}

/** A candidate in Yagura's finding shape (origin `ai`), labelled AI-reported, with its verification state and evidence. */
export function toAiFinding(
  candidate: CandidateFinding,
  verification: { readonly state: AiFindingState; readonly evidence?: Readonly<Record<string, unknown>> },
  extra: Readonly<Record<string, unknown>> = {},
): Finding {
  const location = (file: string, line: number) => ({ file, startLine: line, startColumn: 1, endLine: line, endColumn: 1 });
  return {
    fingerprint: candidateFingerprint(candidate),
    ruleId: `${AI_RULE_PREFIX}${candidate.ruleId}`,
    cwe: [...candidate.cwe],
    severity: candidate.severity,
    confidence: verification.state === 'proven' ? 'high' : 'low',
    message: `[AI-reported] ${candidate.message}`,
    explanation: candidate.explanation,
    fix: candidate.fix,
    location: location(candidate.file, candidate.line),
    flow: candidate.flow.map((s) => ({ kind: s.kind, location: location(s.file, s.line), message: s.message })),
    origin: 'ai',
    properties: {
      label: 'AI-reported',
      aiState: verification.state,
      title: candidate.title,
      enclosing: candidate.function,
      ...(verification.evidence ? { proof: verification.evidence } : {}),
      ...extra,
    },
  };
}
