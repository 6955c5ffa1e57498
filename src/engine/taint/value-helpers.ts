// Pure helpers over abstract values and AST nodes shared by the interpreter's parts.
import type { Expression, Node } from 'oxc-parser';
import type { FunctionInfo, FunctionLike } from './program-model.js';
import { readsArguments } from './program-model.js';
import type { ParamOrigin, Taint, Value } from './value.js';
import {
  copyMap,
  EMPTY,
  isPollutionClean,
  join,
  joinAll,
  makeTaint,
  makeValue,
  PP_CTOR_BLOCKED,
  PP_PROTO_BLOCKED,
  sanitize,
  taintOnly,
  taintsOf,
  taintWith,
  valueWith,
  withClean,
  withoutTypeFacts,
} from './value.js';
import type { Frame } from './interpreter.js';

/** Read through a function so TypeScript does not narrow state mutated by callees. */
export function isTerminated(frame: Frame): boolean {
  return frame.terminated;
}

export function paramOrigin(fn: number, index: number, path: readonly string[]): ParamOrigin {
  return { kind: 'param', key: `p${fn}:${index}:${path.join('.')}`, fn, index, path };
}

/** Positions of `arguments` a summary tracks past the declared parameters (`function assign(obj) { arguments[1] }`). */
const MAX_ARGUMENTS = 6;

/** `arguments`: element i is parameter i, also past the declared ones (variadic helpers). */
export function argumentsObject(fn: FunctionInfo): Value {
  if (!readsArguments(fn)) return makeValue({ props: new Map() });
  const hasRest = fn.node.params.some((p) => p.type === 'RestElement');
  const count = hasRest ? fn.node.params.length - 1 : Math.max(fn.node.params.length, MAX_ARGUMENTS);
  const props = new Map<string, Value>([['length', makeValue({ isNumber: true })]]);
  let all = EMPTY;
  for (let i = 0; i < count; i++) {
    const origin = paramOrigin(fn.id, i, []);
    const v: Value = makeValue({ aliases: [origin], taints: [makeTaint(origin, undefined, 0, false)] });
    props.set(String(i), v);
    all = join(all, v);
  }
  props.set('*', all);
  return makeValue({ props });
}

/** One-token extensions of each parameter origin: every read of `p.x` asks for the same one, so it is built once. */
const EXTENDED = new WeakMap<ParamOrigin, Map<string, ParamOrigin>>();

export function extendParam(o: ParamOrigin, name: string): ParamOrigin {
  let byName = EXTENDED.get(o);
  if (!byName) EXTENDED.set(o, (byName = new Map<string, ParamOrigin>()));
  let out = byName.get(name);
  if (!out) byName.set(name, (out = paramOrigin(o.fn, o.index, [...o.path, name])));
  return out;
}

/** `obj.name` from the object's own fields and taints (`undefined`: unknown key); library APIs and methods aside. */
export function fieldOf(obj: Value, name: string | undefined): Value {
  let out = EMPTY;
  const exact = name !== undefined ? obj.props?.get(name) : undefined;
  if (exact) return exact;
  if (obj.props) {
    if (name === undefined) for (const v of obj.props.values()) out = join(out, v);
    else out = obj.props.get('*') ?? EMPTY;
  }
  // A field an object literal lacks is `undefined` (`extra.wrapper` of `{ initial: [title] }`), not its fields' taint.
  if (obj.closed && name !== undefined) return out;
  // A field of a tainted object is tainted; a field of a parameter is a longer parameter path.
  const taints: Taint[] = [];
  for (const t of obj.taints) {
    if (t.origin.kind === 'param' && t.origin.path.length < 4) taints.push(taintWith(t, { origin: extendParam(t.origin, name ?? '*') }));
    else taints.push(t);
  }
  out = join(out, withoutTypeFacts(taintOnly(taints)));
  if (obj.aliases) {
    const kept = obj.aliases.filter((a) => a.path.length < 4);
    const aliases = kept.map((a) => extendParam(a, name ?? '*'));
    // A field keeps what guards proved of the parameter object (`if (path.includes('__proto__')) return`).
    const cleanOf = (a: (typeof kept)[number]): number => obj.taints.find((t) => t.origin === a)?.clean ?? 0;
    if (aliases.length) out = join(out, makeValue({ aliases, taints: aliases.map((origin, i) => makeTaint(origin, undefined, kept[i] ? cleanOf(kept[i]) : 0, false)) }));
  }
  return out;
}

/** Field of an array literal's value holding its last element: read by `arr[arr.length - 1]`. */
export const LAST_ELEMENT = '#last';

/** Parameter path token: the prototype-pollution flow state of the parameter object (see Value.reach). */
export const REACH = '#reach';

/** The key taints an object was read with, and for a parameter object its symbolic state. */
export function reachOf(v: Value): Value {
  const symbolic = (v.aliases ?? []).filter((a) => a.path.length < 4).map((a): Taint => makeTaint(extendParam(a, REACH), undefined, 0, false));
  return taintOnly([...(v.reach ?? []), ...symbolic]);
}

/**
 * `obj[k]` with an attacker key may be `Object.prototype`: remember the key on the value read. One read
 * from a local object reaches the prototype only through `__proto__` (`constructor.prototype` takes two).
 */
export function withReach(read: Value, key: Value, obj: Value): Value {
  const deep = (obj.reach?.length ?? 0) > 0 || (obj.aliases?.length ?? 0) > 0;
  const live = key.taints.filter((t) => !isPollutionClean(t.clean) && (deep || (t.clean & PP_PROTO_BLOCKED) === 0));
  if (live.length === 0) return read;
  return join(read, makeValue({ reach: live }));
}

export function withProp(obj: Value, key: string, v: Value): Value {
  const props = copyMap(obj.props);
  props.set(key, v);
  return valueWith(obj, { props });
}

/** A guard on an array (`isValidPath(parts)`) also covers the elements pushed into it. */
export function sanitizeWithElements(v: Value, mask: number): Value {
  const elems = v.props?.get('*');
  const own = sanitizeReach(sanitize(v, mask), mask);
  if (!elems) return own;
  const props = copyMap(v.props);
  props.set('*', sanitize(elems, mask));
  const last = v.props?.get(LAST_ELEMENT);
  if (last) props.set(LAST_ELEMENT, sanitize(last, mask));
  return valueWith(own, { props });
}

/** `typeof src === 'object'`: an object read with a key is not the `constructor` function, so not on that path. */
function sanitizeReach(v: Value, mask: number): Value {
  const pp = mask & (PP_PROTO_BLOCKED | PP_CTOR_BLOCKED);
  if (!v.reach || pp === 0) return v;
  return valueWith(v, { reach: v.reach.map((t) => withClean(t, t.clean | pp)) });
}

export function sanitizeElements(arr: Value, mask: number): Value {
  const props = copyMap(arr.props);
  for (const [k, v] of props) props.set(k, sanitize(v, mask));
  // A new array: no longer the parameter itself, so reads from it are not fresh parameter paths.
  return valueWith(sanitize(arr, mask), { props, aliases: undefined });
}

/** `a`, `this`, `a.b.c`: evaluating it again has no side effects. */
export function isPlainReference(e: Expression): boolean {
  if (e.type === 'Identifier' || e.type === 'ThisExpression') return true;
  return e.type === 'MemberExpression' && !e.computed && isPlainReference(e.object);
}

export function arrayOf(values: readonly Value[]): Value {
  const elems = joinAll(values);
  return valueWith(taintsOf(elems), { props: new Map([['*', elems]]) });
}

/** `arr[i]` in `arr.forEach((k, i) => ...)` / `arr.reduce((o, k, i) => ...)`: the element parameter's name. */
export function elementParamOf(fn: FunctionLike, cb: { readonly array: string; readonly method: string } | undefined, e: Expression): string | undefined {
  if (!cb || e.type !== 'MemberExpression' || !e.computed || e.object.type !== 'Identifier' || e.object.name !== cb.array || e.property.type !== 'Identifier') return undefined;
  const reduce = cb.method === 'reduce' || cb.method === 'reduceRight';
  const elem = fn.params[reduce ? 1 : 0];
  const index = fn.params[reduce ? 2 : 1];
  if (elem?.type !== 'Identifier' || index?.type !== 'Identifier' || index.name !== e.property.name) return undefined;
  return elem.name;
}

export function isLiteral(e: Expression): boolean {
  return e.type === 'Literal' || (e.type === 'TemplateLiteral' && e.expressions.length === 0);
}

export function declaredNames(decl: Node): string[] {
  if (decl.type === 'VariableDeclaration') {
    return decl.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []));
  }
  if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) return [decl.id.name];
  return [];
}
