import type { Location } from '../../core/index.js';
import type { SourceExcerpt } from './report-input.js';

/** Longest line kept in an excerpt; minified files have lines of megabytes. */
const MAX_LINE_LENGTH = 240;

/**
 * Cut the lines around a location out of a file's text, for `ReportInput.excerpts`: `context` lines
 * before the start and after the end, each line cut to 240 characters.
 *
 * @example
 * const excerpts = Object.fromEntries(findings.map((f) => [f.fingerprint, createExcerpt(texts.get(f.location.file) ?? '', f.location)]));
 */
export function createExcerpt(text: string, location: Location, context = 3): SourceExcerpt | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  if (location.startLine < 1 || location.startLine > lines.length) return undefined;
  const first = Math.max(1, location.startLine - context);
  const last = Math.min(lines.length, Math.max(location.startLine, location.endLine) + context);
  return {
    startLine: first,
    lines: lines.slice(first - 1, last).map((line) => (line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH - 1)}…` : line)),
  };
}
