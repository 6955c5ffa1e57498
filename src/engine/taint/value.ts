import type { FlowStep, Location, SinkKind, TaintLabel } from '../../core/index.js';
import type { RegexValue } from './regex-values.js';

/** Every sink kind, in bit order of {@link Taint.clean}. */
export const SINK_KINDS: readonly SinkKind[] = [
  'command-injection',
  'code-injection',
  'path-traversal',
  'sql-injection',
  'xss',
  'ssrf',
  'open-redirect',
  'unsafe-deserialization',
  'regex-injection',
  'redos',
  'prototype-pollution',
  'insecure-randomness',
  'weak-crypto',
];

/** Bit of one sink kind in a clean mask. */
export function kindBit(kind: SinkKind): number {
  return 1 << SINK_KINDS.indexOf(kind);
}

/** Mask of the given kinds (`all` for every kind). */
export function kindsMask(kinds: readonly SinkKind[] | 'all'): number {
  if (kinds === 'all') return ALL_KINDS;
  let mask = 0;
  for (const k of kinds) mask |= kindBit(k);
  return mask;
}

export const ALL_KINDS = (1 << SINK_KINDS.length) - 1;
/** Partial prototype-pollution guards: the key cannot be `__proto__`; it cannot be `constructor`/`prototype`. */
export const PP_PROTO_BLOCKED = 1 << SINK_KINDS.length;
export const PP_CTOR_BLOCKED = 1 << (SINK_KINDS.length + 1);
/** Path state of a taint (see path-composition.ts): appended below a base path; made absolute and normalised by `join('/', x)`. */
export const PATH_APPENDED = 1 << (SINK_KINDS.length + 2);
export const PATH_ROOTED = 1 << (SINK_KINDS.length + 3);
/** Path state: the value was URL-decoded (`decodeURIComponent(req.url)`), a path a client sent, not a name the caller wrote. */
export const PATH_FROM_URL = 1 << (SINK_KINDS.length + 11);
/**
 * The string's length was checked against a constant (`if (s.length > 1000) return`): a polynomial ReDoS
 * needs long input, so rules may drop it; an exponential one needs only a few dozen characters.
 */
export const LENGTH_BOUNDED = 1 << (SINK_KINDS.length + 4);
/** The URL was resolved against a hard-coded loopback origin (`new URL(x, 'http://localhost')`), see default-host.ts. */
export const DEFAULT_HOST_RESOLVED = 1 << (SINK_KINDS.length + 5);
/**
 * The string cannot end an SQL quoted literal or identifier opened by one quote character: each closing
 * quote (`'`, `"`, `` ` ``, `]`) was removed or escaped (see sql-context.ts).
 */
export const SQL_QUOTE_ESCAPED: Readonly<Record<string, number>> = {
  "'": 1 << (SINK_KINDS.length + 6),
  '"': 1 << (SINK_KINDS.length + 7),
  '`': 1 << (SINK_KINDS.length + 8),
  ']': 1 << (SINK_KINDS.length + 9),
};

/**
 * The string cannot end a double-quoted shell word nor expand inside one: each `"`, `$`, `` ` `` and `\` was
 * backslash-escaped (see shell-context.ts). Clean for command injection only once placed inside double quotes.
 */
export const SHELL_DQ_ESCAPED = 1 << (SINK_KINDS.length + 10);

/**
 * Type facts from guards: not a string (`typeof x !== 'string'`), not an array (`!Array.isArray(x)`). Together they
 * make the value's string form fixed text (a number, boolean, null or plain object, as JSON-like input is), so
 * concatenating it cleans it (see {@link asText}). Fields, keys and library results of the value lose them.
 */
export const NOT_STRING = 1 << (SINK_KINDS.length + 12);
export const NOT_ARRAY = 1 << (SINK_KINDS.length + 13);
const TYPE_FACTS = NOT_STRING | NOT_ARRAY;

/** Taints of what is derived from a value (a field, a key, a library result): the type facts were the value's own. */
export function withoutTypeFacts(v: Value): Value {
  if (!v.taints.some((t) => (t.clean & TYPE_FACTS) !== 0)) return v;
  return withTaints(v, v.taints.map((t) => ((t.clean & TYPE_FACTS) !== 0 ? withClean(t, t.clean & ~TYPE_FACTS) : t)));
}

/** A part of a concatenation: a value neither a string nor an array turns into fixed text. */
export function asText(v: Value): Value {
  if (!v.taints.some((t) => (t.clean & TYPE_FACTS) === TYPE_FACTS && (t.clean & NUMERIC_CLEAN) !== NUMERIC_CLEAN)) return v;
  return withTaints(v, v.taints.map((t) => ((t.clean & TYPE_FACTS) === TYPE_FACTS ? withClean(t, t.clean | NUMERIC_CLEAN) : t)));
}

/** A key taint is harmless for prototype pollution once a full guard, or both partial guards, cleaned it. */
export function isPollutionClean(clean: number): boolean {
  return (clean & kindBit('prototype-pollution')) !== 0 || ((clean & PP_PROTO_BLOCKED) !== 0 && (clean & PP_CTOR_BLOCKED) !== 0);
}
/** Numeric coercion cleans everything except the randomness of a number. */
export const NUMERIC_CLEAN = ALL_KINDS & ~kindBit('insecure-randomness');

/**
 * A persistent list of flow steps (newest last), shared between taints: `step` after the steps of `prev`, or, for a
 * concatenation (`tail` set, no `step`), the steps of `prev` followed by the oldest steps of `tail`, `length` in all.
 * Concatenations share both lists instead of copying the tail: substituting a summary concatenates the steps of
 * every taint it moves, and copying them was the costliest part of substitution.
 */
export interface StepList {
  readonly step: FlowStep | undefined;
  readonly prev: StepList | undefined;
  readonly tail: StepList | undefined;
  readonly length: number;
}

/** Append a step; past `max` steps, intermediate steps are dropped (the path stays valid). */
export function pushStep(list: StepList | undefined, step: FlowStep, max: number): StepList {
  if (list && list.length >= max) return list;
  return { step, prev: list, tail: undefined, length: (list?.length ?? 0) + 1 };
}

/** Concatenate `tail` after `head`: the steps of `head`, then the oldest steps of `tail` while fewer than `max` (see pushStep). */
export function concatSteps(head: StepList | undefined, tail: StepList | undefined, max: number): StepList | undefined {
  if (!tail || (head && head.length >= max)) return head;
  if (!head) return tail.length <= max ? tail : { step: undefined, prev: undefined, tail, length: max };
  return { step: undefined, prev: head, tail, length: Math.min(max, head.length + tail.length) };
}

/** Append to `out` the oldest `limit` steps of `list`, oldest first. */
function appendOldest(list: StepList | undefined, limit: number, out: FlowStep[]): void {
  if (!list || limit <= 0) return;
  if (list.tail) {
    const before = out.length;
    appendOldest(list.prev, limit, out);
    appendOldest(list.tail, Math.min(limit, list.length) - (out.length - before), out);
    return;
  }
  appendOldest(list.prev, Math.min(limit, list.length - 1), out);
  if (list.step && limit >= list.length) out.push(list.step);
}

/** The steps of a list, oldest first. */
export function stepsToArray(list: StepList | undefined): FlowStep[] {
  const out: FlowStep[] = [];
  appendOldest(list, list?.length ?? 0, out);
  return out;
}

/** Key prefix of the origin of an entry-point parameter (library threat model), as opposed to a source model. */
export const ENTRY_PARAMETER_KEY = 'lib:';

/** Attacker data from a source model or an entry-point parameter. */
export interface SourceOrigin {
  readonly kind: 'source';
  readonly key: string;
  readonly label: TaintLabel;
  readonly description: string;
  readonly location: Location;
  readonly text: string;
}

/**
 * A symbolic value inside a function summary: parameter `index` (-1 is `this`) of function `fn`, read
 * through `path`. Applying the summary replaces it with the caller's argument.
 */
export interface ParamOrigin {
  readonly kind: 'param';
  readonly key: string;
  readonly fn: number;
  readonly index: number;
  readonly path: readonly string[];
}

/**
 * A test on a parameter path inside a summary (`extra.noEscape !== undefined`, `typeof len === 'undefined'`) that
 * the caller's argument may decide (see conditions.ts). `holds`: the outcome the taint or boolean stands for.
 */
export interface ParamCondition {
  readonly origin: ParamOrigin;
  /** `defined`: the path is neither `undefined` nor `null`; `constant`: it is a taint-free value (an allow-list). */
  readonly test: 'defined' | 'constant';
  readonly holds: boolean;
}

/** One reason a value is tainted, with the path that brought it here. */
export interface Taint {
  readonly origin: SourceOrigin | ParamOrigin;
  readonly steps: StepList | undefined;
  /** Sink kinds this value was sanitised for (bit mask over {@link SINK_KINDS}). */
  readonly clean: number;
  /** True once the taint went through an unresolved call or a heuristic. */
  readonly weak: boolean;
  /**
   * Path state (path-composition.ts): the caller-chosen base this value was first appended below
   * (`join(cwd, name)`: the origin of `cwd`), when that base was an argument or entry-point parameter.
   */
  readonly below: SourceOrigin | ParamOrigin | undefined;
  /** The taint exists only on the paths where every condition has its outcome (a branch taken on a parameter). */
  readonly when: readonly ParamCondition[] | undefined;
}

/**
 * A taint, in its one layout: every field present, in this order (see {@link valueWith} for why layouts matter).
 * Taints are built here or by {@link taintWith}, never by a spread.
 */
export function makeTaint(
  origin: Taint['origin'],
  steps: StepList | undefined,
  clean: number,
  weak: boolean,
  below?: Taint['below'],
  when?: Taint['when'],
): Taint {
  return { origin, steps, clean, weak, below, when };
}

/** `t` with another clean mask (the commonest change of a taint). */
export function withClean(t: Taint, clean: number): Taint {
  return makeTaint(t.origin, t.steps, clean, t.weak, t.below, t.when);
}

/** `{ ...t, ...patch }` in the taint's one layout. */
export function taintWith<P extends Partial<Taint>>(t: Taint, patch: P): Taint & P {
  return Object.assign(makeTaint(t.origin, t.steps, t.clean, t.weak, t.below, t.when), patch);
}

/** A value derived from a library API: root (`m:child_process`, `g:Math`) and access-path tokens. */
export interface ApiRef {
  readonly root: string;
  readonly tokens: readonly string[];
  /** Canonical name for facts: `child_process.exec`, `Math.random`. */
  readonly name: string;
}

/** A user function, possibly bound to a receiver. */
export interface FuncRef {
  readonly fnId: number;
  readonly thisVal: Value | undefined;
  /** A closure returned by a call: the parameters of the function that created it, as that call bound them. */
  readonly env: ClosureEnv | undefined;
}

/** A function reference in its one layout, every field present (see {@link valueWith}): never spread. */
export function funcRef(fnId: number, thisVal?: Value, env?: ClosureEnv): FuncRef {
  return { fnId, thisVal, env };
}

/** Arguments of the call that created a closure (its captured parameters). */
export interface ClosureEnv {
  readonly fnId: number;
  readonly args: readonly Value[];
  readonly thisVal: Value;
  readonly outer: ClosureEnv | undefined;
}

/** A user class. */
export interface ClassRef {
  readonly classId: number;
}

/** Abstract value: what may flow here. Immutable. */
export interface Value {
  readonly taints: readonly Taint[];
  readonly apis: readonly ApiRef[];
  readonly funcs: readonly FuncRef[];
  readonly classes: readonly ClassRef[];
  /** Instances of user classes (for method lookup). */
  readonly instances: readonly ClassRef[];
  /** Known fields of an object (`*` for array elements / unknown keys). */
  readonly props?: ReadonlyMap<string, Value>;
  /** Constant string value. */
  readonly str?: string;
  /** Constant array of strings (allow-lists and blocklists). */
  readonly strs?: readonly string[];
  /** Regular expressions this may be: one for a literal, several for an element of a table of patterns. */
  readonly regexes?: readonly RegexValue[];
  /** Object created without a prototype (`Object.create(null)`). */
  readonly nullProto?: boolean;
  /**
   * An object literal (or a join of them) without a spread of an unknown object or a computed key: its fields are
   * those of `props` (writes add theirs there), so a field it lacks reads as `undefined`, not as its other fields' taint.
   */
  readonly closed?: boolean;
  readonly isNumber?: boolean;
  /** Known number constant (a literal, or a variable that only ever held it). */
  readonly num?: number;
  /** Known boolean constant. */
  readonly bool?: boolean;
  /** A boolean that is the outcome of a test on a parameter path (see {@link ParamCondition}). */
  readonly cond?: ParamCondition;
  /** May be `undefined` (the `undefined` literal, a field an object literal lacks). */
  readonly undef?: boolean;
  /** Inside a summary: this value IS parameter path (not only derived from it). */
  readonly aliases?: readonly ParamOrigin[];
  /**
   * Flow state of prototype pollution: this object was read with an attacker-controlled key
   * (`cur = cur[k]`), so it may be `Object.prototype`; these are the key's taints.
   */
  readonly reach?: readonly Taint[];
}

// Every optional field is present (undefined): values built by spreading EMPTY then share one hidden class, so
// the interpreter's field reads stay monomorphic instead of going through V8's megamorphic lookups.
export const EMPTY: Value = {
  taints: [],
  apis: [],
  funcs: [],
  classes: [],
  instances: [],
  props: undefined,
  str: undefined,
  strs: undefined,
  regexes: undefined,
  nullProto: undefined,
  closed: undefined,
  isNumber: undefined,
  num: undefined,
  bool: undefined,
  cond: undefined,
  undef: undefined,
  aliases: undefined,
  reach: undefined,
};

/**
 * `{ ...v, taints, aliases }` written out field by field: the copy gets EMPTY's hidden class directly, where a spread
 * of a value takes V8's generic object-clone path (measured: the hottest line of summary substitution).
 */
export function withTaintsAndAliases(v: Value, taints: readonly Taint[], aliases: readonly ParamOrigin[] | undefined): Value {
  return rebuiltValue(v, taints, aliases, v.props, v.reach, v.closed, true);
}

/**
 * `{ ...v, ...patch }`: a copy of `v` in EMPTY's field order ({@link rebuiltValue}) with the patch written over it. Values are never spread.
 * V8 gives the copy a spread makes a hidden class of its own (cloned from the source's), and where it cannot clone
 * fast it adds the fields one at a time to a four-field object, fourteen of them out of line. A corpus pass saw more
 * than 60 hidden classes of values: the interpreter's reads failed their map checks ("wrong map"), and its largest
 * functions were deoptimised and recompiled again and again, on the thread's time and the second core's.
 */
export function valueWith(v: Value, patch: Partial<Value>): Value {
  return Object.assign(withTaints(v, v.taints), patch);
}

/** A value of only the given facts: `valueWith(EMPTY, facts)`. */
export function makeValue(facts: Partial<Value>): Value {
  return Object.assign(withTaints(EMPTY, EMPTY.taints), facts);
}

/** `{ ...v, taints }` (see {@link valueWith}), without the patch object. */
export function withTaints(v: Value, taints: readonly Taint[]): Value {
  return rebuiltValue(v, taints, v.aliases, v.props, v.reach, v.closed, true);
}

/**
 * `v` with the given taints, aliases, fields, reach and `closed`, in EMPTY's field order (one hidden class); its other
 * constant facts (string, number, boolean, condition...) kept when `keepConstants`, dropped otherwise.
 */
export function rebuiltValue(
  v: Value,
  taints: readonly Taint[],
  aliases: readonly ParamOrigin[] | undefined,
  props: Value['props'],
  reach: Value['reach'],
  closed: Value['closed'],
  keepConstants: boolean,
): Value {
  return {
    taints,
    apis: v.apis,
    funcs: v.funcs,
    classes: v.classes,
    instances: v.instances,
    props,
    str: keepConstants ? v.str : undefined,
    strs: keepConstants ? v.strs : undefined,
    regexes: v.regexes,
    nullProto: keepConstants ? v.nullProto : undefined,
    closed,
    isNumber: keepConstants ? v.isNumber : undefined,
    num: keepConstants ? v.num : undefined,
    bool: keepConstants ? v.bool : undefined,
    cond: keepConstants ? v.cond : undefined,
    undef: keepConstants ? v.undef : v.undef ? true : undefined,
    aliases,
    reach,
  };
}

const MAX_TAINTS = 12;
const MAX_REFS = 8;
/** Tables of patterns (user-agent parsers) hold a few hundred; each is analysed once per pattern anyway. */
const MAX_REGEXES = 512;

/**
 * Union of `a` and the items of `b` not already present (by `same`), at most `max` items. Returns `a` itself
 * when nothing is added. The lists are short (bounded by `max`), so a linear scan beats building key strings.
 */
function unionWith<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean, max: number): readonly T[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  let out: T[] | undefined;
  // Plain loops: a closure per item (`pool.some(...)`) was the commonest allocation of unoptimised joins.
  for (const t of b) {
    const pool = out ?? a;
    let present = false;
    for (const x of pool) {
      if (x === t || same(x, t)) {
        present = true;
        break;
      }
    }
    if (present) continue;
    if (pool.length >= max) break;
    out ??= a.slice();
    out.push(t);
  }
  return out ?? a;
}

const conditionKey = (c: ParamCondition): string => `${c.origin.key}:${c.test}:${c.holds ? '1' : '0'}`;
const whenKey = (t: Taint): string => (t.when ? `?${t.when.map(conditionKey).join('&')}` : '');
export const taintKey = (t: Taint): string => `${t.origin.key}|${t.clean}${t.below ? `<${t.below.key}` : ''}${whenKey(t)}`;
export const sameCondition = (x: ParamCondition, y: ParamCondition): boolean => x === y || (x.holds === y.holds && x.test === y.test && x.origin.key === y.origin.key);
/** Same conditions, in the same order (they are added in program order, so equal sets mostly come out equal). */
export const sameConditions = (x: readonly ParamCondition[] | undefined, y: readonly ParamCondition[] | undefined): boolean =>
  x === y || (x?.length === y?.length && x !== undefined && y !== undefined && x.every((c, i) => { const d = y[i]; return d !== undefined && sameCondition(c, d); }));
/** Same origin, cleanness, base and conditions: the taints are interchangeable (equal {@link taintKey}). */
// Origins are mostly shared objects (see extendParam): identity first, then the key, which may be a long string.
export const sameTaint = (x: Taint, y: Taint): boolean =>
  x.clean === y.clean &&
  (x.origin === y.origin || x.origin.key === y.origin.key) &&
  (x.below === y.below || x.below?.key === y.below?.key) &&
  (x.when === y.when || sameConditions(x.when, y.when));
const apiKey = (r: ApiRef): string => `${r.root}|${r.tokens.join('.')}`;
/** Length of `tokens.join('.')` without building it. */
function joinedLength(tokens: readonly string[]): number {
  let n = tokens.length - 1;
  for (const t of tokens) n += t.length;
  return n;
}
const sameApi = (x: ApiRef, y: ApiRef): boolean =>
  x.root === y.root &&
  ((x.tokens.length === y.tokens.length && x.tokens.every((t, i) => t === y.tokens[i])) ||
    (joinedLength(x.tokens) === joinedLength(y.tokens) && x.tokens.join('.') === y.tokens.join('.')));
const sameFunc = (x: FuncRef, y: FuncRef): boolean => x.fnId === y.fnId;
const sameClass = (x: ClassRef, y: ClassRef): boolean => x.classId === y.classId;
const sameParam = (x: ParamOrigin, y: ParamOrigin): boolean => x.key === y.key;
const sameRegex = (x: RegexValue, y: RegexValue): boolean =>
  x.pattern === y.pattern && x.flags === y.flags && x.site?.location.file === y.site?.location.file && x.site?.location.startLine === y.site?.location.startLine && x.site?.location.startColumn === y.site?.location.startColumn;

/** A copy of a map (empty for none): `new Map(map)` goes through the iterator protocol, an entry array per item. */
export function copyMap<K, V>(m: ReadonlyMap<K, V> | undefined): Map<K, V> {
  const out = new Map<K, V>();
  m?.forEach((v, k) => out.set(k, v));
  return out;
}

/** Join (union) of two values. */
export function join(a: Value, b: Value): Value {
  if (a === b || b === EMPTY || isEmpty(b)) return a;
  if (a === EMPTY || isEmpty(a)) return b;
  // `undefined` joins like nothing (constant facts of the other side stay), but the value may now be undefined.
  if (isUndefinedOnly(b)) return a.undef ? a : valueWith(a, { undef: true });
  if (isUndefinedOnly(a)) return b.undef ? b : valueWith(b, { undef: true });
  // Field maps are never changed once in a value: one side's map is shared, only two are merged into a new one,
  // and only once a field changes (same keys, same order as copying `a`'s map and setting `b`'s fields).
  let props = a.props ?? b.props;
  if (a.props && b.props && a.props !== b.props) {
    let merged: Map<string, Value> | undefined;
    for (const [k, v] of b.props) {
      const old = (merged ?? a.props).get(k);
      const field = old ? join(old, v) : v;
      if (field === old) continue;
      merged ??= copyMap(a.props);
      merged.set(k, field);
    }
    props = merged ?? a.props;
  }
  const taints = unionWith(a.taints, b.taints, sameTaint, MAX_TAINTS);
  const apis = unionWith(a.apis, b.apis, sameApi, MAX_REFS);
  const funcs = unionWith(a.funcs, b.funcs, sameFunc, MAX_REFS);
  const classes = unionWith(a.classes, b.classes, sameClass, MAX_REFS);
  const instances = unionWith(a.instances, b.instances, sameClass, MAX_REFS);
  const str = a.str !== undefined && a.str === b.str ? a.str : undefined;
  const strs = a.strs && b.strs ? [...a.strs, ...b.strs] : undefined;
  const regexes = a.regexes || b.regexes ? unionWith(a.regexes ?? [], b.regexes ?? [], sameRegex, MAX_REGEXES) : undefined;
  const nullProto = a.nullProto && b.nullProto ? true : undefined;
  const closed = a.closed && b.closed ? true : undefined;
  const isNumber = a.isNumber && b.isNumber ? true : undefined;
  const num = a.num !== undefined && a.num === b.num ? a.num : undefined;
  const cond = a.cond && b.cond && sameCondition(a.cond, b.cond) ? a.cond : undefined;
  const undef = a.undef || b.undef ? true : undefined;
  const aliases = a.aliases || b.aliases ? unionWith(a.aliases ?? [], b.aliases ?? [], sameParam, MAX_REFS) : undefined;
  const reach = a.reach || b.reach ? unionWith(a.reach ?? [], b.reach ?? [], sameTaint, MAX_TAINTS) : undefined;
  // `b` adds nothing to `a` (a variable's joined value written again): `a` itself, not an equal copy.
  if (
    taints === a.taints &&
    apis === a.apis &&
    funcs === a.funcs &&
    classes === a.classes &&
    instances === a.instances &&
    props === a.props &&
    str === a.str &&
    strs === a.strs &&
    regexes === a.regexes &&
    nullProto === a.nullProto &&
    closed === a.closed &&
    isNumber === a.isNumber &&
    num === a.num &&
    a.bool === undefined &&
    cond === a.cond &&
    undef === a.undef &&
    aliases === a.aliases &&
    reach === a.reach
  ) {
    return a;
  }
  // One literal with every field in EMPTY's order (see EMPTY): join is the hottest allocation site of the interpreter.
  return { taints, apis, funcs, classes, instances, props, str, strs, regexes, nullProto, closed, isNumber, num, bool: undefined, cond, undef, aliases, reach };
}

/** Only `undefined`: no other fact. */
export function isUndefinedOnly(v: Value): boolean {
  return v.undef === true && isEmptyBesidesUndef(v);
}

export function joinAll(values: readonly Value[]): Value {
  let out = EMPTY;
  for (const v of values) out = join(out, v);
  return out;
}

/** Join of the taints of `values` (`recv` first when given): what a call derives from its inputs, built without a value per input. */
export function taintsOfAll(values: readonly Value[], recv?: Value): Value {
  let taints: readonly Taint[] = recv ? recv.taints : [];
  for (const v of values) taints = unionWith(taints, v.taints, sameTaint, MAX_TAINTS);
  return taintOnly(taints);
}

export function isEmpty(v: Value): boolean {
  return !v.undef && isEmptyBesidesUndef(v);
}

/** {@link isEmpty} but for `undef`: checked in place, without a copy of the value (join asks this of every input). */
function isEmptyBesidesUndef(v: Value): boolean {
  return (
    v.taints.length === 0 &&
    v.apis.length === 0 &&
    v.funcs.length === 0 &&
    v.classes.length === 0 &&
    v.instances.length === 0 &&
    !v.props &&
    v.str === undefined &&
    !v.strs &&
    !v.regexes &&
    !v.aliases &&
    !v.reach &&
    v.bool === undefined &&
    !v.cond &&
    !v.isNumber &&
    !v.nullProto
  );
}

export function taintOnly(taints: readonly Taint[]): Value {
  return taints.length === 0 ? EMPTY : rebuiltValue(EMPTY, taints, undefined, undefined, undefined, undefined, true);
}

/** Only the taints of a value (what a string operation keeps). */
export function taintsOf(v: Value): Value {
  return taintOnly(v.taints);
}

/** Mark every taint as sanitised for `mask`. */
export function sanitize(v: Value, mask: number): Value {
  if (v.taints.length === 0) return v;
  return withTaints(v, v.taints.map((t) => withClean(t, t.clean | mask)));
}

/** Mark every taint as weak (went through an unresolved call). */
export function weaken(v: Value): Value {
  if (v.taints.every((t) => t.weak)) return v;
  return withTaints(v, v.taints.map((t) => makeTaint(t.origin, t.steps, t.clean, true, t.below, t.when)));
}

/** Add a flow step to every taint of a value. */
export function addStep(v: Value, step: FlowStep, max: number): Value {
  // A full path takes no more steps (see pushStep): then the value stays as it is.
  if (v.taints.every((t) => t.steps !== undefined && t.steps.length >= max)) return v;
  return withTaints(v, v.taints.map((t) => makeTaint(t.origin, pushStep(t.steps, step, max), t.clean, t.weak, t.below, t.when)));
}

export function constString(s: string): Value {
  return makeValue({ str: s });
}

/** Whether any taint of `v` is live for `kind` (not sanitised for it). */
export function liveTaints(v: Value, kind: SinkKind): Taint[] {
  const bit = kindBit(kind);
  return v.taints.filter((t) => (t.clean & bit) === 0);
}

/**
 * Structural key of a value, ignoring flow steps: two values with the same key behave the same when
 * passed to a summary (memo key of summary applications). The interpreter keeps a number per key and per value
 * (`Interpreter.valueId`), so a value's key is built once.
 */
export function valueKey(v: Value, depth = 0): string {
  let k = '';
  for (const t of v.taints) k += `t${t.origin.key}/${String(t.clean)}${t.weak ? 'w' : ''}${t.below ? `<${t.below.key}` : ''}${whenKey(t)};`;
  for (const r of v.apis) k += `a${apiKey(r)};`;
  for (const f of v.funcs) k += `f${String(f.fnId)}${f.thisVal && depth < 2 ? `(${valueKey(f.thisVal, depth + 1)})` : ''};`;
  for (const c of v.classes) k += `c${String(c.classId)};`;
  for (const c of v.instances) k += `i${String(c.classId)};`;
  for (const a of v.aliases ?? []) k += `p${a.key};`;
  for (const t of v.reach ?? []) k += `R${t.origin.key}/${String(t.clean)};`;
  if (v.str !== undefined) k += `s${JSON.stringify(v.str)};`;
  if (v.strs) k += `S${String(v.strs.length)};`;
  for (const r of v.regexes ?? []) k += `r${r.pattern}/${r.flags}@${String(r.site?.location.file)}:${String(r.site?.location.startLine)}:${String(r.site?.location.startColumn)};`;
  if (v.nullProto) k += 'n;';
  if (v.closed) k += 'C;';
  if (v.cond) k += `c${conditionKey(v.cond)};`;
  if (v.undef) k += 'u;';
  if (v.isNumber) k += v.num !== undefined ? `#${String(v.num)};` : '#;';
  if (v.bool !== undefined) k += `b${String(v.bool)};`;
  if (v.props) {
    k += '{';
    if (depth < 3) for (const [name, pv] of v.props) k += `${name}:${valueKey(pv, depth + 1)},`;
    else k += String(v.props.size);
    k += '}';
  }
  return k;
}
