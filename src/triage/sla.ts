import type { SsvcDecision } from '../store/index.js';

/** Days to remediate per SSVC decision; `null` means no date ("fix on the next upgrade"). */
export type SlaPolicy = Readonly<Record<SsvcDecision, number | null>>;

/** After CISA BOD 26-04: Act 3 days, Attend 14, Track* 60, Track at the next upgrade (no date). */
export const DEFAULT_SLA_POLICY: SlaPolicy = { act: 3, attend: 14, 'track*': 60, track: null };

const DAY_MS = 86_400_000;

/** When an item decided at `decidedAt` is due under `policy`, or `undefined` when the policy gives no date. */
export function dueDate(decision: SsvcDecision, decidedAt: Date, policy: SlaPolicy = DEFAULT_SLA_POLICY): Date | undefined {
  const days = policy[decision];
  return days === null ? undefined : new Date(decidedAt.getTime() + days * DAY_MS);
}

/** Whether an item due at `due` (ISO 8601 or absent) is overdue at `now`. */
export function isOverdue(due: string | undefined, now: Date): boolean {
  return due !== undefined && new Date(due).getTime() < now.getTime();
}

/** The policy with the configured days (`sla:` block) over the defaults; `null` or `"next-upgrade"` means no date. */
export function resolveSlaPolicy(configured: Readonly<Partial<Record<SsvcDecision, number | null | 'next-upgrade'>>> = {}): SlaPolicy {
  const pick = (decision: SsvcDecision): number | null => {
    const value = configured[decision];
    if (value === undefined) return DEFAULT_SLA_POLICY[decision];
    return value === 'next-upgrade' ? null : value;
  };
  return { act: pick('act'), attend: pick('attend'), 'track*': pick('track*'), track: pick('track') };
}
