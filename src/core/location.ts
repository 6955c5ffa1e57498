/** A span of source text. Lines and columns are 1-based; `file` is relative to the scanned root, with `/`. */
export interface Location {
  readonly file: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The source text of the span's first line(s), trimmed, at most a few hundred characters. */
  readonly snippet?: string;
}

/** Kinds of step on a data-flow path, from where attacker data enters to where it does harm. */
export type FlowStepKind = 'source' | 'step' | 'call' | 'return' | 'field' | 'sink';

/** One step of a data-flow path (a SARIF `threadFlowLocation`). */
export interface FlowStep {
  readonly kind: FlowStepKind;
  readonly location: Location;
  /** What happens here, for a human: "req.query.file is read", "passed to readFile()". */
  readonly message: string;
}

/** Sort key for locations: file, then line, then column. */
export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.startLine !== b.startLine) return a.startLine - b.startLine;
  return a.startColumn - b.startColumn;
}
