import type { CorpusEntry } from './corpus.js';
import { VULNERABILITY_CLASSES, type VulnerabilityClass } from './vulnerability-class.js';

/** A finding of either tool, reduced to what scoring needs. */
export interface ToolFinding {
  /** Relative to the package root, with `/`. */
  readonly file: string;
  readonly line: number;
  /** Classes this finding counts for (empty when the rule maps to no scored class). */
  readonly classes: readonly VulnerabilityClass[];
  readonly ruleId: string;
  readonly message: string;
}

/** How far (in lines) a finding may sit from the known sink and still count as detecting it. */
export const SINK_LINE_TOLERANCE = 5;

/** What one tool did on one corpus entry. */
export interface EntryOutcome {
  readonly id: string;
  readonly cls: VulnerabilityClass;
  /** A finding of the entry's class within SINK_LINE_TOLERANCE lines of the sink, in the vulnerable version. */
  readonly detected: boolean;
  /** A finding of the entry's class in the sink's file of the fixed version. */
  readonly falseAlarm: boolean;
  /** Detected, and quiet on the fixed version. */
  readonly discriminated: boolean;
  readonly matched: readonly ToolFinding[];
  readonly falseAlarms: readonly ToolFinding[];
  /** Findings of the entry's class elsewhere in the sink's file of the vulnerable version (near misses). */
  readonly sameFileOthers: readonly ToolFinding[];
}

/** Counts and rates of one class (or of the whole corpus). */
export interface ClassScore {
  readonly cls: VulnerabilityClass | 'overall';
  readonly total: number;
  readonly detected: number;
  readonly falseAlarms: number;
  readonly discriminated: number;
  readonly detectedRate: number;
  readonly falseAlarmRate: number;
  readonly discriminatedRate: number;
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Score one entry from the findings of one tool on its vulnerable and fixed versions. */
export function scoreEntry(entry: CorpusEntry, vulnerable: readonly ToolFinding[], fixed: readonly ToolFinding[]): EntryOutcome {
  const sinkFile = normalizePath(entry.sink.file);
  const fixedFile = normalizePath(entry.fixedSinkFile ?? entry.sink.file);
  const ofClass = (f: ToolFinding): boolean => f.classes.includes(entry.ruleId);
  const inSinkFile = vulnerable.filter((f) => ofClass(f) && normalizePath(f.file) === sinkFile);
  const matched = inSinkFile.filter((f) => Math.abs(f.line - entry.sink.line) <= SINK_LINE_TOLERANCE);
  const falseAlarms = fixed.filter((f) => ofClass(f) && normalizePath(f.file) === fixedFile);
  const detected = matched.length > 0;
  const falseAlarm = falseAlarms.length > 0;
  return {
    id: entry.id,
    cls: entry.ruleId,
    detected,
    falseAlarm,
    discriminated: detected && !falseAlarm,
    matched,
    falseAlarms,
    sameFileOthers: inSinkFile.filter((f) => !matched.includes(f)),
  };
}

function rate(part: number, total: number): number {
  return total === 0 ? 0 : part / total;
}

function scoreOf(cls: ClassScore['cls'], outcomes: readonly EntryOutcome[]): ClassScore {
  const total = outcomes.length;
  const detected = outcomes.filter((o) => o.detected).length;
  const falseAlarms = outcomes.filter((o) => o.falseAlarm).length;
  const discriminated = outcomes.filter((o) => o.discriminated).length;
  return {
    cls,
    total,
    detected,
    falseAlarms,
    discriminated,
    detectedRate: rate(detected, total),
    falseAlarmRate: rate(falseAlarms, total),
    discriminatedRate: rate(discriminated, total),
  };
}

/** Per-class scores (classes with entries only, in the canonical order) and the overall score. */
export function summarizeOutcomes(outcomes: readonly EntryOutcome[]): { perClass: ClassScore[]; overall: ClassScore } {
  const perClass = VULNERABILITY_CLASSES.map((c) => c.id)
    .filter((cls) => outcomes.some((o) => o.cls === cls))
    .map((cls) => scoreOf(cls, outcomes.filter((o) => o.cls === cls)));
  return { perClass, overall: scoreOf('overall', outcomes) };
}

/** Lines per second, 0 when nothing was timed. */
export function linesPerSecond(lines: number, millis: number): number {
  return millis <= 0 ? 0 : (lines * 1000) / millis;
}
