import type { AST } from '@eslint-community/regexpp';
import { parseRegExpLiteral } from '@eslint-community/regexpp';

/** A polynomial backtracking shape found by {@link findPolynomialOverlap}. */
export interface OverlapVerdict {
  readonly kind: 'adjacent-loops' | 'trailing-loop' | 'leading-loop';
  /** Text before the pumped part, the pumped character, and a character that makes the match fail. */
  readonly prefix: string;
  readonly pump: string;
  readonly suffix: string;
  /** Source ranges of the loops responsible. */
  readonly hotspots: readonly { readonly start: number; readonly end: number }[];
}

// Characters a set is sampled on: ASCII plus one Latin-1 letter, a line separator and a CJK letter.
const SAMPLES: readonly string[] = [...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)), '\u00e9', '\u2028', '\u4e00'];

type CharSet = readonly boolean[];
type Element = AST.Element;

interface Ctx {
  readonly flags: string;
  readonly sets: Map<AST.Node, CharSet>;
  /** Pumpable characters of loops, kept apart from `sets` (a loop's atoms are a superset). */
  readonly pumps: Map<AST.Node, CharSet>;
}

/**
 * Deterministic shapes of quadratic backtracking that recheck's automaton misses or times out on:
 * two unbounded loops over overlapping characters separated only by optional parts, followed by
 * something that can fail (`\s*=\s*['"]? *\w+`, `(?:\d+)?\.?\d+ *$`); and, because `exec`/`test`/`replace`
 * search from every position (an implicit `[\s\S]*?` prefix), an unanchored loop before `$` (`\s*$`).
 */
export function findPolynomialOverlap(pattern: string, flags: string): OverlapVerdict | undefined {
  let ast: AST.RegExpLiteral;
  try {
    ast = parseRegExpLiteral(new RegExp(pattern, flags));
  } catch {
    return undefined; // invalid or unsupported syntax: nothing to say
  }
  const ctx: Ctx = { flags: flags.replace(/[gy]/g, ''), sets: new Map(), pumps: new Map() };
  for (const alt of ast.pattern.alternatives) {
    const seq = flatten(alt.elements);
    // A sticky regex (`y`) tries one position only: no implicit search prefix.
    const found = adjacentLoops(seq, [], ctx, '') ?? (flags.includes('y') ? undefined : leadingLoop(seq, ctx));
    if (found) return found;
  }
  return undefined;
}

/** Inline plain groups with one alternative, so `(\d+)(\.\d+)?` reads as a sequence. */
function flatten(elements: readonly Element[]): Element[] {
  const out: Element[] = [];
  for (const e of elements) {
    if ((e.type === 'Group' || e.type === 'CapturingGroup') && e.alternatives.length === 1) out.push(...flatten(e.alternatives[0]?.elements ?? []));
    else out.push(e);
  }
  return out;
}

function adjacentLoops(seq: readonly Element[], rest: readonly Element[], ctx: Ctx, before: string): OverlapVerdict | undefined {
  for (let i = 0; i < seq.length; i++) {
    const a = seq[i];
    if (!a) continue;
    const setA = loopSet(a, ctx);
    if (setA) {
      const found = followingLoop(setA, seq.slice(i + 1), rest, setA, ctx, 0);
      if (found) return { kind: 'adjacent-loops', prefix: before + prefixOf(seq.slice(0, i), ctx), pump: found.pump, suffix: found.suffix, hotspots: [range(a), range(found.loop)] };
    }
    // Alternatives of a group (optional or repeated too) continue with what follows the group.
    const group = a.type === 'Quantifier' ? a.element : a;
    if (group.type === 'Group' || group.type === 'CapturingGroup') {
      for (const alt of group.alternatives) {
        const inner = adjacentLoops(flatten(alt.elements), [...seq.slice(i + 1), ...rest], ctx, before + prefixOf(seq.slice(0, i), ctx));
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

/**
 * A loop that can take over the characters of loop A, reached through optional parts only, including
 * the first parts of a following group's alternatives (`[;?]*(?:\w*(?:;\w*)*)?\x07`), with a character
 * that then makes the rest fail.
 */
function followingLoop(
  setA: CharSet,
  elements: readonly Element[],
  rest: readonly Element[],
  between: CharSet,
  ctx: Ctx,
  depth: number,
): { loop: Element; pump: string; suffix: string } | undefined {
  let covered = between;
  for (let j = 0; j < elements.length; j++) {
    const b = elements[j];
    if (!b) break;
    const after = [...elements.slice(j + 1), ...rest];
    const setB = loopSet(b, ctx);
    const common = setB ? firstCommon(setA, setB) : undefined;
    if (setB && common !== undefined) {
      // The failing character must escape every optional part between the loops as well.
      const suffix = failingChar(after, union(setB, covered), ctx);
      if (suffix !== undefined) return { loop: b, pump: common, suffix };
    } else if (!setB && depth < 3) {
      const group = b.type === 'Quantifier' ? b.element : b;
      if (group.type === 'Group' || group.type === 'CapturingGroup') {
        for (const alt of group.alternatives) {
          const inner = followingLoop(setA, flatten(alt.elements), after, covered, ctx, depth + 1);
          if (inner) return inner;
        }
      }
    }
    if (!isNullable(b)) break;
    covered = union(covered, charsOf(b, ctx));
  }
  return undefined;
}

/**
 * A search tries every start position (an implicit `[\s\S]*?` prefix), so an unanchored loop at the start
 * that runs into something that must fail costs O(n) per position: `\s*$` (trim), `\s*\n` on a run of spaces.
 */
function leadingLoop(seq: readonly Element[], ctx: Ctx): OverlapVerdict | undefined {
  const first = seq[0];
  if (!first || isStartAnchor(first, ctx)) return undefined;
  const set = loopSet(first, ctx);
  if (!set) return undefined;
  let k = 1;
  for (let next = seq[k]; next && isNullable(next) && !isEndAnchor(next, ctx); next = seq[k]) k++;
  const blocker = seq[k];
  if (!blocker) return undefined;
  const atEnd = isEndAnchor(blocker, ctx);
  if (!atEnd && (blocker.type === 'Assertion' || blocker.type === 'Backreference')) return undefined;
  // The pumped character must not let the optional parts or the required element go on matching.
  const between = seq.slice(1, k).reduce<CharSet>((acc, el) => union(acc, charsOf(el, ctx)), SAMPLES.map(() => false));
  const stops = atEnd ? between : union(between, charsOf(blocker, ctx));
  const pump = firstCommon(set, stops.map((x) => !x));
  if (pump === undefined) return undefined;
  const covered = union(set, stops);
  const suffix = SAMPLES.find((c, idx) => !covered[idx] && c !== '\n' && c !== '\r' && c !== '\u2028');
  // A required element also fails at the end of the input; `$` needs a character that is not a line end.
  if (suffix === undefined && atEnd) return undefined;
  return { kind: atEnd ? 'trailing-loop' : 'leading-loop', prefix: '', pump, suffix: suffix ?? '', hotspots: [range(first)] };
}

/** Characters an unbounded loop can repeat (`A*`, `A+`, `A{2,}`, `(?:A+)?`), or undefined. */
function loopSet(e: Element, ctx: Ctx): CharSet | undefined {
  if (e.type === 'Quantifier') {
    if (e.max === Infinity) {
      const s = pumpSet(e, ctx);
      return s.some(Boolean) ? s : undefined;
    }
    const inner = e.element;
    if ((inner.type === 'Group' || inner.type === 'CapturingGroup') && inner.alternatives.length === 1) {
      const body = flatten(inner.alternatives[0]?.elements ?? []);
      if (body.length === 1 && body[0]) return loopSet(body[0], ctx);
    }
    return undefined;
  }
  if ((e.type === 'Group' || e.type === 'CapturingGroup') && e.alternatives.length === 1) {
    const body = flatten(e.alternatives[0]?.elements ?? []);
    if (body.length === 1 && body[0]) return loopSet(body[0], ctx);
  }
  return undefined;
}

/**
 * Characters one iteration of a loop can consume on its own: `(?: [a-z]+)*` repeats no single
 * character (each round needs a space and a letter), so it cannot overlap a neighbouring `[a-z]+`.
 */
function pumpSet(q: AST.Quantifier, ctx: Ctx): CharSet {
  const known = ctx.pumps.get(q);
  if (known) return known;
  let out: boolean[] = SAMPLES.map(() => false);
  try {
    const re = new RegExp(`^(?:${q.element.raw})+$`, ctx.flags);
    out = SAMPLES.map((c) => re.test(c) || re.test(c + c));
  } catch {
    // A body that does not compile alone (a backreference to an outer group) pumps nothing we can name.
  }
  ctx.pumps.set(q, out);
  return out;
}

/** Union of the characters any atom inside a node can match, sampled. */
function charsOf(node: AST.Node, ctx: Ctx): CharSet {
  const known = ctx.sets.get(node);
  if (known) return known;
  let out: boolean[] = SAMPLES.map(() => false);
  switch (node.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass': {
      let re: RegExp | undefined;
      try {
        re = new RegExp(`^(?:${node.raw})$`, ctx.flags);
      } catch {
        re = undefined;
      }
      if (re) out = SAMPLES.map((c) => re.test(c));
      break;
    }
    case 'Quantifier':
      out = [...charsOf(node.element, ctx)];
      break;
    case 'Group':
    case 'CapturingGroup':
      for (const alt of node.alternatives) for (const el of alt.elements) out = union(out, charsOf(el, ctx));
      break;
    default:
      break;
  }
  ctx.sets.set(node, out);
  return out;
}

function union(a: CharSet, b: CharSet): boolean[] {
  return a.map((x, i) => x || (b[i] ?? false));
}

function firstCommon(a: CharSet, b: CharSet): string | undefined {
  // Prefer a printable character for readable attack strings.
  const idx = SAMPLES.findIndex((c, i) => a[i] === true && b[i] === true && c >= ' ' && c <= '~');
  if (idx >= 0) return SAMPLES[idx];
  const any = SAMPLES.findIndex((_, i) => a[i] === true && b[i] === true);
  return any >= 0 ? SAMPLES[any] : undefined;
}

function isNullable(e: Element): boolean {
  switch (e.type) {
    case 'Quantifier':
      return e.min === 0 || isNullable(e.element);
    case 'Group':
    case 'CapturingGroup':
      return e.alternatives.some((alt) => alt.elements.every(isNullable));
    case 'Assertion':
      return true;
    case 'Backreference':
      return true;
    default:
      return false;
  }
}

function isStartAnchor(e: Element, ctx: Ctx): boolean {
  return e.type === 'Assertion' && e.kind === 'start' && !ctx.flags.includes('m');
}

function isEndAnchor(e: Element, ctx: Ctx): boolean {
  return e.type === 'Assertion' && e.kind === 'end' && !ctx.flags.includes('m');
}

/**
 * A character that makes the rest fail after the second loop: the rest must require something (a
 * non-optional element or `$`), and some sample character must be outside the loop and that element.
 */
function failingChar(after: readonly Element[], loop: CharSet, ctx: Ctx): string | undefined {
  let blocker: Element | undefined;
  let covered = loop;
  for (const e of after) {
    if (isEndAnchor(e, ctx) || !isNullable(e)) {
      blocker = e;
      break;
    }
    covered = union(covered, charsOf(e, ctx));
  }
  if (!blocker) return undefined;
  const next = blocker.type === 'Assertion' ? SAMPLES.map(() => false) : charsOf(blocker, ctx);
  const idx = SAMPLES.findIndex((c, i) => !covered[i] && !next[i] && c !== '\n' && c !== '\r' && c !== '\u2028');
  // A required element also fails at the end of the input.
  return idx >= 0 ? SAMPLES[idx] : blocker.type === 'Assertion' ? undefined : '';
}

/** Characters that get the matcher to the first loop: one matching sample per required atom. */
function prefixOf(elements: readonly Element[], ctx: Ctx): string {
  let out = '';
  for (const e of elements) {
    if (isNullable(e)) continue;
    if (e.type === 'Character') out += String.fromCodePoint(e.value);
    else if (e.type === 'Group' || e.type === 'CapturingGroup') out += prefixOf(flatten(e.alternatives[0]?.elements ?? []), ctx);
    else {
      const set = charsOf(e, ctx);
      const printable = SAMPLES.findIndex((c, i) => set[i] === true && c >= ' ' && c <= '~');
      const idx = printable >= 0 ? printable : set.indexOf(true);
      out += idx >= 0 ? (SAMPLES[idx] ?? '') : '';
    }
  }
  return out;
}

/** Offsets in the pattern (the AST counts from the literal's opening slash). */
function range(e: Element): { start: number; end: number } {
  return { start: e.start - 1, end: e.end - 1 };
}
