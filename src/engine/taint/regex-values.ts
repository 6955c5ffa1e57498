import type { CallExpression, NewExpression } from 'oxc-parser';

import type { FlowStep, Location, TaintLabel } from '../../core/index.js';
import type { RawFlow } from './interpreter.js';
import type { SinkSite } from './program-model.js';
import type { Value } from './value.js';

/** A regular expression value: its pattern and flags, and where it was written (literal or `RegExp` call). */
export interface RegexValue {
  readonly pattern: string;
  readonly flags: string;
  readonly site?: { readonly location: Location; readonly text: string };
}

/** What a `redos` sink hands to rules: the pattern and flags only. */
export function regexDetails(regex: RegexValue): Readonly<Record<string, unknown>> {
  return { pattern: regex.pattern, flags: regex.flags };
}

/**
 * `['a+', 'b'].join('|')` on an array literal of constant strings, no holes or spreads: the joined text.
 * Patterns are often assembled this way before `new RegExp(...)`.
 */
export function constantArrayJoin(node: CallExpression | NewExpression, recv: Value, args: readonly Value[]): string | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'ArrayExpression' || !recv.strs) return undefined;
  if (callee.object.elements.some((el) => el === null || el.type === 'SpreadElement')) return undefined;
  if (recv.strs.length !== callee.object.elements.length) return undefined;
  const sep = args[0];
  if (sep && sep.str === undefined) return undefined;
  return recv.strs.join(sep?.str ?? ',');
}

/** Characters whose escaping makes input match literally in a pattern (what `_.escapeRegExp` escapes). */
const REGEX_SYNTAX = ['\\', '^', '$', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|'];

/**
 * `s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: the hand-written escape of regex syntax, one character at a
 * time. True when the regex is global, matches every syntax character alone and never two at once, and the
 * replacement puts a backslash before the match.
 */
export function isRegexEscape(regex: RegexValue, replacement: string | undefined): boolean {
  if (replacement !== '\\$&' || !regex.flags.includes('g')) return false;
  const whole = wholeMatchRegex(regex);
  return whole !== undefined && REGEX_SYNTAX.every((c) => whole.test(c) && !whole.test(c + c));
}

/** The regex anchored to match a whole string, without `g`/`y` state (to ask which texts one match covers); undefined when invalid. */
export function wholeMatchRegex(regex: RegexValue): RegExp | undefined {
  try {
    return new RegExp(`^(?:${regex.pattern})$`, regex.flags.replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}

/**
 * `s.slice(0, 100)`, `s.substring(0, MAX_LENGTH)`, `s.substr(i, 100)` with non-negative bounds the program chose (literals,
 * or constants holding one): the result is at most that long, which bounds polynomial backtracking on it (see LENGTH_BOUNDED).
 */
export function isBoundedSlice(method: string, node: CallExpression | NewExpression, args: readonly Value[]): boolean {
  if (method !== 'slice' && method !== 'substring' && method !== 'substr') return false;
  if (node.arguments.some((a) => a.type === 'SpreadElement')) return false;
  const constant = (v: Value | undefined): number | undefined => (v?.taints.length === 0 && !v.undef ? v.num : undefined);
  const bounds = node.arguments.map((a, i) => (a.type === 'Literal' && typeof a.value === 'number' ? a.value : constant(args[i])));
  return bounds.length === 2 && bounds.every((b) => b !== undefined && b >= 0);
}

/**
 * Library threat model: a regex the package exports, or returns from an exported function, is matched by
 * its consumers against their input. The sink is the regex itself, located where it was written.
 */
export function exposedRegexFlow(regex: RegexValue, how: string, labels: ReadonlySet<TaintLabel>): RawFlow | undefined {
  const where = regex.site;
  if (!where || !labels.has('library-input')) return undefined;
  const site: SinkSite = {
    kind: 'redos',
    description: `the regular expression ${how}`,
    location: where.location,
    text: where.text,
    enclosing: '<module>',
    labels,
    details: { ...regexDetails(regex), exposed: true },
  };
  const description = "its callers' input";
  const steps: FlowStep[] = [
    { kind: 'source', location: where.location, message: `${description} is read` },
    { kind: 'sink', location: where.location, message: `reaches ${site.description}` },
  ];
  return {
    site,
    source: { kind: 'source', key: `exposed-regex:${where.location.file}:${String(where.location.startLine)}:${String(where.location.startColumn)}`, label: 'library-input', description, location: where.location, text: where.text },
    steps,
    weak: false,
  };
}
