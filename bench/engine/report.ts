import type { ClassScore } from './score.js';

/** One tool's numbers for the side-by-side table. */
export interface ToolSummary {
  readonly name: string;
  readonly perClass: readonly ClassScore[];
  readonly overall: ClassScore;
  readonly linesPerSecond: number;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

function cell(score: ClassScore | undefined): string {
  if (score === undefined) return '-';
  return `${score.detected}/${score.falseAlarms}/${score.discriminated} ${percent(score.discriminatedRate)}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/**
 * Side-by-side table: one row per class, each tool's `detected/false alarms/discriminated` and
 * discriminated rate, then the overall row and the speed row.
 */
export function formatEngineTable(tools: readonly ToolSummary[]): string {
  const classes = [...new Set(tools.flatMap((t) => t.perClass.map((s) => s.cls)))];
  const header = ['class', 'n', ...tools.map((t) => `${t.name} det/fa/disc`)];
  const rows: string[][] = classes.map((cls) => {
    const first = tools[0]?.perClass.find((s) => s.cls === cls);
    return [cls, String(first?.total ?? 0), ...tools.map((t) => cell(t.perClass.find((s) => s.cls === cls)))];
  });
  rows.push(['overall', String(tools[0]?.overall.total ?? 0), ...tools.map((t) => cell(t.overall))]);
  rows.push(['false alarm rate', '', ...tools.map((t) => percent(t.overall.falseAlarmRate))]);
  rows.push(['lines/second', '', ...tools.map((t) => Math.round(t.linesPerSecond).toLocaleString('en-US'))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
