import { createRequire } from 'node:module';

import type * as CvssCalculator from 'ae-cvss-calculator';

import type { Severity } from '../core/index.js';
import type { Exposure } from './asset.js';
import type { Exploitation, TechnicalImpact } from './ssvc/ssvc.js';

// A CommonJS webpack bundle whose named exports Node's ESM loader cannot detect, so it is required.
const { Cvss4P0 } = createRequire(import.meta.url)('ae-cvss-calculator') as typeof CvssCalculator;

type Level = 'H' | 'L' | 'N';

/** What a class of weakness does when exploited: CVSS 4.0 impact metrics and SSVC technical impact. */
export interface WeaknessProfile {
  readonly vc: Level;
  readonly vi: Level;
  readonly va: Level;
  readonly sc: Level;
  readonly si: Level;
  readonly sa: Level;
  /** User interaction the exploit needs: none, passive, active. */
  readonly ui: 'N' | 'P' | 'A';
  readonly ac: 'L' | 'H';
  readonly technicalImpact: TechnicalImpact;
}

const profile = (
  impact: `${Level}${Level}${Level}${Level}${Level}${Level}`,
  technicalImpact: TechnicalImpact,
  ui: 'N' | 'P' | 'A' = 'N',
  ac: 'L' | 'H' = 'L',
): WeaknessProfile => {
  const [vc, vi, va, sc, si, sa] = impact.split('') as Level[];
  return { vc: vc ?? 'N', vi: vi ?? 'N', va: va ?? 'N', sc: sc ?? 'N', si: si ?? 'N', sa: sa ?? 'N', ui, ac, technicalImpact };
};

// Rule defaults per CWE: impact on the vulnerable system (VC VI VA) and on others (SC SI SA).
const BY_CWE: Readonly<Record<string, WeaknessProfile>> = {
  'CWE-78': profile('HHHNNN', 'total'),
  'CWE-77': profile('HHHNNN', 'total'),
  'CWE-94': profile('HHHNNN', 'total'),
  'CWE-95': profile('HHHNNN', 'total'),
  'CWE-502': profile('HHHNNN', 'total'),
  'CWE-89': profile('HHLNNN', 'total'),
  'CWE-943': profile('HHLNNN', 'total'),
  'CWE-22': profile('HLNNNN', 'partial'),
  'CWE-23': profile('HLNNNN', 'partial'),
  'CWE-73': profile('HLNNNN', 'partial'),
  'CWE-611': profile('HNLNNN', 'partial'),
  'CWE-90': profile('HLNNNN', 'partial'),
  'CWE-918': profile('LLNHLN', 'partial'),
  'CWE-1321': profile('LHHNNN', 'partial'),
  'CWE-915': profile('LHHNNN', 'partial'),
  'CWE-1333': profile('NNHNNN', 'partial'),
  'CWE-400': profile('NNHNNN', 'partial'),
  'CWE-79': profile('NNNLLN', 'partial', 'A'),
  'CWE-80': profile('NNNLLN', 'partial', 'A'),
  'CWE-601': profile('NNNLLN', 'partial', 'A'),
  'CWE-113': profile('NLNLLN', 'partial'),
  'CWE-117': profile('NLNNNN', 'partial'),
  'CWE-798': profile('HLNNNN', 'partial'),
  'CWE-259': profile('HLNNNN', 'partial'),
  'CWE-321': profile('HLNNNN', 'partial'),
  'CWE-327': profile('LNNNNN', 'partial', 'N', 'H'),
  'CWE-328': profile('LNNNNN', 'partial', 'N', 'H'),
  'CWE-330': profile('LNNNNN', 'partial', 'N', 'H'),
  'CWE-338': profile('LNNNNN', 'partial', 'N', 'H'),
  'CWE-916': profile('LNNNNN', 'partial', 'N', 'H'),
};

const BY_SEVERITY: Readonly<Record<Severity, WeaknessProfile>> = {
  critical: profile('HHHNNN', 'total'),
  high: profile('HHNNNN', 'partial'),
  medium: profile('LLNNNN', 'partial'),
  low: profile('LNNNNN', 'partial', 'N', 'H'),
  info: profile('NNLNNN', 'partial', 'N', 'H'),
};

/** The profile of the first CWE with a known default, else one from the severity. */
export function weaknessProfile(cwe: readonly string[], severity: Severity): WeaknessProfile {
  for (const id of cwe) {
    const known = BY_CWE[id.toUpperCase()];
    if (known) return known;
  }
  return BY_SEVERITY[severity];
}

/** CVSS 4.0 Attack Vector and Privileges Required from the asset's exposure. */
const CONTEXT: Readonly<Record<Exposure, { readonly av: 'N' | 'A' | 'L'; readonly pr: 'N' | 'L' }>> = {
  internet: { av: 'N', pr: 'N' },
  partner: { av: 'N', pr: 'L' },
  internal: { av: 'A', pr: 'N' },
  isolated: { av: 'L', pr: 'L' },
};

/** CVSS 4.0 Exploit Maturity: attacked (KEV), proof of concept (proven), unreported. */
const EXPLOIT_MATURITY: Readonly<Record<Exploitation, 'A' | 'P' | 'U'>> = { active: 'A', poc: 'P', none: 'U' };

/** A CVSS 4.0 vector (all 11 base metrics plus Exploit Maturity) and its score. */
export interface CvssResult {
  readonly vector: string;
  readonly score: number;
}

/** Base vector of a weakness in an asset's context, without the threat metric. */
export function baseVector(weakness: WeaknessProfile, exposure: Exposure): string {
  const { av, pr } = CONTEXT[exposure];
  const w = weakness;
  return `CVSS:4.0/AV:${av}/AC:${w.ac}/AT:N/PR:${pr}/UI:${w.ui}/VC:${w.vc}/VI:${w.vi}/VA:${w.va}/SC:${w.sc}/SI:${w.si}/SA:${w.sa}`;
}

/** A published CVSS 4.0 base vector (an advisory's) with any threat or environmental metrics removed, if it is valid. */
export function publishedBaseVector(vector: unknown): string | undefined {
  if (typeof vector !== 'string' || !vector.startsWith('CVSS:4.0/')) return undefined;
  const base = new Set(['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA']);
  const parts = vector.split('/').slice(1);
  const kept = parts.filter((p) => base.has(p.split(':')[0] ?? ''));
  if (kept.length !== base.size) return undefined;
  return `CVSS:4.0/${kept.join('/')}`;
}

/** Scores CVSS 4.0 vectors with ae-cvss-calculator, remembering each distinct vector (there are few). */
export class CvssScorer {
  private readonly scores = new Map<string, number>();

  /** The base vector with Exploit Maturity for `exploitation`, and its score. */
  score(base: string, exploitation: Exploitation): CvssResult {
    const vector = `${base}/E:${EXPLOIT_MATURITY[exploitation]}`;
    let score = this.scores.get(vector);
    if (score === undefined) {
      score = new Cvss4P0(vector).calculateScores().overall;
      this.scores.set(vector, score);
    }
    return { vector, score };
  }
}
