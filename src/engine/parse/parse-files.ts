import { parseSync } from 'oxc-parser';
import type { Program } from 'oxc-parser';

import type { Diagnostic, Location, SourceFile } from '../../core/index.js';

/** A parsed source file with its line index. */
export interface ParsedFile {
  readonly path: string;
  readonly text: string;
  readonly program: Program;
  /** Offsets of line starts, for 1-based line/column conversion. */
  readonly lineStarts: readonly number[];
}

const SOURCE_EXT = /\.(?:js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;

/** Whether the engine analyses a file of this name (`.d.ts` files declare types only). */
export function isSourcePath(path: string): boolean {
  return SOURCE_EXT.test(path) && !/\.d\.[cm]?ts$/.test(path);
}

function langOf(path: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  if (path.endsWith('.tsx')) return 'tsx';
  if (/\.[cm]?ts$/.test(path)) return 'ts';
  if (path.endsWith('.jsx')) return 'jsx';
  // JSX in .js files is common in React code; oxc accepts it without cost for plain JS.
  return 'jsx';
}

function sourceTypeOf(path: string): 'module' | 'script' | 'unambiguous' {
  if (/\.c[jt]s$/.test(path)) return 'script';
  if (/\.m[jt]s$/.test(path)) return 'module';
  return 'unambiguous';
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Result of parsing a set of files. */
export interface ParseOutcome {
  readonly files: ParsedFile[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Parse every analysable file of `files` (others are ignored). A file with syntax errors yields a
 * `PARSE_FAILED` diagnostic and is left out; the other files are still parsed.
 */
export function parseFiles(files: readonly SourceFile[]): ParseOutcome {
  const out: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    if (!isSourcePath(f.path)) continue;
    const parsed = parseSource(f);
    if ('diagnostic' in parsed) diagnostics.push(parsed.diagnostic);
    else out.push(parsed.file);
  }
  return { files: out, diagnostics };
}

/** Parse one file; syntax errors give a diagnostic instead of a program. */
export function parseSource(f: SourceFile): { file: ParsedFile } | { diagnostic: Diagnostic } {
  const lineStarts = computeLineStarts(f.text);
  let result;
  try {
    result = parseSync(f.path, f.text, { sourceType: sourceTypeOf(f.path), lang: langOf(f.path), preserveParens: false });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostic: { code: 'PARSE_FAILED', file: f.path, message: `Parser crashed: ${message}` } };
  }
  const first = result.errors.find((e) => (e.severity as string) === 'Error');
  if (first) {
    const offset = first.labels[0]?.start;
    const line = offset === undefined ? undefined : lineOf(lineStarts, offset);
    return {
      diagnostic: { code: 'PARSE_FAILED', file: f.path, message: first.message, ...(line ? { line } : {}) },
    };
  }
  return { file: { path: f.path, text: f.text, program: result.program, lineStarts } };
}

/** 1-based line of an offset. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Location of a span, with a one-line snippet. */
export function locationOf(file: ParsedFile, start: number, end: number): Location {
  const startLine = lineOf(file.lineStarts, start);
  const endLine = lineOf(file.lineStarts, end);
  const lineStart = file.lineStarts[startLine - 1] ?? 0;
  const nextLine = file.lineStarts[startLine] ?? file.text.length + 1;
  const snippet = file.text.slice(lineStart, nextLine - 1).trim().slice(0, 200);
  return {
    file: file.path,
    startLine,
    startColumn: start - lineStart + 1,
    endLine,
    endColumn: end - (file.lineStarts[endLine - 1] ?? 0) + 1,
    snippet,
  };
}
