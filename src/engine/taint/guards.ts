import type { Expression, Node, Statement } from 'oxc-parser';

import type { SinkKind } from '../../core/index.js';

import type { ModelIndex } from './access-path.js';
import { pathMatches } from './access-path.js';
import { truthySubject } from './guarded-assignments.js';
import type { Assertion } from './program-model.js';
import { pushChildren } from './program-model.js';
import { regexAlphabet } from './regex-alphabet.js';
import { negate } from './conditions.js';
import type { ApiRef, ParamCondition, Value } from './value.js';
import { ALL_KINDS, kindBit, kindsMask, LENGTH_BOUNDED, NOT_ARRAY, NOT_STRING, NUMERIC_CLEAN, PP_CTOR_BLOCKED, PP_PROTO_BLOCKED } from './value.js';

/** A variable (or a field of it, `opts.name` has `path: ['name']`) made safe on one branch of a condition. */
/** What a user predicate proves of its argument `index` (see predicateRefinements). */
export interface PredicateFact {
  readonly index: number;
  readonly mask: number;
  readonly ownIn?: number;
  /** Holds when argument `allowList` is a constant list (`inArray(list, x)` returning `list.indexOf(x) !== -1`). */
  readonly allowList?: number;
}

export interface Refinement {
  readonly name: string;
  readonly path?: readonly string[];
  /** An element read through an index variable (`parts[i]` is `{ name: 'parts', index: 'i' }`): see element-facts.ts. */
  readonly index?: string;
  /** Holds for reads of the field `path` through this variable only, not stored into its value (element-facts.ts). */
  readonly readsOnly?: boolean;
  readonly mask: number;
  /** Holds only when the variable is a `path.relative()` result (`!rel.startsWith('..')`: inside the root). */
  readonly ifRelative?: boolean;
  /**
   * `hasOwnProperty.call(obj, key)`: the object named here has `key` as an own property. No pollution guard when
   * `key` enumerates that very object (an own `__proto__` from JSON.parse is own); see applyRefinement.
   */
  readonly ownIn?: string;
  /** `list.includes(x)` with a list not known here: holds when the variable named is a constant (see allowListRefinement). */
  readonly allowList?: string;
  /** Holds only where these tests on parameters have their outcomes (`!opts.list || opts.list.includes(x)`). */
  readonly when?: readonly ParamCondition[];
  /** Or else these facts: the variable has `mask` or `orMask` (`typeof s === 'string' && s.length > N` false). */
  readonly orMask?: number;
}

/** A refinement that holds as it is, everywhere (no condition, alternative or allow-list to resolve). */
export function isPlainRefinement(r: Refinement): boolean {
  return !r.when && r.allowList === undefined && r.orMask === undefined;
}

/** `!(a && b)` on one variable: it has what `!a` proves or what `!b` proves (`typeof s !== 'string' || s.length <= N`). */
function eitherOf(left: readonly Refinement[], right: readonly Refinement[]): Refinement[] {
  const out: Refinement[] = [];
  for (const a of left) {
    if (!isPlainRefinement(a) || a.path || a.index !== undefined || a.readsOnly || a.ifRelative || a.ownIn !== undefined) continue;
    const b = right.find((r) => r.name === a.name && isPlainRefinement(r) && !r.path && r.index === undefined && !r.readsOnly && !r.ifRelative && r.ownIn === undefined);
    if (b && (a.mask & b.mask) !== a.mask && (a.mask & b.mask) !== b.mask) out.push({ name: a.name, mask: a.mask, orMask: b.mask });
  }
  return out;
}

/** What guard recognition needs from the interpreter. */
export interface GuardContext {
  readonly models: ModelIndex;
  /** Value of a side-effect free expression (identifier, literal, array), if cheap to know. */
  constantOf(e: Expression): Value | undefined;
  apisOf(e: Expression): readonly ApiRef[];
  /** Masks a user-written predicate `f(a, b)` proves for each argument index when its result is `truthy`. */
  predicateOf?(callee: Expression, truthy: boolean): readonly PredicateFact[];
  /** `arr[i]` inside the callback of `arr.reduce((o, k, i) => ...)`: the element parameter (`k`) it equals. */
  elementOf?(e: Expression): string | undefined;
  /** The test on a parameter a side-effect free boolean (`checkList`, `!checkList`) is, if any (see conditions.ts). */
  conditionOf?(e: Expression): ParamCondition | undefined;
}

const PP_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const PP = kindBit('prototype-pollution');

/**
 * What excluding these keys proves: `__proto__` alone is bypassed through `constructor.prototype`
 * (minimist 1.2.5), so only both partial bits together clean a key (see isPollutionClean).
 */
function blockedKeysMask(keys: readonly string[]): number {
  let mask = 0;
  for (const k of keys) {
    if (k === '__proto__') mask |= PP_PROTO_BLOCKED;
    else if (k === 'constructor' || k === 'prototype') mask |= PP_CTOR_BLOCKED;
  }
  return mask;
}
/** `switch (key)` that matched none of its string labels: the key is none of the prototype keys among them. */
export function excludedLabelsRefinement(name: string, labels: readonly string[]): Refinement | undefined {
  const mask = blockedKeysMask(labels.filter((l) => PP_KEYS.has(l)));
  return mask !== 0 ? { name, mask } : undefined;
}

/** An anchored regex test proves a shape, not the absence of `..`: keep path traversal unless `.` is excluded. */
const REGEX_CLEAN = ALL_KINDS & ~kindBit('redos') & ~kindBit('insecure-randomness') & ~PP;
/**
 * Characters that break out of the data's place in each language. An anchored test cleans these kinds only when
 * its pattern admits none of them (`/^[a-zA-Z_$][0-9a-zA-Z_$]*$/` cleans code, `/^[\s\S]+$/` cleans nothing).
 */
const BREAKOUT: readonly (readonly [SinkKind, string])[] = [
  ['command-injection', ' \t\n\r;&|$`()<>\'"\\*?[]{}!#~'],
  // Words and spaces alone form no call (`obj`, ` obj `): whitespace is no breakout in code.
  ['code-injection', ';,()[]{}\'"`\\=+-*/%<>!&|?:'],
  ['sql-injection', ' \t\n\r\'"`\\;-#/*=()'],
  ['xss', ' \t\n\r<>"\'`&='],
];

/** Kinds an anchored `re.test(x)` holding makes x safe for, from the characters the pattern admits. */
function regexGuardMask(pattern: string, flags: string): number {
  const alphabet = regexAlphabet(pattern, flags);
  let mask = REGEX_CLEAN;
  if (!alphabet || alphabet.has('.') || allowsDots(pattern)) mask &= ~kindBit('path-traversal');
  for (const [kind, breakout] of BREAKOUT) {
    if (!alphabet || admitsAny(alphabet, breakout)) mask &= ~kindBit(kind);
  }
  return mask;
}

function admitsAny(alphabet: ReadonlySet<string>, chars: string): boolean {
  for (const c of chars) if (alphabet.has(c)) return true;
  return false;
}

function unwrap(e: Expression): Expression {
  let x = e;
  while (x.type === 'ParenthesizedExpression' || x.type === 'TSAsExpression' || x.type === 'TSNonNullExpression' || x.type === 'ChainExpression') {
    x = x.expression;
  }
  return x;
}

function identName(e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  const x = unwrap(e);
  return x.type === 'Identifier' ? x.name : undefined;
}

/** A variable, or a field chain of one (`opts.outputFunctionName` is `{ name: 'opts', path: ['outputFunctionName'] }`). */
export interface Subject {
  readonly name: string;
  readonly path?: readonly string[];
  /** `parts[i]`: the element of `name` at index variable `index`. */
  readonly index?: string;
}

/** What a guard can refine: a variable, or a field chain of one. */
export function subjectOf(e: Expression | undefined): Subject | undefined {
  if (!e) return undefined;
  const path: string[] = [];
  let x = unwrap(e);
  while (x.type === 'MemberExpression' && !x.computed && x.property.type === 'Identifier' && path.length < 3) {
    path.unshift(x.property.name);
    x = unwrap(x.object);
  }
  if (x.type !== 'Identifier') return undefined;
  return path.length > 0 ? { name: x.name, path } : { name: x.name };
}

function sameSubject(a: Subject, b: Subject): boolean {
  return a.name === b.name && a.index === b.index && (a.path ?? []).join('.') === (b.path ?? []).join('.');
}

/** `parts[i]`: an array variable read at an index variable. */
export function elementSubjectOf(e: Expression | undefined): Subject | undefined {
  const x = e ? unwrap(e) : undefined;
  if (x?.type !== 'MemberExpression' || !x.computed) return undefined;
  const name = identName(x.object);
  const index = identName(x.property);
  return name !== undefined && index !== undefined ? { name, index } : undefined;
}

/** `o[k]` with an identifier key: the key's name. */
function computedKeyName(e: Expression): string | undefined {
  const x = unwrap(e);
  return x.type === 'MemberExpression' && x.computed ? identName(x.property) : undefined;
}

function isCallOf(e: Extract<Expression, { type: 'CallExpression' }>, method: string): boolean {
  const c = unwrap(e.callee);
  return c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' && c.property.name === method;
}

/** `s.indexOf(x)` read as `s.startsWith(x)` (for a comparison with 0). */
function asStartsWith(e: Extract<Expression, { type: 'CallExpression' }>): Extract<Expression, { type: 'CallExpression' }> | undefined {
  const c = unwrap(e.callee);
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier' || c.property.name !== 'indexOf' || e.arguments.length !== 1) return undefined;
  return { ...e, callee: { ...c, property: { ...c.property, name: 'startsWith' } } };
}

function literalString(e: Expression): string | undefined {
  const x = unwrap(e);
  if (x.type === 'Literal' && typeof x.value === 'string') return x.value;
  if (x.type === 'TemplateLiteral' && x.expressions.length === 0) return x.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * Variables a condition makes safe when it evaluates to `truthy`. Built-in guards: comparison with a
 * literal, `typeof x === 'number'`, allow-list `includes`/`has`/`indexOf`, anchored regex `test`,
 * prototype-key checks (`key === '__proto__'`, blocklist `includes`, `hasOwnProperty`), numeric checks;
 * plus guard models.
 */
export function refineCondition(test: Expression, truthy: boolean, ctx: GuardContext): Refinement[] {
  const e = unwrap(test);
  if (e.type === 'UnaryExpression' && e.operator === '!') return refineCondition(e.argument, !truthy, ctx);
  if (e.type === 'LogicalExpression') {
    if (e.operator === '&&' && truthy) return [...refineCondition(e.left, true, ctx), ...refineCondition(e.right, true, ctx)];
    if (e.operator === '||' && !truthy) return [...refineCondition(e.left, false, ctx), ...refineCondition(e.right, false, ctx)];
    // `!checkList || list.includes(x)` true: the right side held wherever the test on a parameter failed.
    const left = e.operator === '||' && truthy ? ctx.conditionOf?.(e.left) : undefined;
    if (left) return refineCondition(e.right, true, ctx).map((r) => ({ ...r, when: [...(r.when ?? []), negate(left)] }));
    // `key === 'constructor' && typeof obj[key] === 'function'` false: deliberately read as excluding the key
    // (the extra conjunct only narrows when the dangerous key is refused, minimist 1.2.6).
    if (e.operator === '&&' && !truthy) {
      // `if (x && !valid(x)) throw`: past it x is falsy (harmless in any sink) or valid.
      const tested = subjectOf(e.left);
      const onTested = tested ? refineCondition(e.right, false, ctx).filter((r) => sameSubject(r, tested)) : [];
      const left = refineCondition(e.left, false, ctx);
      const right = refineCondition(e.right, false, ctx);
      const partial = [...left, ...right].filter((r) => (r.mask & ~(PP_PROTO_BLOCKED | PP_CTOR_BLOCKED)) === 0);
      return [...onTested, ...partial, ...eitherOf(left, right)];
    }
    return [];
  }
  if (e.type === 'BinaryExpression') return refineBinary(e, truthy, ctx);
  if (e.type === 'CallExpression') return refineCall(e, truthy, ctx);
  return [];
}

function refineBinary(e: Extract<Expression, { type: 'BinaryExpression' }>, truthy: boolean, ctx: GuardContext): Refinement[] {
  const op = e.operator;
  const equal = op === '===' || op === '==';
  const notEqual = op === '!==' || op === '!=';
  if (e.left.type === 'PrivateIdentifier') return [];
  if (equal || notEqual) {
    const positive = equal === truthy;
    for (const [a, b] of [[e.left, e.right], [e.right, e.left]] as const) {
      // typeof x === 'number'
      const ua = unwrap(a);
      if (ua.type === 'UnaryExpression' && ua.operator === 'typeof') {
        const name = identName(ua.argument);
        // The type name may sit in a constant (`var STR_TYPE = 'string'`).
        const named = unwrap(b).type === 'Identifier' ? ctx.constantOf(b) : undefined;
        const lit = literalString(b) ?? (named?.taints.length === 0 ? named.str : undefined);
        if (name !== undefined && positive && (lit === 'number' || lit === 'boolean' || lit === 'undefined')) return [{ name, mask: NUMERIC_CLEAN }];
        if (name !== undefined && !positive && lit === 'string') return [{ name, mask: NOT_STRING }];
        // Arrays are objects: what is not an object is not an array.
        if (name !== undefined && !positive && lit === 'object') return [{ name, mask: NOT_ARRAY }];
        // An object is not the `constructor` function: `typeof src === 'object'`, `typeof target[key] === 'object'`.
        const objectName = name ?? computedKeyName(ua.argument);
        if (objectName !== undefined && positive && lit === 'object') return [{ name: objectName, mask: PP_CTOR_BLOCKED }];
        continue;
      }
      // Object.prototype.toString.call(x) === '[object Object]': a plain object, not the `constructor` function.
      if (ua.type === 'CallExpression' && positive && literalString(b) === '[object Object]' && isCallOf(ua, 'call')) {
        const name = ua.arguments[0]?.type === 'SpreadElement' ? undefined : identName(ua.arguments[0]);
        if (name !== undefined) return [{ name, mask: PP_CTOR_BLOCKED }];
      }
      // Object.prototype.toString.call(x) !== '[object Array]': not an array.
      if (ua.type === 'CallExpression' && !positive && literalString(b) === '[object Array]' && isCallOf(ua, 'call')) {
        const name = ua.arguments[0]?.type === 'SpreadElement' ? undefined : identName(ua.arguments[0]);
        if (name !== undefined) return [{ name, mask: NOT_ARRAY }];
      }
      // arr.indexOf(x) !== -1
      if (ua.type === 'CallExpression') {
        const ub = unwrap(b);
        const minusOne = ub.type === 'UnaryExpression' && ub.operator === '-' && ub.argument.type === 'Literal' && ub.argument.value === 1;
        if (minusOne) return refineCall(ua, !positive, ctx);
        // `s.indexOf(root) === 0`: s starts with root.
        const startsWith = ub.type === 'Literal' && ub.value === 0 ? asStartsWith(ua) : undefined;
        if (startsWith) return refineCall(startsWith, positive, ctx);
        continue;
      }
      const element = ctx.elementOf?.(ua);
      const subject = element !== undefined ? { name: element } : (subjectOf(a) ?? elementSubjectOf(a));
      const lit = literalString(b);
      if (subject === undefined || lit === undefined) continue;
      // Equal to a constant: harmless, except as a key when the constant is `__proto__` itself.
      if (positive) return [{ ...subject, mask: PP_KEYS.has(lit) ? ALL_KINDS & ~PP : ALL_KINDS }];
      if (PP_KEYS.has(lit) && subject.path === undefined) return [{ ...subject, mask: blockedKeysMask([lit]) }];
    }
    return [];
  }
  // `if (str.length > 10000) return`: a bounded input cannot make a regex backtrack polynomially for long.
  const lengthOf = (x: Expression): Subject | undefined => {
    const u = unwrap(x);
    return u.type === 'MemberExpression' && !u.computed && u.property.type === 'Identifier' && u.property.name === 'length' ? subjectOf(u.object) : undefined;
  };
  // A literal or a constant the program chose (`const MAX_LENGTH = 100`), not a number derived from input.
  const isConstantNumber = (x: Expression): boolean => {
    const u = unwrap(x);
    if (u.type === 'Literal') return typeof u.value === 'number';
    const v = u.type === 'Identifier' ? ctx.constantOf(u) : undefined;
    return v?.isNumber === true && v.taints.length === 0;
  };
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const less = op === '<' || op === '<=';
    const left = lengthOf(e.left);
    const right = lengthOf(e.right);
    // `len < N` holding or `len > N` failing (and mirrored) bounds the length.
    if (left !== undefined && isConstantNumber(e.right) && truthy === less) return [{ ...left, mask: LENGTH_BOUNDED }];
    if (right !== undefined && isConstantNumber(e.left) && truthy !== less) return [{ ...right, mask: LENGTH_BOUNDED }];
  }
  if ((op === '>' || op === '>=') && e.left.type === 'CallExpression') {
    const r = unwrap(e.right);
    const isIndexCheck = (op === '>' && r.type === 'UnaryExpression' && r.operator === '-') || (op === '>=' && r.type === 'Literal' && r.value === 0);
    if (isIndexCheck) return refineCall(e.left, truthy, ctx);
  }
  return [];
}

function refineCall(e: Extract<Expression, { type: 'CallExpression' }>, truthy: boolean, ctx: GuardContext): Refinement[] {
  const out: Refinement[] = [];
  const callee = unwrap(e.callee);
  const arg0 = e.arguments[0]?.type === 'SpreadElement' ? undefined : (e.arguments[0]);
  const arg1 = e.arguments[1]?.type === 'SpreadElement' ? undefined : (e.arguments[1]);
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const method = callee.property.name;
    const recv = callee.object;
    if ((method === 'includes' || method === 'indexOf') && truthy && isOwnKeysCall(recv)) {
      // Object.keys(o).includes(key): an own key, never an inherited `__proto__`/`constructor`.
      const name = identName(arg0);
      if (name !== undefined) out.push({ name, mask: PP });
    }
    if ((method === 'some' && !truthy) || (method === 'every' && truthy)) {
      // `!arr.some(k => BLOCKED.includes(k))` / `arr.every(pred)`: what the callback proves holds for every element.
      const name = identName(recv);
      const cb = arg0 ? unwrap(arg0) : undefined;
      if (name !== undefined && (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression')) {
        for (const r of predicateRefinements(cb, truthy, ctx)) if (r.index === 0) out.push({ name, mask: r.mask });
      } else if (name !== undefined && cb) {
        for (const p of ctx.predicateOf?.(cb, truthy) ?? []) if (p.index === 0) out.push({ name, mask: p.mask });
      }
    }
    if (method === 'includes' || method === 'has' || method === 'indexOf') {
      const name = identName(arg0) ?? (arg0 ? ctx.elementOf?.(unwrap(arg0)) : undefined);
      const subject = name !== undefined ? { name } : elementSubjectOf(arg0);
      const list = ctx.constantOf(recv);
      if (subject !== undefined && list?.taints.length === 0) {
        const isBlocklist = (list.strs ?? []).some((s) => PP_KEYS.has(s));
        if (isBlocklist && !truthy) out.push({ ...subject, mask: blockedKeysMask(list.strs ?? []) });
        else if (!isBlocklist && truthy) out.push({ ...subject, mask: ALL_KINDS });
      } else if (subject !== undefined && truthy && method !== 'has') {
        // A list this code does not know (a parameter): an allow-list where the caller passes a constant one.
        const allowList = identName(recv);
        if (allowList !== undefined) out.push({ ...subject, mask: ALL_KINDS, allowList });
      }
    }
    // `name.includes('..')` / `name.indexOf('..') !== -1` false: no segment can climb. `rel.startsWith('..')` false
    // proves as much only for a `path.relative(root, target)` result (`a/../../x` does not start with `..`).
    const climbs = arg0 ? literalString(arg0) : undefined;
    if (!truthy && climbs !== undefined && climbs.startsWith('..') && (method === 'startsWith' || method === 'includes' || method === 'indexOf')) {
      const subject = subjectOf(recv);
      if (subject !== undefined) out.push({ ...subject, mask: kindBit('path-traversal'), ...(method === 'startsWith' ? { ifRelative: true } : {}) });
    }
    // `path.includes('__proto__')` / `path.indexOf('constructor') !== -1` false: no segment of the path is that key.
    const blocked = arg0 ? literalString(arg0) : undefined;
    if (!truthy && blocked !== undefined && PP_KEYS.has(blocked) && (method === 'includes' || method === 'indexOf')) {
      const subject = subjectOf(recv);
      if (subject !== undefined) out.push({ ...subject, mask: blockedKeysMask([blocked]) });
    }
    if ((method === 'test' || method === 'match') && truthy) {
      const target = method === 'test' ? arg0 : recv;
      const re = method === 'test' ? ctx.constantOf(recv) : arg0 ? ctx.constantOf(arg0) : undefined;
      const subject = subjectOf(target);
      const regexes = re?.regexes ?? [];
      if (subject !== undefined && regexes.length > 0 && regexes.every((r) => isAnchored(r.pattern))) {
        // Several patterns (a table element): the test cleans only what every one of them would.
        out.push({ ...subject, mask: regexes.reduce((m, r) => m & regexGuardMask(r.pattern, r.flags), ~0) });
      }
    }
    if (method === 'hasOwnProperty' && truthy) {
      const name = identName(arg0);
      if (name !== undefined) out.push({ name, mask: PP, ...ownInOf(recv) });
    }
    if (method === 'call' && truthy && recv.type === 'MemberExpression' && !recv.computed && recv.property.type === 'Identifier' && recv.property.name === 'hasOwnProperty') {
      const name = identName(arg1);
      if (name !== undefined) out.push({ name, mask: PP, ...ownInOf(arg0) });
    }
    if (method === 'hasOwn' && truthy) {
      const name = identName(arg1);
      if (name !== undefined) out.push({ name, mask: PP, ...ownInOf(arg0) });
    }
    // `Array.isArray(obj)`: its `length` is a number (`part = obj.length` appends), not a key an object could choose.
    if (method === 'isArray' && truthy && identName(recv) === 'Array') {
      const name = identName(arg0);
      if (name !== undefined) out.push({ name, path: ['length'], mask: NUMERIC_CLEAN, readsOnly: true });
    }
    if (method === 'isArray' && !truthy && identName(recv) === 'Array') {
      const name = identName(arg0);
      if (name !== undefined) out.push({ name, mask: NOT_ARRAY });
    }
    if ((method === 'isInteger' || method === 'isSafeInteger' || method === 'isFinite') && truthy) {
      const name = identName(arg0);
      if (name !== undefined) out.push({ name, mask: NUMERIC_CLEAN });
    }
  }
  if (callee.type === 'Identifier' && callee.name === 'isNaN' && !truthy) {
    const name = identName(arg0);
    if (name !== undefined) out.push({ name, mask: NUMERIC_CLEAN });
  }
  for (const p of ctx.predicateOf?.(callee, truthy) ?? []) {
    const arg = e.arguments[p.index];
    const name = arg && arg.type !== 'SpreadElement' ? identName(arg) : undefined;
    const subject = name !== undefined ? { name } : arg && arg.type !== 'SpreadElement' ? elementSubjectOf(arg) : undefined;
    const objArg = p.ownIn !== undefined ? e.arguments[p.ownIn] : undefined;
    const ownIn = objArg && objArg.type !== 'SpreadElement' ? ownInOf(objArg) : undefined;
    // `inArray(list, x)`: the predicate's allow-list is the argument it was given.
    const listArg = p.allowList !== undefined ? e.arguments[p.allowList] : undefined;
    const allowList = listArg && listArg.type !== 'SpreadElement' ? identName(listArg) : undefined;
    if (p.allowList !== undefined && allowList === undefined) continue;
    if (subject !== undefined) out.push({ ...subject, mask: p.mask, ...ownIn, ...(allowList !== undefined ? { allowList } : {}) });
  }
  out.push(...modelGuards(e, callee, arg0, truthy, ctx));
  return out;
}

/**
 * The condition a predicate function returns, as `(truthy) => refinements of its parameters`:
 * `return key !== '__proto__'`, or early `if (c) return false;` exits before a final `return e`.
 */
export function predicateRefinements(fn: { readonly params: readonly Node[]; readonly body: Node | null }, truthy: boolean, ctx: GuardContext): PredicateFact[] {
  const params = fn.params.map((p) => (p.type === 'Identifier' ? p.name : undefined));
  if (!fn.body || params.every((p) => p === undefined)) return [];
  const refs: Refinement[] = [];
  if (fn.body.type !== 'BlockStatement') refs.push(...refineCondition(fn.body as Expression, truthy, ctx));
  else {
    const body = fn.body.body;
    const last = body.at(-1);
    if (last?.type !== 'ReturnStatement' || !last.argument) return [];
    let early: boolean | undefined;
    const exits: Expression[] = [];
    for (const st of body.slice(0, -1)) {
      // Statements that cannot return (`var own = hasOwn.call(o, 'constructor')`, loops without return) do not decide the result.
      if (st.type !== 'IfStatement' && !containsReturn(st)) continue;
      if (st.type !== 'IfStatement' || st.alternate) return [];
      const ret = st.consequent.type === 'BlockStatement' && st.consequent.body.length === 1 ? st.consequent.body[0] : st.consequent;
      if (ret?.type !== 'ReturnStatement' || ret.argument?.type !== 'Literal' || typeof ret.argument.value !== 'boolean') return [];
      if (early !== undefined && early !== ret.argument.value) return [];
      early = ret.argument.value;
      exits.push(st.test);
    }
    // Reaching a result opposite to the early exits means every exit condition was false.
    if (early === !truthy) for (const t of exits) refs.push(...refineCondition(t, false, ctx));
    if (early !== truthy) refs.push(...refineCondition(last.argument, truthy, ctx));
  }
  const out: PredicateFact[] = [];
  for (const r of refs) {
    // An allow-list the predicate was given is resolved at its calls (see refineCall); other conditional facts are not kept.
    const index = r.path || r.ifRelative || r.index !== undefined || r.when || r.orMask !== undefined ? -1 : params.indexOf(r.name);
    // The checked object is a parameter too (`hasOwn(obj, key)`): the caller decides whether it is the key's source.
    const ownIn = r.ownIn !== undefined ? params.indexOf(r.ownIn) : -1;
    const allowList = r.allowList !== undefined ? params.indexOf(r.allowList) : -1;
    if (r.allowList !== undefined && allowList < 0) continue;
    if (index >= 0) out.push({ index, mask: r.mask, ...(ownIn >= 0 ? { ownIn } : {}), ...(allowList >= 0 ? { allowList } : {}) });
  }
  return out;
}

export const NO_ASSERTION: Assertion = { params: [], truthy: [] };

/**
 * What a function proves of its parameters by returning instead of throwing: `if (c) throw ...` checks met
 * before any way out prove `!c`; a body ending in `throw` whose one way out is `if (c) return` proves `c`
 * (`assert(condition, message)` helpers). Checks after a possible `return` prove nothing.
 */
export function assertionRefinements(fn: { readonly params: readonly Node[]; readonly body: Node | null }, ctx: GuardContext): Assertion {
  const params = fn.params.map((p) => (p.type === 'Identifier' ? p.name : undefined));
  if (fn.body?.type !== 'BlockStatement' || params.every((p) => p === undefined)) return NO_ASSERTION;
  const held = conditionsHeldOnReturn(fn.body.body);
  const out: { params: { index: number; mask: number; ownIn?: number }[]; truthy: number[] } = { params: [], truthy: [] };
  for (const h of held) {
    const flag = truthySubject(h.test, h.truthy);
    const flagIndex = flag !== undefined ? params.indexOf(flag) : -1;
    if (flagIndex >= 0) out.truthy.push(flagIndex);
    for (const r of refineCondition(h.test, h.truthy, ctx)) {
      const index = r.path || r.ifRelative || r.index !== undefined || !isPlainRefinement(r) ? -1 : params.indexOf(r.name);
      const ownIn = r.ownIn !== undefined ? params.indexOf(r.ownIn) : -1;
      if (index >= 0) out.params.push({ index, mask: r.mask, ...(ownIn >= 0 ? { ownIn } : {}) });
    }
  }
  return out.params.length > 0 || out.truthy.length > 0 ? out : NO_ASSERTION;
}

/**
 * Conditions a function body proves when it completes without throwing: `if (c) throw` checks met before any
 * return (`c` false), or the single `if (c) return` before a final throw (`c` true).
 */
export function conditionsHeldOnReturn(body: readonly Statement[]): { test: Expression; truthy: boolean }[] {
  const held: { test: Expression; truthy: boolean }[] = [];
  let exit: Expression | undefined;
  let exits = 0;
  for (const st of body) {
    const only = st.type === 'IfStatement' && !st.alternate ? lastStatement(st.consequent) : undefined;
    if (st.type === 'IfStatement' && only?.type === 'ThrowStatement' && !containsReturn(st)) {
      if (exits === 0) held.push({ test: st.test, truthy: false });
    } else if (st.type === 'IfStatement' && only?.type === 'ReturnStatement' && (st.consequent.type !== 'BlockStatement' || st.consequent.body.length === 1)) {
      exits++;
      exit = st.test;
    } else if (containsReturn(st)) exits += 2; // another way out: no later check, and no single exit condition
  }
  if (exit && exits === 1 && body.at(-1)?.type === 'ThrowStatement') held.push({ test: exit, truthy: true });
  return held;
}

/** The statement itself, or the last one of a block (`{ const msg = ...; throw new Error(msg); }`). */
function lastStatement(st: Node): Node | undefined {
  return st.type === 'BlockStatement' ? st.body.at(-1) : st;
}

/** `{ ownIn: 'obj' }` for a plain variable checked with hasOwnProperty. */
function ownInOf(e: Expression | undefined): { ownIn: string } | undefined {
  const name = identName(e);
  return name !== undefined ? { ownIn: name } : undefined;
}

/** Whether a statement returns (nested functions aside); true when too large to tell. */
export function containsReturn(st: Node): boolean {
  const stack: Node[] = [st];
  let budget = 5_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'ReturnStatement') return true;
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassExpression' || n.type === 'ClassDeclaration') continue;
    pushChildren(n, stack);
  }
  return budget <= 0;
}

function modelGuards(e: Extract<Expression, { type: 'CallExpression' }>, callee: Expression, arg0: Expression | undefined, truthy: boolean, ctx: GuardContext): Refinement[] {
  const out: Refinement[] = [];
  const refs: ApiRef[] = [...ctx.apisOf(callee)];
  let recv: Expression | undefined;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    refs.push({ root: `meth:${callee.property.name}`, tokens: [], name: callee.property.name });
    recv = callee.object;
  }
  for (const ref of refs) {
    for (const g of ctx.models.guards.get(ref.root) ?? []) {
      if (!pathMatches(g.call, ref.tokens)) continue;
      if ((g.model.safeWhen === 'true') !== truthy) continue;
      const name = identName(g.model.checks === 'receiver' ? recv : arg0);
      if (name !== undefined) out.push({ name, mask: kindsMask(g.model.kinds) });
    }
  }
  return out;
}

function isOwnKeysCall(e: Expression): boolean {
  const x = unwrap(e);
  if (x.type !== 'CallExpression') return false;
  const c = unwrap(x.callee);
  if (c.type !== 'MemberExpression' || c.computed || c.object.type !== 'Identifier' || c.property.type !== 'Identifier') return false;
  const obj = c.object.name;
  const m = c.property.name;
  return (obj === 'Object' && (m === 'keys' || m === 'getOwnPropertyNames')) || (obj === 'Reflect' && m === 'ownKeys');
}

/** `^...$` around the whole pattern: an alternation counts only outside groups and classes. */
function isAnchored(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

function allowsDots(pattern: string): boolean {
  return /(^|[^\\])\./.test(pattern) || pattern.includes('\\.') || pattern.includes('\\S') || pattern.includes('\\W');
}
