import type { Finding, StoredFinding } from '../core/index.js';
import type { Store, TriageVerdict } from '../store/index.js';
import { AiBudgetExceededError } from './errors.js';
import type { ModelGateway } from './model-gateway.js';
import type { ProjectSnapshot } from './project-snapshot.js';
import { callForJson } from './structured-output.js';

/** A model's verdict on one static finding. */
export interface TriageResult {
  readonly fingerprint: string;
  readonly findingId?: string;
  readonly verdict: TriageVerdict['verdict'];
  readonly confidence: number;
  readonly reasoning: string;
  readonly model: string;
}

/** Options of {@link triageFindings}. */
export interface TriageOptions {
  readonly gateway: ModelGateway;
  readonly snapshot: ProjectSnapshot;
  /** Static findings to triage; stored ones get their verdicts saved beside them. */
  readonly findings: readonly (Finding | StoredFinding)[];
  /** Where verdicts are kept and the analyst's decisions read from. */
  readonly store?: Store;
  readonly threatModel?: string;
  readonly now: () => Date;
}

const VERDICT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'confidence', 'reasoning'],
  properties: {
    verdict: { enum: ['true-positive', 'false-positive', 'uncertain'] },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    reasoning: { type: 'string', minLength: 1, maxLength: 4000 },
  },
} as const;

const TRIAGE_SYSTEM = `You triage findings of a static security scanner. Decide whether the finding is a true positive (attacker data
really reaches the sink in a harmful way under the project's threat model) or a false positive, with a confidence between 0
and 1 and short reasoning that cites the code. Past analyst decisions on the same finding outrank your own opinion.`;

/** Earlier verdicts and the analyst's decisions on a stored finding, as text the next triage sees. */
async function feedbackOf(store: Store, finding: StoredFinding): Promise<string> {
  const detail = await store.getFinding(finding.id);
  const decisions = detail.events
    .filter((e) => e.kind === 'state-changed' && e.actor !== 'yagura' && e.actor !== 'yagura-ai')
    .map((e) => `- ${e.at} ${e.actor} moved it from ${e.fromState ?? '?'} to ${e.toState ?? '?'}${e.reason ? `: ${e.reason}` : ''}`);
  const verdicts = (await store.listTriageVerdicts(finding.id)).map((v) => `- ${v.at} model said ${v.verdict} (${String(v.confidence)}): ${v.reasoning}`);
  return [
    decisions.length > 0 ? `Analyst decisions:\n${decisions.join('\n')}` : 'No analyst decision yet.',
    verdicts.length > 0 ? `Earlier model verdicts:\n${verdicts.join('\n')}` : '',
  ].join('\n');
}

/**
 * Ask the triage model for a true/false-positive verdict on each static finding. Verdicts are saved beside
 * stored findings (nothing is changed or deleted); the analyst's later decisions are fed to the next triage.
 * A budget stop ends triage cleanly with the verdicts so far.
 */
export async function triageFindings(options: TriageOptions): Promise<{ results: TriageResult[]; stopped?: string }> {
  const results: TriageResult[] = [];
  for (const finding of options.findings) {
    if (finding.origin !== 'static') continue;
    const stored = 'id' in finding ? finding : undefined;
    const { file, startLine } = finding.location;
    const code = options.snapshot.file(file) ? options.snapshot.read(file, Math.max(1, startLine - 15), startLine + 15) : '(file not in the project copy)';
    const prompt = [
      `Finding ${finding.ruleId} (${finding.cwe.join(', ')}), ${finding.severity}: ${finding.message}`,
      `Flow:\n${finding.flow.map((s) => `[${s.kind}] ${s.location.file}:${String(s.location.startLine)} ${s.message}`).join('\n') || '(not a flow)'}`,
      `Code around ${file}:${String(startLine)}:\n${code}`,
      options.threatModel ? `Threat model:\n${options.threatModel}` : '',
      stored && options.store ? await feedbackOf(options.store, stored) : '',
    ].filter((s) => s !== '').join('\n\n');
    try {
      const { value: reply, responses } = await callForJson(
        options.gateway,
        'triage',
        { system: TRIAGE_SYSTEM, messages: [{ role: 'user', text: prompt }] },
        VERDICT_SCHEMA,
        stored ? { findingId: stored.id } : { findingFingerprint: finding.fingerprint },
      );
      const value = reply as { verdict: TriageVerdict['verdict']; confidence: number; reasoning: string };
      const model = options.gateway.modelFor('triage');
      const callId = responses.at(-1)?.callId;
      if (stored && options.store) {
        await options.store.saveTriageVerdict({ findingId: stored.id, at: options.now().toISOString(), ...value, model, ...(callId === undefined ? {} : { callId }) });
      }
      results.push({ fingerprint: finding.fingerprint, ...(stored ? { findingId: stored.id } : {}), ...value, model });
    } catch (error: unknown) {
      if (error instanceof AiBudgetExceededError) return { results, stopped: error.message };
      throw error;
    }
  }
  return { results };
}
