import type { Finding, SourceFile } from '../core/index.js';

/** Lines of source around a finding's primary location, for reports. */
export interface Excerpt {
  readonly startLine: number;
  readonly lines: string[];
}

/** Longest excerpt line kept; minified code would otherwise bloat reports. */
const MAX_LINE_CHARS = 240;

/** Excerpts of `context` lines around each finding's location, keyed by fingerprint. */
export function collectExcerpts(findings: readonly Finding[], files: readonly SourceFile[], context = 3): Record<string, Excerpt> {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const lineCache = new Map<string, string[]>();
  const out: Record<string, Excerpt> = {};
  for (const finding of findings) {
    const text = byPath.get(finding.location.file);
    if (text === undefined) continue;
    let lines = lineCache.get(finding.location.file);
    if (!lines) {
      lines = text.split(/\r?\n/);
      lineCache.set(finding.location.file, lines);
    }
    const start = Math.max(1, finding.location.startLine - context);
    const end = Math.min(lines.length, finding.location.endLine + context);
    out[finding.fingerprint] = {
      startLine: start,
      lines: lines.slice(start - 1, end).map((l) => (l.length > MAX_LINE_CHARS ? `${l.slice(0, MAX_LINE_CHARS)}…` : l)),
    };
  }
  return out;
}
