/**
 * Codes of analysis gaps. Stable once released: tools and dashboards count them.
 */
export type DiagnosticCode =
  | 'PARSE_FAILED'
  | 'FILE_TOO_LARGE'
  | 'BINARY_FILE'
  | 'INVALID_UTF8'
  | 'SYMLINK_OUTSIDE_ROOT'
  | 'UNREADABLE_FILE'
  | 'UNRESOLVED_IMPORT'
  | 'UNSUPPORTED_SYNTAX'
  | 'BUDGET_EXCEEDED'
  | 'RULE_CRASHED'
  | 'ANALYZER_UNAVAILABLE';

/** An analysis gap: the scan went on, but something was skipped or approximated. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly ruleId?: string;
}

/** Deduplicate diagnostics by code, file and message, keeping first-seen order. */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.code}\u0000${d.file ?? ''}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** Count diagnostics per code. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Partial<Record<DiagnosticCode, number>> {
  const counts: Partial<Record<DiagnosticCode, number>> = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
}
