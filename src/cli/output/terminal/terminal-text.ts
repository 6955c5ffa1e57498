import type { Severity } from '../../../core/index.js';

/** Terminal styles the renderers use; `paint` is the identity when color is off. */
export type Style = 'bold' | 'dim' | Severity;

const ANSI: Record<Style, string> = {
  bold: '1',
  dim: '2',
  critical: '1;31',
  high: '31',
  medium: '33',
  low: '36',
  info: '2',
};

/** Wrap `text` in an ANSI style when `color` is on. */
export function paint(text: string, style: Style, color: boolean): string {
  return color && text.length > 0 ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

/**
 * Make attacker-influenced text safe to print: control characters (escape sequences could rewrite
 * the screen or the title) and bidirectional overrides (Trojan Source) become `?`; line breaks, spaces.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '?');
}

const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** East Asian wide and fullwidth ranges, and emoji, which take two terminal columns. */
const WIDE = /\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Printable ASCII: one column per UTF-16 unit, so the segmenter (slow) is not needed. */
const ASCII = /^[\x20-\x7e]*$/;

/** User-perceived characters (grapheme clusters) of a string. */
function graphemes(text: string): string[] {
  if (ASCII.test(text)) return text.split('');
  return Array.from(GRAPHEMES.segment(text), (s) => s.segment);
}

function columns(grapheme: string): number {
  return WIDE.test(grapheme) ? 2 : 1;
}

/** Width of a string in terminal columns: wide characters and emoji count two. */
export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  return graphemes(text).reduce((sum, g) => sum + columns(g), 0);
}

/** Take whole characters from `chars` while they fit in `width` columns. */
function fit(chars: readonly string[], width: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const g of chars) {
    if (used + columns(g) > width) break;
    out.push(g);
    used += columns(g);
  }
  return out;
}

/** Cut to at most `width` columns, ending with `…` when cut. */
export function truncateEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return fit(graphemes(text), Math.max(0, width)).join('');
  return `${fit(graphemes(text), width - 1).join('')}…`;
}

/** Cut from the left to at most `width` columns, starting with `…`: keeps the end of a path. */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const tail = fit(graphemes(text).reverse(), Math.max(0, width - 1)).reverse().join('');
  return width <= 1 ? tail : `…${tail}`;
}

/** Pad with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
