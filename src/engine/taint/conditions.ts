// Conditional taints: a branch taken on a test of a parameter path (`if (!noEscape)`, `typeof len === 'undefined' ? a : b`)
// tags what differs between the branches; applying the summary decides the test with the caller's argument.
import type { Expression } from 'oxc-parser';
import type { Cell } from './program-model.js';
import type { ParamCondition, ParamOrigin, Taint, Value } from './value.js';
import { EMPTY, isUndefinedOnly, join, makeValue, sameCondition, sameTaint, taintWith, valueWith, withClean, withTaints } from './value.js';

/** The value of `undefined`, `void x` and of a field an object literal lacks. */
export const UNDEFINED: Value = makeValue({ undef: true });

/**
 * Join of two values that are each a boolean: the test both sides are (`join` keeps one side's test when the other is
 * empty, which for booleans means unknown: `a.x !== undefined || check()`).
 */
export function joinTests(a: Value, b: Value): Value {
  const v = join(a, b);
  return v.cond && !(a.cond && b.cond) ? valueWith(v, { cond: undefined }) : v;
}

/** A taint carries at most this many conditions; past it, new branches no longer restrict it. */
const MAX_CONDITIONS = 4;

export function negate(c: ParamCondition): ParamCondition {
  return { ...c, holds: !c.holds };
}

/** The parameter path a value is inside a summary, when it is exactly one. */
export function aliasOf(v: Value): ParamOrigin | undefined {
  return v.aliases?.length === 1 ? v.aliases[0] : undefined;
}

const isNullLiteral = (e: Expression): boolean => e.type === 'Literal' && e.value === null && !('regex' in e);

/**
 * `x === undefined`, `x != null`, `typeof x !== 'undefined'` where `x` is a parameter path: the definedness test it
 * makes. `operand` evaluates the argument of a `typeof` (an identifier or a member chain).
 */
export function comparisonCondition(
  op: string,
  left: Expression,
  l: Value,
  right: Expression,
  r: Value,
  operand: (e: Expression) => Value | undefined,
): ParamCondition | undefined {
  const strict = op === '===' || op === '!==';
  if (!strict && op !== '==' && op !== '!=') return undefined;
  const equal = op === '===' || op === '==';
  for (const [a, av, b, bv] of [[left, l, right, r], [right, r, left, l]] as const) {
    let subject: Value | undefined;
    if (a.type === 'UnaryExpression' && a.operator === 'typeof') {
      if (bv.str === 'undefined') subject = operand(a.argument);
    } else if (isUndefinedOnly(bv) || (!strict && isNullLiteral(b))) subject = av;
    const origin = subject ? aliasOf(subject) : undefined;
    if (origin) return { origin, test: 'defined', holds: !equal };
  }
  return undefined;
}

/** Whether `v` is defined (`true`), undefined (`false`) or unknown. */
function decideDefined(v: Value): boolean | undefined {
  const defined =
    v.str !== undefined || v.isNumber === true || v.bool !== undefined || v.cond !== undefined || v.props !== undefined || v.strs !== undefined ||
    v.regexes !== undefined || v.funcs.length > 0 || v.classes.length > 0 || v.instances.length > 0;
  if (v.undef) return defined || v.taints.length > 0 ? undefined : false;
  return defined && v.taints.length === 0 ? true : undefined;
}

/**
 * A condition on a parameter with the caller's argument `actual`: its outcome (`true` when it has the outcome the
 * condition stands for), or the same condition on the caller's own parameter the argument is, or nothing (unknown).
 */
export function decideCondition(c: ParamCondition, actual: Value): boolean | ParamCondition | undefined {
  const alias = aliasOf(actual);
  if (alias) return { ...c, origin: alias };
  const outcome = c.test === 'defined' ? decideDefined(actual) : decideConstant(actual);
  return outcome === undefined ? undefined : outcome === c.holds;
}

/** Whether `v` is a list or string of the program's own (`true`), holds input (`false`), or is unknown. */
function decideConstant(v: Value): boolean | undefined {
  if (v.taints.length > 0) return false;
  return v.strs !== undefined || v.props !== undefined || v.str !== undefined ? true : undefined;
}

/**
 * Resolve the conditions of `fnId`'s parameters: a taint whose condition fails is dropped, one that holds is
 * removed, one the argument cannot decide is removed too (the taint is then unconditional).
 */
export function resolveTaints(taints: readonly Taint[], fnId: number, actualOf: (origin: ParamOrigin) => Value): Taint[] {
  const out: Taint[] = [];
  for (const t of taints) {
    if (!t.when?.some((c) => c.origin.fn === fnId)) {
      out.push(t);
      continue;
    }
    const when: ParamCondition[] = [];
    let possible = true;
    for (const c of t.when) {
      if (c.origin.fn !== fnId) {
        when.push(c);
        continue;
      }
      const decided = decideCondition(c, actualOf(c.origin));
      if (decided === false) possible = false;
      else if (typeof decided === 'object') when.push(decided);
    }
    if (!possible) continue;
    out.push(when.length > 0 ? taintWith(t, { when }) : withoutConditions(t));
  }
  return out;
}

function withoutConditions(t: Taint): Taint {
  return taintWith(t, { when: undefined });
}

/** A boolean that is a test on `fnId`'s parameter, applied: a known boolean, the caller's test, or unknown. */
export function resolveCondition(c: ParamCondition, actual: Value): Value {
  const decided = decideCondition(c, actual);
  if (decided === undefined) return EMPTY;
  return typeof decided === 'boolean' ? makeValue({ bool: decided }) : makeValue({ cond: decided });
}

/**
 * `t` restricted to where `c` has its outcome; `undefined` where that contradicts its conditions. Past
 * MAX_CONDITIONS the restriction is dropped (`t` itself), unless `strict` (then `undefined`: the taint a guard cleaned
 * must not outlive its condition).
 */
function withCondition(t: Taint, c: ParamCondition, strict = false): Taint | undefined {
  if (t.when?.some((w) => w.origin.key === c.origin.key && w.test === c.test)) {
    return t.when.some((w) => sameCondition(w, c)) ? t : undefined;
  }
  if ((t.when?.length ?? 0) >= MAX_CONDITIONS) return strict ? undefined : t;
  return taintWith(t, { when: [...(t.when ?? []), c] });
}

/** A value that has the facts `a` or the facts `b` (`!(typeof s === 'string' && s.length > N)`): each taint in both versions. */
export function sanitizeEither(v: Value, a: number, b: number): Value {
  const taints: Taint[] = [];
  for (const t of v.taints) {
    if ((t.clean & a) === a || (t.clean & b) === b) taints.push(t);
    else taints.push(withClean(t, t.clean | a), withClean(t, t.clean | b));
  }
  return withTaints(v, taints);
}

/**
 * A guard that holds only where `when` has its outcomes (`!checkList || list.includes(x)`): each taint is cleaned for
 * `mask` there, and stays as it was on every path where one of the conditions fails.
 */
export function sanitizeWhere(v: Value, mask: number, when: readonly ParamCondition[]): Value {
  const taints: Taint[] = [];
  for (const t of v.taints) {
    if ((t.clean & mask) === mask) {
      taints.push(t);
      continue;
    }
    let clean: Taint | undefined = withClean(t, t.clean | mask);
    for (const c of when) clean = clean && withCondition(clean, c, true);
    if (clean) taints.push(clean);
    when.forEach((c, i) => {
      let raw: Taint | undefined = t;
      for (const held of when.slice(0, i)) raw = raw && withCondition(raw, held);
      raw = raw && withCondition(raw, negate(c));
      if (raw) taints.push(raw);
    });
  }
  return withTaints(v, taints);
}

/** The taints of `v` (and of its fields) that `other` lacks exist only where `c` has its outcome. */
export function tagBranch(v: Value, other: Value, c: ParamCondition, depth = 0): Value {
  if (v === other) return v;
  let changed = false;
  const taints: Taint[] = [];
  for (const t of v.taints) {
    if (other.taints.some((o) => sameTaint(o, t))) {
      taints.push(t);
      continue;
    }
    const tagged = withCondition(t, c);
    if (tagged !== t) changed = true;
    if (tagged) taints.push(tagged);
  }
  let props = v.props;
  if (v.props && depth < 2) {
    const next = new Map<string, Value>();
    for (const [k, pv] of v.props) {
      const tagged = tagBranch(pv, other.props?.get(k) ?? EMPTY, c, depth + 1);
      if (tagged !== pv) changed = true;
      next.set(k, tagged);
    }
    props = next;
  }
  return changed ? valueWith(v, props ? { taints, props } : { taints }) : v;
}

/** The state after one branch of a test on a parameter: what it changed exists only where the test has that outcome. */
export function tagState(state: Map<Cell, Value>, other: Map<Cell, Value>, c: ParamCondition): Map<Cell, Value> {
  const out = new Map<Cell, Value>();
  for (const [cell, v] of state) out.set(cell, tagBranch(v, other.get(cell) ?? EMPTY, c));
  return out;
}
