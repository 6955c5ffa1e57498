import type { Severity } from '../../../core/index.js';
import { isSeverity } from '../../../core/index.js';
import type { ReportFinding, ReportInput } from '../report-input.js';
import { sortByPriority } from '../report-input.js';
import { renderSummary } from './summary.js';
import { displayWidth, padEnd, paint, sanitizeForTerminal, truncateEnd, truncateStart } from './terminal-text.js';

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** ANSI colors; the CLI passes whether stdout is a color terminal. */
  readonly color: boolean;
  /** Terminal width in columns (`process.stdout.columns`, 80 when unknown). */
  readonly width: number;
}

const GAP = '  ';
const DEFAULT_WIDTH = 80;
const SEVERITY_WIDTH = 'CRITICAL'.length;
const MAX_RULE_WIDTH = 28;
const MAX_LOCATION_WIDTH = 40;
const MIN_MESSAGE_WIDTH = 20;
const MIN_SHRUNK_WIDTH = 12;

interface Row {
  readonly severity: Severity;
  readonly rule: string;
  readonly location: string;
  readonly message: string;
}

/**
 * Findings as a terminal table (severity, rule, file:line, message cut to the width), in priority
 * order, followed by the summary. Everything from findings is stripped of control characters.
 *
 * @example
 * process.stdout.write(renderTable(input, { color: process.stdout.isTTY, width: process.stdout.columns || 80 }));
 */
export function renderTable(input: ReportInput, options: TableOptions): string {
  const { color } = options;
  // process.stdout.columns is undefined when piped; the caller may pass it through unchecked.
  const width = Number.isFinite(options.width) && options.width > 0 ? options.width : DEFAULT_WIDTH;
  const summary = renderSummary(input, { color });
  if (input.findings.length === 0) return summary;

  const rows = sortByPriority(input.findings).map(toRow);
  let ruleWidth = Math.min(MAX_RULE_WIDTH, Math.max(4, ...rows.map((r) => displayWidth(r.rule))));
  let locationWidth = Math.min(MAX_LOCATION_WIDTH, Math.max(8, ...rows.map((r) => displayWidth(r.location))));
  // On a narrow terminal the location gives way first, then the rule; the message keeps a readable minimum.
  const spare = () => width - (SEVERITY_WIDTH + ruleWidth + locationWidth + GAP.length * 3) - MIN_MESSAGE_WIDTH;
  if (spare() < 0) locationWidth = Math.max(MIN_SHRUNK_WIDTH, locationWidth + spare());
  if (spare() < 0) ruleWidth = Math.max(MIN_SHRUNK_WIDTH, ruleWidth + spare());
  const messageWidth = MIN_MESSAGE_WIDTH + Math.max(0, spare());

  const header = [
    padEnd('SEVERITY', SEVERITY_WIDTH),
    padEnd('RULE', ruleWidth),
    padEnd('LOCATION', locationWidth),
    'MESSAGE',
  ].join(GAP);
  const lines = [paint(header, 'bold', color)];
  for (const row of rows) {
    lines.push(
      [
        paint(padEnd(row.severity.toUpperCase(), SEVERITY_WIDTH), row.severity, color),
        padEnd(truncateEnd(row.rule, ruleWidth), ruleWidth),
        paint(padEnd(truncateStart(row.location, locationWidth), locationWidth), 'dim', color),
        truncateEnd(row.message, messageWidth),
      ].join(GAP),
    );
  }
  return `${lines.join('\n')}\n\n${summary}`;
}

function toRow(finding: ReportFinding): Row {
  return {
    // Imported findings are typed but not checked: an unknown severity must not pick an ANSI style.
    severity: isSeverity(finding.severity) ? finding.severity : 'info',
    rule: sanitizeForTerminal(finding.ruleId),
    location: sanitizeForTerminal(`${finding.location.file}:${finding.location.startLine}`),
    message: sanitizeForTerminal(finding.message),
  };
}
