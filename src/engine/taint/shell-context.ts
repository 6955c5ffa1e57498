import type { RegexValue } from './regex-values.js';
import type { Value } from './value.js';
import { kindBit, SHELL_DQ_ESCAPED, withClean, withTaints } from './value.js';

/**
 * Text holding each character a double-quoted shell word still interprets (POSIX XCU 2.2.3: `"` ends it, `$` and
 * `` ` `` expand, `\` escapes), alone, doubled and after a backslash, between letters the escaping must leave alone.
 */
const PROBE = 'a"b$c`d\\e\\"f$$g``h""i\\\\j';
const ESCAPED_PROBE = PROBE.replace(/["$`\\]/g, '\\$&');

/**
 * Whether `s.replace(regex, replacement)` backslash-escapes every `"`, `$`, `` ` `` and `\` of `s`
 * (`s.replace(/(["$`\\])/g, '\\$1')`): run on a probe, the replacement must give exactly the escaped probe, so a
 * missing character, a non-global regex or a lookbehind that skips escaped quotes is rejected.
 */
export function isShellDoubleQuoteEscape(regex: RegexValue, replacement: string | undefined): boolean {
  if (replacement === undefined || !regex.flags.includes('g')) return false;
  let re: RegExp;
  try {
    re = new RegExp(regex.pattern, regex.flags);
  } catch (e) {
    if (e instanceof SyntaxError) return false;
    throw e;
  }
  return PROBE.replace(re, replacement) === ESCAPED_PROBE;
}

/**
 * Whether a value written after `before` sits inside double quotes: `before` is the whole text before it (`whole`)
 * with an odd number of unescaped `"`, or its trailing literal ends with `"`. Unknown text (`wrapper + s`, the quote
 * in a variable) counts as quoted: a heuristic, the escaping shows the author meant a double-quoted word.
 */
function isInsideDoubleQuotes(before: string | undefined, whole: boolean): boolean {
  if (before === undefined) return true;
  if (!whole) return before.endsWith('"');
  let inside = false;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') i++;
    else if (before[i] === '"') inside = !inside;
  }
  return inside;
}

const COMMAND = kindBit('command-injection');

/**
 * `'"' + s + '"'`, `` `-m "${s}"` ``: taints of `s` escaped for a double-quoted shell word are clean for
 * command injection there. `before` is the text before `s` (see {@link isInsideDoubleQuotes}).
 */
export function asShellQuotedPart(v: Value, before: string | undefined, whole: boolean): Value {
  if (!v.taints.some((t) => (t.clean & SHELL_DQ_ESCAPED) !== 0 && (t.clean & COMMAND) === 0)) return v;
  if (!isInsideDoubleQuotes(before, whole)) return v;
  return withTaints(v, v.taints.map((t) => ((t.clean & SHELL_DQ_ESCAPED) !== 0 ? withClean(t, t.clean | COMMAND) : t)));
}
