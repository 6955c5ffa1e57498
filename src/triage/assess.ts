import { severityRank } from '../core/index.js';
import type { FindingState } from '../core/index.js';
import type { FindingRecord, WorkItemInput } from '../store/index.js';
import { type AssetProfile, isPubliclyExposed, missionImpact } from './asset.js';
import { baseVector, type CvssResult, type CvssScorer, publishedBaseVector, weaknessProfile } from './cvss.js';
import type { RootCauseGroup } from './root-cause.js';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla.js';
import {
  type Bod2604Decision,
  type CisaDecision,
  decideBod2604,
  decideCisa,
  decisionRank,
  type Exploitation,
} from './ssvc/ssvc.js';

/** What is known about exploitation of a finding, from its state and the properties producers set. */
export interface Evidence {
  /** Listed in CISA KEV (`properties.kev`, set by the deps stage). */
  readonly kev: boolean;
  /** Proven by a witness: state `proven` or `properties.proof`. */
  readonly proven: boolean;
  /** EPSS probability and percentile (`properties.epss`: a number or `{ score | epss, percentile }`). */
  readonly epss?: { readonly score: number; readonly percentile?: number };
  /** CVE, GHSA... ids (`properties.aliases`). */
  readonly aliases?: readonly string[];
}

/** The scoring of one finding in its asset's context. */
export interface Assessment {
  readonly ssvc: CisaDecision;
  readonly bod2604: Bod2604Decision;
  readonly cvss: CvssResult;
  readonly evidence: Evidence;
  readonly priority: number;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Read the exploitation evidence of a finding. */
export function evidenceOf(finding: FindingRecord): Evidence {
  const p = finding.properties ?? {};
  const kev = p.kev === true || (typeof p.kev === 'object' && p.kev !== null);
  const proven = finding.state === 'proven' || (p.proof !== undefined && p.proof !== null && p.proof !== false);
  let epss: Evidence['epss'];
  if (num(p.epss) !== undefined) epss = { score: num(p.epss) ?? 0 };
  else if (typeof p.epss === 'object' && p.epss !== null) {
    const e = p.epss as Record<string, unknown>;
    const score = num(e.score) ?? num(e.epss);
    const percentile = num(e.percentile);
    if (score !== undefined) epss = { score, ...(percentile === undefined ? {} : { percentile }) };
  }
  const aliases = Array.isArray(p.aliases) ? p.aliases.filter((a): a is string => typeof a === 'string') : undefined;
  return { kev, proven, ...(epss ? { epss } : {}), ...(aliases && aliases.length > 0 ? { aliases } : {}) };
}

/** SSVC Exploitation: KEV listing is active exploitation; a proven finding counts as a public PoC. */
export function exploitationOf(evidence: Evidence): Exploitation {
  if (evidence.kev) return 'active';
  return evidence.proven ? 'poc' : 'none';
}

/**
 * Order key of the queue, higher first: the SSVC decision dominates, then the CVSS 4.0 score, then the EPSS
 * percentile (or score), then how many paths reach the root cause (at most 9 counted).
 */
export function priorityOf(assessment: Omit<Assessment, 'priority'>, paths: number): number {
  const epss = assessment.evidence.epss;
  const likelihood = epss ? (epss.percentile ?? epss.score) : 0;
  return (
    decisionRank(assessment.ssvc.decision) * 100_000_000 +
    Math.round(assessment.cvss.score * 10) * 100_000 +
    Math.round(Math.min(1, Math.max(0, likelihood)) * 1000) * 10 +
    Math.min(9, paths)
  );
}

/**
 * Score one finding: a CVSS 4.0 vector from rule defaults refined by context (the advisory's base vector for
 * a dependency when it has one; exposure sets AV and PR; proof or KEV sets exploit maturity), then CISA's
 * SSVC decision and the BOD 26-04 timeline.
 */
export function assessFinding(finding: FindingRecord, asset: AssetProfile, scorer: CvssScorer, paths = 1): Assessment {
  const evidence = evidenceOf(finding);
  const exploitation = exploitationOf(evidence);
  const weakness = weaknessProfile(finding.cwe, finding.severity);
  const published = publishedBaseVector(finding.properties?.cvss);
  const cvss = scorer.score(published ?? baseVector(weakness, asset.exposure), exploitation);
  const technicalImpact = published ? technicalImpactOf(published) : weakness.technicalImpact;
  // Automatable needs no user interaction and a network an attacker can script against.
  const noInteraction = (published ? /\/UI:N\b/.test(published) : weakness.ui === 'N') && weakness.ac === 'L';
  const automatable = noInteraction && (asset.exposure === 'internet' || asset.exposure === 'partner');
  const ssvc = decideCisa({ exploitation, automatable, technicalImpact, missionImpact: missionImpact(asset) });
  const bod2604 = decideBod2604({ kev: evidence.kev, exposed: isPubliclyExposed(asset), automatable, technicalImpact });
  const partial = { ssvc, bod2604, cvss, evidence };
  return { ...partial, priority: priorityOf(partial, paths) };
}

/** Total when the published vector gives high confidentiality, integrity and availability impact. */
function technicalImpactOf(vector: string): 'total' | 'partial' {
  return /\/VC:H\b/.test(vector) && /\/VI:H\b/.test(vector) && /\/VA:H\b/.test(vector) ? 'total' : 'partial';
}

const ACTIVE: readonly FindingState[] = ['proven', 'open', 'fix-proposed'];
const INACTIVE: readonly FindingState[] = ['risk-accepted', 'false-positive', 'fixed'];

/** State of an item from its findings: the first active state among proven, open, fix-proposed, else a closed one. */
export function itemState(states: readonly FindingState[]): FindingState {
  return [...ACTIVE, ...INACTIVE].find((s) => states.includes(s)) ?? 'open';
}

/** Build the work item of a root-cause group: its state, its strongest assessment, and what produced it. */
export function buildWorkItem(
  group: RootCauseGroup,
  asset: AssetProfile,
  scorer: CvssScorer,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): WorkItemInput {
  const state = itemState(group.findings.map((f) => f.state));
  const active = group.findings.filter((f) => ACTIVE.includes(f.state));
  const scored = active.length > 0 ? active : group.findings;
  const paths = scored.length;
  let best: { finding: FindingRecord; assessment: Assessment } | undefined;
  for (const finding of scored) {
    const assessment = assessFinding(finding, asset, scorer, paths);
    if (!best || assessment.priority > best.assessment.priority) best = { finding, assessment };
  }
  if (!best) throw new Error(`Root-cause group ${group.key} has no findings`);
  const { finding, assessment } = best;
  const tools = [...new Set(group.findings.map((f) => f.tool ?? 'yagura'))].sort();
  const severity = group.findings.reduce((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), finding.severity);
  return {
    rootKey: group.key,
    kind: group.kind,
    title: finding.message.length > 200 ? `${finding.message.slice(0, 199)}…` : finding.message,
    cwe: group.cwe,
    severity,
    state,
    decision: assessment.ssvc.decision,
    decisionTable: assessment.ssvc.table,
    decisionInputs: {
      ssvc: assessment.ssvc.inputs,
      bod2604: { timeline: assessment.bod2604.timeline, table: assessment.bod2604.table, inputs: assessment.bod2604.inputs },
      asset: { criticality: asset.criticality, exposure: asset.exposure, wellBeingImpact: asset.wellBeingImpact },
      evidence: assessment.evidence,
      decidingFinding: finding.id,
    },
    cvssVector: assessment.cvss.vector,
    cvssScore: assessment.cvss.score,
    priority: assessment.priority,
    file: group.file,
    startLine: group.line,
    tools,
    findingIds: group.findings.map((f) => f.id),
    openedAt: group.findings.map((f) => f.firstSeenAt).sort()[0] ?? new Date(0).toISOString(),
    slaDays: policy[assessment.ssvc.decision],
  };
}
