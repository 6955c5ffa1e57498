/** Severity of a finding, ordered from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** Threshold accepted by `--fail-on`: a severity, or `none` to never fail. */
export type SeverityThreshold = Severity | 'none';

/** Rank of a severity: `info` is 0, `critical` is 4. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether `severity` is at or above `threshold` (never, for `none`). */
export function isAtLeast(severity: Severity, threshold: SeverityThreshold): boolean {
  return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}

/** Narrow an unknown string to a {@link Severity}. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/**
 * SARIF `security-severity` score for a severity, following GitHub's bands
 * (critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9).
 */
export function securitySeverityScore(severity: Severity): string {
  const scores: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
  return scores[severity];
}
