import { countDiagnostics, SEVERITIES } from '../../../core/index.js';
import type { ReportInput } from '../report-input.js';
import { baselineCounts, countBySeverity, elapsedMillis, formatCount, formatDuration } from '../report-input.js';
import { paint, sanitizeForTerminal } from './terminal-text.js';

/** Options of {@link renderSummary}. */
export interface SummaryOptions {
  /** ANSI colors; the CLI passes whether stdout is a color terminal. */
  readonly color: boolean;
}

/**
 * A few lines about a scan: findings by severity, baseline comparison, diagnostics, what was scanned
 * and how long it took, and the threat model. Ends with a newline.
 *
 * @example
 * process.stdout.write(renderSummary(input, { color: process.stdout.isTTY }));
 */
export function renderSummary(input: ReportInput, options: SummaryOptions): string {
  const { color } = options;
  const lines: string[] = [];
  const total = input.findings.length;
  if (total === 0) {
    lines.push(paint('No findings.', 'bold', color));
  } else {
    const counts = countBySeverity(input.findings);
    const parts = [...SEVERITIES]
      .reverse()
      .filter((s) => counts[s] > 0)
      .map((s) => paint(`${formatCount(counts[s])} ${s}`, s, color));
    lines.push(`${paint(`${formatCount(total)} ${plural(total, 'finding')}`, 'bold', color)}: ${parts.join(', ')}`);
  }

  const baseline = baselineCounts(input);
  if (baseline) {
    lines.push(
      `Since the previous scan: ${baseline.new} new, ${baseline.reintroduced} reintroduced, ` +
        `${baseline.unchanged} unchanged, ${baseline.absent} no longer found`,
    );
  }

  const diagnostics = input.scan.diagnostics;
  if (diagnostics.length > 0) {
    const byCode = Object.entries(countDiagnostics(diagnostics))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `${n} ${code}`);
    lines.push(
      paint(`${formatCount(diagnostics.length)} ${plural(diagnostics.length, 'diagnostic')}`, 'medium', color) +
        ` (results may be incomplete): ${byCode.join(', ')}`,
    );
  }

  const { stats } = input.scan;
  const reason = input.scan.threatModelReason ? ` (${sanitizeForTerminal(input.scan.threatModelReason)})` : '';
  lines.push(
    `Scanned ${formatCount(stats.files)} ${plural(stats.files, 'file')} (${formatCount(stats.lines)} ` +
      `${plural(stats.lines, 'line')}) in ${formatDuration(elapsedMillis(input))}; ` +
      `threat model: ${input.scan.threatModel}${reason}`,
  );
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
