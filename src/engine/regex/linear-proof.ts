import type { AST } from '@eslint-community/regexpp';
import { parseRegExpLiteral } from '@eslint-community/regexpp';

/**
 * A cheap, sound proof that a pattern cannot backtrack super-linearly, so recheck (up to its timeout per
 * pattern) need not run. Super-linear backtracking needs ambiguity: exponential needs two distinct loops
 * on the same word at one state (EDA), polynomial two states p != q with loops and a path p -> q on the
 * same word (IDA) (Weideman et al., "Analyzing Matching Time Behavior of Backtracking Regular Expression
 * Matchers by Using Ambiguity of NFA", 2016). The proof builds the position (Glushkov) automaton of the
 * pattern, with every character set over-approximated, and asks for:
 * - no ambiguity inside the pattern: every state's successors have disjoint character sets, and no
 *   transition, first or last position or empty match is reachable in two ways (so `(a+)+`, `(a?)?`
 *   and `(a|a)` are refused even though their position automaton is deterministic);
 * - no IDA through the implicit `[\s\S]*?` prefix of a search: no loop of the pattern can be re-entered
 *   from the start on a word that also keeps it looping (`\s*$`, `a+b` are refused; `^\s*$` passes).
 * Anything the proof does not model (backreferences, lookarounds, `v` flag, big counted repetitions)
 * gives `false`: the caller then runs recheck as before. So a `true` never hides a finding.
 */
export function isProvablyLinear(pattern: string, flags: string): boolean {
  if (flags.includes('v') || pattern.length > MAX_PATTERN_LENGTH) return false;
  let ast: AST.RegExpLiteral;
  try {
    ast = parseRegExpLiteral(new RegExp(pattern, flags));
  } catch {
    return false; // invalid or unsupported syntax: leave it to recheck
  }
  try {
    // From the start of the input `^` matches; after the search prefix consumed something it never does.
    // Both builds number the positions alike (same traversal); transitions always follow a character.
    const fromZero = buildAlternatives(ast.pattern.alternatives, createContext(flags, true));
    const ctx = createContext(flags, false);
    const fromLater = buildAlternatives(ast.pattern.alternatives, ctx);
    return !hasSuperLinearAmbiguity(searchAutomaton(ctx.sets, ctx.edges, [...fromZero.first.keys()], [...fromLater.first.keys()]));
  } catch (error: unknown) {
    if (error instanceof Unprovable) return false;
    throw error;
  }
}

/** Bounds that keep the proof cheap; past them recheck decides. */
const MAX_PATTERN_LENGTH = 2_000;
const MAX_POSITIONS = 300;
const MAX_COPIES = 40;

class Unprovable extends Error {}

/** Sorted, disjoint, inclusive code point ranges `[lo0, hi0, lo1, hi1, ...]`. */
type CharSet = readonly number[];

/** Multiplicities saturate at 2: "more than one way" is all the proof needs to know. */
type Counts = Map<number, number>;

interface Fragment {
  readonly first: Counts;
  readonly last: Counts;
  /** Number of ways the fragment matches the empty string (0, 1 or 2+). */
  readonly empty: number;
}

interface BuildContext {
  readonly flags: string;
  readonly maxChar: number;
  /** Character set of each position, in creation order (both builds append here). */
  readonly sets: CharSet[];
  /** Transition (from * MAX_POSITIONS + to) -> number of ways it arises. */
  readonly edges: Map<number, number>;
  /** `^` matches only at the start of the input (no `m` flag). */
  readonly caretIsStart: boolean;
  /** Whether this build models a match attempt at the start of the input. */
  readonly atStart: boolean;
}

function createContext(flags: string, atStart: boolean): BuildContext {
  return { flags, maxChar: flags.includes('u') ? 0x10ffff : 0xffff, sets: [], edges: new Map(), caretIsStart: !flags.includes('m'), atStart };
}

function add(target: Counts, source: Counts, times = 1): void {
  if (times === 0) return;
  for (const [pos, n] of source) {
    const total = (target.get(pos) ?? 0) + n * times;
    if (total > 1) throw new Unprovable(); // two ways to reach one position
    target.set(pos, total);
  }
}

function buildAlternatives(alternatives: readonly AST.Alternative[], ctx: BuildContext): Fragment {
  const first: Counts = new Map();
  const last: Counts = new Map();
  let empty = 0;
  for (const alt of alternatives) {
    const f = buildSequence(alt.elements, ctx);
    add(first, f.first);
    add(last, f.last);
    empty += f.empty;
  }
  return { first, last, empty: Math.min(empty, 2) };
}

function buildSequence(elements: readonly AST.Element[], ctx: BuildContext): Fragment {
  let acc: Fragment = { first: new Map(), last: new Map(), empty: 1 };
  for (const e of elements) acc = concat(acc, buildElement(e, ctx), ctx);
  return acc;
}

function concat(a: Fragment, b: Fragment, ctx: BuildContext): Fragment {
  link(a.last, b.first, ctx);
  const first = new Map(a.first);
  add(first, b.first, a.empty);
  const last = new Map(b.last);
  add(last, a.last, b.empty);
  const empty = a.empty * b.empty;
  if (empty > 1) throw new Unprovable();
  return { first, last, empty };
}

/** Transitions from every position of `from` to every position of `to`. */
function link(from: Counts, to: Counts, ctx: BuildContext): void {
  for (const [a, n] of from) {
    for (const [b, m] of to) {
      const key = a * MAX_POSITIONS + b;
      const total = (ctx.edges.get(key) ?? 0) + n * m;
      if (total > 1) throw new Unprovable(); // one transition reached in two ways: `(a+)+`
      ctx.edges.set(key, total);
    }
  }
}

function buildElement(e: AST.Element, ctx: BuildContext): Fragment {
  switch (e.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return atom(charSetOf(e, ctx), ctx);
    case 'Group':
      if (e.modifiers !== null) throw new Unprovable();
      return buildAlternatives(e.alternatives, ctx);
    case 'CapturingGroup':
      return buildAlternatives(e.alternatives, ctx);
    case 'Quantifier':
      return quantify(e, ctx);
    case 'Assertion':
      if (e.kind === 'start' && ctx.caretIsStart && !ctx.atStart) return { first: new Map(), last: new Map(), empty: 0 };
      if (e.kind === 'start' || e.kind === 'end' || e.kind === 'word') return { first: new Map(), last: new Map(), empty: 1 };
      throw new Unprovable(); // lookarounds backtrack on their own
    case 'Backreference':
      throw new Unprovable();
  }
}

function atom(set: CharSet, ctx: BuildContext): Fragment {
  if (ctx.sets.length >= MAX_POSITIONS) throw new Unprovable();
  const pos = ctx.sets.push(set) - 1;
  return { first: new Map([[pos, 1]]), last: new Map([[pos, 1]]), empty: 0 };
}

function quantify(q: AST.Quantifier, ctx: BuildContext): Fragment {
  const { min, max } = q;
  if (min > MAX_COPIES || (max !== Infinity && max - min > MAX_COPIES)) throw new Unprovable();
  let acc: Fragment = { first: new Map(), last: new Map(), empty: 1 };
  for (let i = 0; i < min; i++) acc = concat(acc, buildElement(q.element, ctx), ctx);
  if (max === Infinity) return concat(acc, star(buildElement(q.element, ctx), ctx), ctx);
  // Optional copies nest, `(X(X)?)?`, so that each count of iterations has one path.
  let tail: Fragment | undefined;
  for (let i = min; i < max; i++) {
    const copy = buildElement(q.element, ctx);
    tail = tail === undefined ? optional(copy) : optional(concat(copy, tail, ctx));
  }
  return tail === undefined ? acc : concat(acc, tail, ctx);
}

function optional(f: Fragment): Fragment {
  if (f.empty > 0) throw new Unprovable(); // `(a?)?`: two ways to match nothing
  return { first: f.first, last: f.last, empty: 1 };
}

function star(f: Fragment, ctx: BuildContext): Fragment {
  if (f.empty > 0) throw new Unprovable(); // a loop whose body matches nothing
  link(f.last, f.first, ctx);
  return { first: f.first, last: f.last, empty: 1 };
}

/** A transition of the automaton: target state and the characters it reads. */
interface Transition {
  readonly to: number;
  readonly set: CharSet;
}

/**
 * The automaton of a search: positions 0..n-1, then I (a match attempt at the start of the input,
 * where `^` holds) and P (the search prefix `[\s\S]*?`, which stays or enters the pattern later).
 */
function searchAutomaton(sets: readonly CharSet[], edges: ReadonlyMap<number, number>, startZero: readonly number[], startLater: readonly number[]): Transition[][] {
  const n = sets.length;
  const I = n;
  const P = n + 1;
  const out: Transition[][] = Array.from({ length: n + 2 }, () => []);
  const to = (pos: number): Transition => ({ to: pos, set: sets[pos] ?? FULL });
  for (const key of edges.keys()) out[Math.floor(key / MAX_POSITIONS)]?.push(to(key % MAX_POSITIONS));
  out[I]?.push(...startZero.map(to), { to: P, set: FULL });
  out[P]?.push({ to: P, set: FULL }, ...startLater.map(to));
  return out;
}

/** Work bound of the ambiguity search; past it the proof gives up. */
const MAX_STEPS = 400_000;

/**
 * Whether the automaton has an EDA (two distinct loops on one word at a state) or an IDA (p != q with
 * p -> p, p -> q and q -> q on one word); true also when the search runs past its work bound.
 */
function hasSuperLinearAmbiguity(out: readonly (readonly Transition[])[]): boolean {
  const scc = stronglyConnectedComponents(out);
  const cyclic = out.map((ts, s) => ts.some((t) => scc[t.to] === scc[s]));
  const budget = { steps: 0 };
  for (let s = 0; s < out.length; s++) {
    // One EDA search per component, from its smallest cyclic state.
    if (cyclic[s] === true && scc.indexOf(scc[s] ?? -1) === s && hasEda(out, scc, scc[s] ?? -1, budget)) return true;
  }
  const reach = out.map((_, s) => reachable(out, s));
  for (let p = 0; p < out.length; p++) {
    if (cyclic[p] !== true) continue;
    for (let q = 0; q < out.length; q++) {
      if (q === p || cyclic[q] !== true || reach[p]?.has(q) !== true) continue;
      if (hasIda(out, scc, reach, p, q, budget)) return true;
    }
  }
  return budget.steps > MAX_STEPS;
}

/** Pairs of states of one component reading the same word; an EDA is a non-diagonal pair on a cycle through the diagonal. */
function hasEda(out: readonly (readonly Transition[])[], scc: readonly number[], component: number, budget: { steps: number }): boolean {
  const members = scc.flatMap((c, s) => (c === component ? [s] : []));
  const size = out.length;
  const forward = new Set<number>();
  const reverse = new Map<number, number[]>();
  const queue = members.map((s) => s * size + s);
  for (const k of queue) forward.add(k);
  while (queue.length > 0) {
    const key = queue.pop() ?? 0;
    const a = Math.floor(key / size);
    const b = key % size;
    for (const ta of out[a] ?? []) {
      if (scc[ta.to] !== component) continue;
      for (const tb of out[b] ?? []) {
        if (++budget.steps > MAX_STEPS) return true;
        if (scc[tb.to] !== component || !intersects(ta.set, tb.set)) continue;
        const next = ta.to * size + tb.to;
        const back = reverse.get(next);
        if (back) back.push(key);
        else reverse.set(next, [key]);
        if (!forward.has(next)) {
          forward.add(next);
          queue.push(next);
        }
      }
    }
  }
  const backward = new Set(members.map((s) => s * size + s));
  const stack = [...backward];
  while (stack.length > 0) {
    const key = stack.pop() ?? 0;
    for (const prev of reverse.get(key) ?? []) {
      if (backward.has(prev)) continue;
      if (Math.floor(prev / size) !== prev % size) return true; // off the diagonal and back to it
      backward.add(prev);
      stack.push(prev);
    }
  }
  return false;
}

/** Triples (on p's loop, from p to q, on q's loop) reading the same word, from (p, p, q) to (p, q, q). */
function hasIda(
  out: readonly (readonly Transition[])[],
  scc: readonly number[],
  reach: readonly ReadonlySet<number>[],
  p: number,
  q: number,
  budget: { steps: number },
): boolean {
  const size = out.length;
  const between = (s: number): boolean => reach[s]?.has(q) === true || s === q;
  const seen = new Set<number>();
  const queue: [number, number, number][] = [[p, p, q]];
  while (queue.length > 0) {
    const [a, b, c] = queue.pop() ?? [0, 0, 0];
    for (const ta of out[a] ?? []) {
      if (scc[ta.to] !== scc[p]) continue;
      for (const tb of out[b] ?? []) {
        if (!between(tb.to)) continue;
        const common = intersection(ta.set, tb.set);
        if (common.length === 0) continue;
        for (const tc of out[c] ?? []) {
          if (++budget.steps > MAX_STEPS) return true;
          if (scc[tc.to] !== scc[q] || !intersects(common, tc.set)) continue;
          if (ta.to === p && tb.to === q && tc.to === q) return true;
          const key = (ta.to * size + tb.to) * size + tc.to;
          if (seen.has(key)) continue;
          seen.add(key);
          queue.push([ta.to, tb.to, tc.to]);
        }
      }
    }
  }
  return false;
}

function reachable(out: readonly (readonly Transition[])[], from: number): Set<number> {
  const seen = new Set<number>();
  const stack = (out[from] ?? []).map((t) => t.to);
  while (stack.length > 0) {
    const s = stack.pop() ?? 0;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const t of out[s] ?? []) stack.push(t.to);
  }
  return seen;
}

/** Tarjan's algorithm; returns the component number of each state. */
function stronglyConnectedComponents(out: readonly (readonly Transition[])[]): number[] {
  const index: number[] = out.map(() => -1);
  const low: number[] = out.map(() => 0);
  const component: number[] = out.map(() => -1);
  const onStack: boolean[] = out.map(() => false);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const { to } of out[v] ?? []) {
      if (index[to] === -1) {
        visit(to);
        low[v] = Math.min(low[v] ?? 0, low[to] ?? 0);
      } else if (onStack[to] === true) low[v] = Math.min(low[v] ?? 0, index[to] ?? 0);
    }
    if (low[v] === index[v]) {
      let w: number | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack[w] = false;
        component[w] = components;
      } while (w !== v);
      components++;
    }
  };
  for (let v = 0; v < out.length; v++) if (index[v] === -1) visit(v);
  return component;
}

// ---- character sets, over-approximated where exactness would cost (case folding, properties) ----

const FULL: CharSet = [0, 0x10ffff];
const DIGIT: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharSet = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS: CharSet = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

function charSetOf(e: AST.Character | AST.CharacterSet | AST.CharacterClass | AST.ExpressionCharacterClass, ctx: BuildContext): CharSet {
  const raw = rawSetOf(e, ctx);
  return ctx.flags.includes('i') ? foldCase(raw, ctx.maxChar) : raw;
}

function rawSetOf(e: AST.Node, ctx: BuildContext): CharSet {
  switch (e.type) {
    case 'Character':
      return [e.value, e.value];
    case 'CharacterClassRange':
      return [e.min.value, e.max.value];
    case 'CharacterSet':
      switch (e.kind) {
        case 'any':
          return ctx.flags.includes('s') ? [0, ctx.maxChar] : complement(LINE_TERMINATORS, ctx.maxChar);
        case 'digit':
          return e.negate ? complement(DIGIT, ctx.maxChar) : DIGIT;
        case 'space':
          return e.negate ? complement(SPACE, ctx.maxChar) : SPACE;
        case 'word':
          return e.negate ? complement(WORD, ctx.maxChar) : WORD;
        case 'property':
          return [0, ctx.maxChar]; // any character, an over-approximation
      }
      break;
    case 'CharacterClass': {
      if (e.unicodeSets) throw new Unprovable();
      const union = normalize(e.elements.map((el) => rawSetOf(el, ctx)).flatMap((s) => pairsOf(s)));
      return e.negate ? complement(union, ctx.maxChar) : union;
    }
    default:
      break;
  }
  throw new Unprovable();
}

/**
 * With the `i` flag a set also matches the other case of its letters. ASCII letters are swapped
 * exactly; a set with any non-ASCII character, or with k or s (which the Kelvin sign and the long s
 * fold to), is widened to every non-ASCII character.
 */
function foldCase(set: CharSet, maxChar: number): CharSet {
  const pairs = pairsOf(set);
  const extra: [number, number][] = [];
  for (const [lo, hi] of pairs) {
    const upperLo = Math.max(lo, 0x41);
    const upperHi = Math.min(hi, 0x5a);
    if (upperLo <= upperHi) extra.push([upperLo + 0x20, upperHi + 0x20]);
    const lowerLo = Math.max(lo, 0x61);
    const lowerHi = Math.min(hi, 0x7a);
    if (lowerLo <= lowerHi) extra.push([lowerLo - 0x20, lowerHi - 0x20]);
  }
  const folded = normalize([...pairs, ...extra]);
  const widen = folded.some((c, i) => i % 2 === 1 && c >= 0x80) || [0x4b, 0x53, 0x6b, 0x73].some((c) => contains(folded, c));
  return widen ? normalize([...pairsOf(folded), [0x80, maxChar]]) : folded;
}

function pairsOf(set: CharSet): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < set.length; i += 2) out.push([set[i] ?? 0, set[i + 1] ?? 0]);
  return out;
}

function normalize(pairs: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...pairs].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const end = out.length - 1;
    if (end > 0 && lo <= (out[end] ?? 0) + 1) out[end] = Math.max(out[end] ?? 0, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(set: CharSet, maxChar: number): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of pairsOf(set)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= maxChar) out.push([next, maxChar]);
  return normalize(out);
}

function contains(set: CharSet, c: number): boolean {
  for (let i = 0; i + 1 < set.length; i += 2) if ((set[i] ?? 0) <= c && c <= (set[i + 1] ?? -1)) return true;
  return false;
}

function intersection(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const lo = Math.max(a[i] ?? 0, b[j] ?? 0);
    const hi = Math.min(a[i + 1] ?? 0, b[j + 1] ?? 0);
    if (lo <= hi) out.push(lo, hi);
    if ((a[i + 1] ?? 0) < (b[j + 1] ?? 0)) i += 2;
    else j += 2;
  }
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const aLo = a[i] ?? 0;
    const aHi = a[i + 1] ?? 0;
    const bLo = b[j] ?? 0;
    const bHi = b[j + 1] ?? 0;
    if (aLo <= bHi && bLo <= aHi) return true;
    if (aHi < bHi) i += 2;
    else j += 2;
  }
  return false;
}
