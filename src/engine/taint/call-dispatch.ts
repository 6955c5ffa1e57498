// Calls and constructions: dispatch to summaries, classes, constructor functions and modelled library APIs.
import type { CallExpression, Expression, NewExpression, Node } from 'oxc-parser';
import type { ParsedFile } from '../parse/parse-files.js';
import type { PathMatcher } from './access-path.js';
import { pathMatches } from './access-path.js';
import { pathCallArgs, urlDecoderArgs } from './path-composition.js';
import type { Cell, FunctionInfo, Scope } from './program-model.js';
import { sinkMembers } from './sink-members.js';
import type { ApiRef, Value } from './value.js';
import {
  copyMap,
  EMPTY,
  isEmpty,
  join,
  joinAll,
  kindsMask,
  makeValue,
  sanitize,
  taintsOf,
  taintsOfAll,
  valueWith,
  weaken,
  withoutTypeFacts,
} from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { memberName, updatePath } from './assignments.js';
import { builtinMethod, CALLBACK_METHODS, callsNoArgument, conditionsHold, regexMethodSinks } from './builtins.js';
import { resolveAgainstDefaultHost } from './default-host.js';
import { checkCompiledSetter } from './pollution.js';
import { applyRefinement, chainPredecessors } from './refinements.js';
import { mergeStates } from './statements.js';
import { checkSink, regexSite, sinkSite } from './sinks.js';
import type { SubstContext } from './summaries.js';
import { applySummary, subst, summarize } from './summaries.js';
import { extendParam, withProp } from './value-helpers.js';

const LISTENER_REGISTRATIONS = new Set(['Member:on', 'Member:once', 'Member:addListener', 'Member:prependListener', 'Member:prependOnceListener']);

/** EventEmitter calls a listener (`emitter.on(event, fn)`) with `this` set to the emitter (Node docs, events). */
function listenerThis(ref: ApiRef, cbTokens: readonly string[], recv: Value | undefined): Value | undefined {
  return cbTokens.length === 1 && cbTokens[0] === 'Argument:1' && LISTENER_REGISTRATIONS.has(ref.tokens.at(-1) ?? '') ? recv : undefined;
}

function argSelected(m: PathMatcher, i: number): boolean {
  if (m.kind !== 'Argument') return false;
  return m.set ? m.set.has(i) : i >= m.min && i <= m.max;
}

function weakenIfUnknown(ref: ApiRef, inputs: Value): Value {
  // Well-known pure helpers keep full confidence.
  return /^(JSON|String|Array|Object|path|util|Buffer)\b/.test(ref.name) ? inputs : weaken(inputs);
}

function isArrayCopy(tokens: readonly string[]): boolean {
  const path = tokens.join('.');
  return path === 'Member:from' || path === 'Member:prototype.Member:slice.Member:call';
}

/**
 * The frame as seen from a call written in another file: a call a summary deferred is replayed where the summary is
 * applied, in the caller's frame. What happens at the call (the steps of the functions it applies, the sources read
 * there) is located in the call's own file; the frame's state and summary are the caller's.
 */
function frameAt(frame: Frame, file: ParsedFile): Frame {
  if (file === frame.file) return frame;
  // Field by field in newFrame's order, not a spread: the copy keeps the frames' one hidden class (see valueWith).
  const { fn, module, state, terminated, ret, summary, thisVal, enclosing, applied, sinkIndex } = frame;
  return { fn, file, module, state, terminated, ret, summary, thisVal, enclosing, applied, sinkIndex };
}

/** Call `callee` with receiver `recv`: user functions by summary, library APIs by model. */
export function performCall(
  it: Interpreter,
  caller: Frame,
  callee: Value,
  recv: Value | undefined,
  methodName: string | undefined,
  args: readonly Value[],
  node: CallExpression | NewExpression,
  isNew: boolean,
  file: ParsedFile = caller.file,
  enclosing: string = caller.enclosing,
): Value {
  const frame = frameAt(caller, file);
  let result = EMPTY;
  let resolved = false;
  for (const ref of callee.apis) args = urlDecoderArgs(ref.root, ref.tokens, pathCallArgs(ref.root, ref.tokens, args));
  const direct = callee.funcs.length > 0 && !isNew ? { file, enclosing } : undefined;
  for (const f of callee.funcs) {
    const fn = it.functions[f.fnId];
    if (!fn) continue;
    resolved = true;
    if (isNew) result = join(result, constructFunction(it, frame, fn, callee, args, node));
    else result = join(result, applySummary(it, frame, fn, f.thisVal ?? recv, args, node, f.env, direct));
  }
  for (const c of callee.classes) {
    resolved = true;
    result = join(result, construct(it, frame, c.classId, args, node));
  }
  if (!isNew && !resolved && (methodName === 'call' || methodName === 'apply') && recv && recv.funcs.length > 0) {
    // `fn.call(thisArg, a, b)` / `fn.apply(thisArg, [a, b])`: call the receiver with an explicit `this`.
    resolved = true;
    result = join(result, callWithThis(it, frame, recv, methodName, args, node));
  }
  // A call of a parameter is deferred: replayed where the summary is applied, with the caller's argument as callee.
  let deferred = false;
  if (frame.fn && callee.aliases && callee.aliases.length > 0 && frame.summary.calls.length < 64) {
    deferred = true;
    frame.summary.calls.push({ callee: makeValue({ aliases: callee.aliases }), thisVal: recv, args, methodName, node, file, enclosing });
    // The result of calling a parameter's method is symbolic too, so fluent chains on library
    // objects (`res.status(400).send(x)`) resolve when the summary is applied.
    const results = callee.aliases.filter((a) => a.path.length < 4).map((a) => extendParam(a, '()'));
    if (results.length > 0) result = join(result, makeValue({ aliases: results }));
  }
  const site = { file, node, enclosing };
  let modelled = false;
  for (const ref of callee.apis) {
    const r = callApi(it, frame, ref, recv, args, site, isNew);
    if (r) {
      modelled ||= r.modelled;
      result = join(result, withoutTypeFacts(r.value));
    }
  }
  if (methodName !== undefined && !resolved) {
    // The method's name alone names no API: callbacks are searched for only when no library API was called above.
    const r = callApi(it, frame, it.rootApi('meth:', methodName), recv, args, site, isNew, callee.apis.length === 0);
    if (r) {
      modelled ||= r.modelled;
      result = join(result, withoutTypeFacts(r.value));
    }
    const found = builtinMethod(it, frame, methodName, recv ?? EMPTY, args, site);
    const b = found && withoutTypeFacts(found);
    if (b) {
      modelled = true;
      // A folded constant (`['a', 'b'].join('|')`) is the whole result, not one of several possibilities.
      result = b.str !== undefined && result.taints.length === 0 ? b : join(result, b);
    }
  }
  // An element of a table that mixes patterns with other arrays (`[[/a/, /b/], ['name']]`): reading `exec` off
  // the arrays finds their elements' functions, yet the patterns are still matched.
  if (methodName !== undefined && resolved && (recv?.regexes || args[0]?.regexes)) regexMethodSinks(it, frame, methodName, recv ?? EMPTY, args, site);
  if (!resolved && !modelled) {
    // Unknown code: assume the result derives from the inputs (weak, lowers confidence).
    const inputs = taintsOfAll(args, recv);
    result = join(result, weaken(withoutTypeFacts(inputs)));
    // Unknown code may call the functions it is given. A deferred call is not unknown yet: its replay calls what the
    // caller passes (or, where that is unknown code too, applies the callbacks then). Applying them here as well
    // repeated every callback of a chain of helpers (`each(list, fn)` -> `arrayEach(list, fn)` -> ...) once per level.
    if (!deferred) {
      for (const a of args) {
        for (const f of a.funcs) {
          const fn = it.functions[f.fnId];
          if (fn && callee.apis.length === 0) applySummary(it, frame, fn, f.thisVal, fn.node.params.map(() => taintsOf(recv ?? EMPTY)), node);
        }
      }
    }
  }
  return result;
}

/** `Function.prototype.call`/`apply` of user functions: the first argument is `this`, the rest (or the array's elements) the arguments. */
function callWithThis(it: Interpreter, frame: Frame, fns: Value, method: 'call' | 'apply', args: readonly Value[], node: CallExpression | NewExpression): Value {
  const thisArg = args[0] ?? EMPTY;
  const list = args[1];
  let result = EMPTY;
  for (const f of fns.funcs) {
    const fn = it.functions[f.fnId];
    if (!fn) continue;
    const actuals = method === 'call' ? args.slice(1) : list ? fn.node.params.map((_, i) => it.readMember(frame, list, String(i), node)) : [];
    result = join(result, applySummary(it, frame, fn, thisArg, actuals, node, f.env));
  }
  return result;
}

/** The callback inputs a propagator target names: `this` for `Receiver`, parameter positions for `Parameter[...]`. */
function callbackSlots(into: PathMatcher): string[] {
  if (into.kind === 'Receiver') return ['this'];
  const slots: string[] = [];
  if (into.kind === 'Parameter') for (let j = into.min; j <= Math.min(into.max, 8); j++) if (!into.set || into.set.has(j)) slots.push(String(j));
  return slots;
}

/**
 * The value a propagator reads: the receiver or selected arguments, then members of them (`Argument[0].AnyMember`),
 * each reduced to what moves (its taint, or more).
 */
function propagatorInput(it: Interpreter, frame: Frame, from: readonly PathMatcher[], recv: Value | undefined, args: readonly Value[], node: Node, moved: (v: Value) => Value): Value {
  const [first, ...members] = from;
  let roots: Value[] = [];
  if (first?.kind === 'Receiver') roots = [recv ?? EMPTY];
  else if (first?.kind === 'Argument') roots = args.filter((_, i) => argSelected(first, i));
  let out = EMPTY;
  for (let v of roots) {
    for (const m of members) {
      if (m.kind !== 'Member') break;
      const names = m.names ? [...m.names] : [undefined];
      v = joinAll(names.map((n) => it.readMember(frame, v, n, node)));
    }
    out = join(out, moved(v));
  }
  return out;
}

/** What calling a library value returns (`ReturnValue` of its API references). */
export function apiResultOf(it: Interpreter, frame: Frame, callee: Value, site: Node): Value {
  let out = EMPTY;
  for (const ref of callee.apis) {
    const ret = it.extendApi(ref, 'ReturnValue');
    if (ret) out = join(out, it.apiValue(frame, ret, site));
  }
  return out;
}

function evalArgs(it: Interpreter, frame: Frame, scope: Scope, args: CallExpression['arguments']): Value[] {
  // `const l = new Layer((req) => ...)`: the callback is not named after the variable.
  it.nameHint = undefined;
  const out: Value[] = [];
  for (const a of args) {
    if (a.type === 'SpreadElement') out.push(it.readMember(frame, it.evalExpr(frame, scope, a.argument), undefined, a));
    else out.push(it.evalExpr(frame, scope, a));
  }
  return out;
}

export function evalCall(it: Interpreter, frame: Frame, scope: Scope, e: CallExpression): Value {
  const callee = e.callee;
  if (callee.type === 'Identifier' && callee.name === 'require' && !it.lookup(scope, 'require')) {
    const arg = e.arguments[0];
    const spec = arg && arg.type !== 'SpreadElement' ? it.evalExpr(frame, scope, arg).str : undefined;
    return spec !== undefined ? it.importModule(frame, spec, e) : EMPTY;
  }
  let recv: Value | undefined;
  let calleeVal: Value;
  let methodName: string | undefined;
  if (callee.type === 'MemberExpression') {
    recv = callee.object.type === 'Super' ? frame.thisVal : it.evalExpr(frame, scope, callee.object);
    methodName = memberName(it, frame, scope, callee);
    const cb = e.arguments[0];
    if (callee.object.type === 'Identifier' && methodName !== undefined && CALLBACK_METHODS.has(methodName) && (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression')) {
      it.callbackOf.set(cb, { array: callee.object.name, method: methodName });
    }
    if (methodName === 'then' && e.arguments.length === 1 && (cb?.type === 'ArrowFunctionExpression' || cb?.type === 'FunctionExpression')) {
      it.chainPredecessors.set(cb, chainPredecessors(callee.object));
    }
    calleeVal = it.readMember(frame, recv, methodName, callee);
  } else if (callee.type === 'Super') {
    const cls = frame.fn?.classId !== undefined ? it.classes[frame.fn.classId] : undefined;
    const args = evalArgs(it, frame, scope, e.arguments);
    const sup = cls?.superClass;
    if (sup) for (const c of sup.classes) construct(it, frame, c.classId, args, e, frame.thisVal);
    return EMPTY;
  } else calleeVal = it.evalExpr(frame, scope, callee);
  const byKey = callee.type === 'MemberExpression' && recv ? dispatchByKey(it, frame, scope, e, callee, recv) : undefined;
  if (byKey) return byKey;
  const args = evalArgs(it, frame, scope, e.arguments);
  const result = performCall(it, frame, calleeVal, recv, methodName, args, e, false);
  if (callee.type === 'MemberExpression' && callee.object.type !== 'Super' && recv) applyReceiverWrites(it, frame, scope, callee.object, recv, calleeVal, methodName, args, e);
  if (calleeVal.apis.some((r) => r.root === 'g:Object' && r.tokens.length === 1 && r.tokens[0] === 'Member:defineProperty')) definePropertyWrite(it, frame, scope, e, args);
  return result;
}

/**
 * `table[key](value)` under failed tests `key === 'lit' && guard` (keyed-guards.ts): each method of the table is
 * called with the arguments as the guards of its key left them. Only for a table whose fields are all known.
 */
function dispatchByKey(it: Interpreter, frame: Frame, scope: Scope, e: CallExpression, callee: Extract<Expression, { type: 'MemberExpression' }>, recv: Value): Value | undefined {
  if (!callee.computed || callee.property.type !== 'Identifier' || !recv.props || recv.props.has('*') || recv.apis.length > 0 || recv.taints.length > 0) return undefined;
  const key = it.lookup(scope, callee.property.name);
  const guards = key ? it.keyedGuards.filter((g) => g.key === key) : [];
  if (guards.length === 0) return undefined;
  const before = frame.state;
  let after: Map<Cell, Value> | undefined;
  let result = EMPTY;
  for (const name of recv.props.keys()) {
    frame.state = copyMap(before);
    for (const g of guards) if (g.lit === name) applyRefinement(it, frame, g.scope, g.guard, false);
    const args = evalArgs(it, frame, scope, e.arguments);
    result = join(result, performCall(it, frame, it.readMember(frame, recv, name, callee), recv, name, args, e, false));
    after = after ? mergeStates(it, after, frame.state) : frame.state;
  }
  frame.state = after ?? before;
  return result;
}

/**
 * `Object.defineProperty(F.prototype, 'notify', { get() { return impl.bind(this) } })`: the field holds the
 * descriptor's `value`, or what its getter returns for that object (read once, at definition).
 */
function definePropertyWrite(it: Interpreter, frame: Frame, scope: Scope, e: CallExpression, args: readonly Value[]): void {
  const [objExpr, keyExpr] = e.arguments;
  const [obj, key, desc] = args;
  if (!obj || !desc || key?.str === undefined || !objExpr || objExpr.type === 'SpreadElement' || keyExpr?.type === 'SpreadElement') return;
  let v = desc.props?.get('value') ?? EMPTY;
  for (const f of desc.props?.get('get')?.funcs ?? []) {
    const fn = it.functions[f.fnId];
    if (fn) v = join(v, applySummary(it, frame, fn, obj, [], e));
  }
  if (!isEmpty(v)) updatePath(it, frame, scope, objExpr, key.str, v);
}

/**
 * Effects of a method call on its receiver: `arr.push(x)` adds elements, and fields a user method
 * writes to `this` land on the receiver (`obj.setHandler(fn)` then `obj.handler`).
 */
function applyReceiverWrites(it: Interpreter, frame: Frame, scope: Scope, recvExpr: Expression, recv: Value, calleeVal: Value, methodName: string | undefined, args: readonly Value[], site: CallExpression): void {
  if (calleeVal.funcs.length === 0 && (methodName === 'push' || methodName === 'unshift')) {
    const elems = joinAll([recv.props?.get('*') ?? EMPTY, ...args]);
    updatePath(it, frame, scope, recvExpr, '*', elems);
    return;
  }
  for (const f of calleeVal.funcs) {
    const fn = it.functions[f.fnId];
    if (!fn?.summary || fn.summary.thisProps.size === 0 || f.thisVal) continue;
    const ctx: SubstContext = { fnId: fn.id, args, thisVal: recv, callStep: it.step(frame, site, 'call', `passed to ${fn.name}()`), cache: new Map(), env: undefined };
    for (const [k, v] of fn.summary.thisProps) updatePath(it, frame, scope, recvExpr, k, subst(it, frame, v, ctx, site));
  }
}

export function evalNew(it: Interpreter, frame: Frame, scope: Scope, e: NewExpression): Value {
  const calleeVal = it.evalExpr(frame, scope, e.callee);
  const callee = e.callee.type === 'MemberExpression' && !e.callee.computed ? e.callee.property : e.callee;
  if (callee.type === 'Identifier' && callee.name.endsWith('Error')) for (const a of e.arguments) it.noteMessageText(a);
  const args = evalArgs(it, frame, scope, e.arguments);
  return performCall(it, frame, calleeVal, undefined, undefined, args, e, true);
}

/** Instance of a user class: apply the constructor, keep the fields it sets. */
export function construct(it: Interpreter, frame: Frame, classId: number, args: readonly Value[], site: Node, thisVal?: Value): Value {
  const cls = it.classes[classId];
  if (!cls) return EMPTY;
  let inst: Value = thisVal ?? makeValue({ instances: [{ classId }], props: new Map() });
  const fieldInits = cls.node.body.body.filter((m) => m.type === 'PropertyDefinition' && !m.static && m.value);
  if (fieldInits.length) {
    const module = it.moduleOf(cls.file);
    const f = it.newFrame(undefined, cls.file, module, inst);
    for (const m of fieldInits) {
      if (m.type !== 'PropertyDefinition' || !m.value || m.key.type !== 'Identifier') continue;
      inst = withProp(inst, m.key.name, it.evalExpr(f, module.scope, m.value));
    }
  }
  if (cls.ctor) {
    applySummary(it, frame, cls.ctor, inst, args, site);
    const s = summarize(it, cls.ctor);
    const ctx: SubstContext = { fnId: cls.ctor.id, args, thisVal: inst, callStep: it.step(frame, site, 'call', `passed to new ${cls.name}()`), cache: new Map(), env: undefined };
    for (const [k, v] of s.thisProps) inst = withProp(inst, k, subst(it, frame, v, ctx, site));
  } else if (cls.superClass) {
    for (const c of cls.superClass.classes) inst = join(inst, construct(it, frame, c.classId, args, site, inst));
  }
  return inst;
}

/**
 * `new F()` of a plain function (ES5 constructor): an object with the methods assigned to
 * `F.prototype` and the fields the constructor writes to `this`.
 */
function constructFunction(it: Interpreter, frame: Frame, fn: FunctionInfo, callee: Value, args: readonly Value[], site: CallExpression | NewExpression): Value {
  let inst: Value = makeValue({ props: copyMap(callee.props?.get('prototype')?.props) });
  const ret = applySummary(it, frame, fn, inst, args, site);
  const s = summarize(it, fn);
  if (s.thisProps.size > 0) {
    const ctx: SubstContext = { fnId: fn.id, args, thisVal: inst, callStep: it.step(frame, site, 'call', `passed to new ${fn.name}()`), cache: new Map(), env: undefined };
    for (const [k, v] of s.thisProps) inst = withProp(inst, k, subst(it, frame, v, ctx, site));
  }
  // A constructor that returns an object (`return new F()` guards, factories) yields that object.
  return ret.props || ret.funcs.length > 0 || ret.instances.length > 0 ? join(inst, ret) : inst;
}

/** A place `applyApiCallbacks` looks into: it holds a function, or fields that may. */
function mayHoldCallback(v: Value): boolean {
  return v.funcs.length > 0 || (v.props !== undefined && v.props.size > 0);
}

/**
 * Callbacks passed to an API: their parameters are API values (route handlers get `req`).
 * Handlers in option objects too: hapi `server.route({ handler })`, `{ options: { handler } }`.
 * Breadth first over the arguments and their fields, two levels down, the first 64 places in that order. A place
 * that holds no function and has no fields to look into is counted but not queued: it would do nothing.
 */
function applyApiCallbacks(it: Interpreter, frame: Frame, ref: ApiRef, recv: Value | undefined, args: readonly Value[], node: Node, callbackInputs: ReadonlyMap<string, Value> | undefined): void {
  const callbacks: { value: Value; tokens: string[]; place: number }[] = [];
  let places = 0;
  const queue = (value: Value, depth: number, tokens: () => string[]): void => {
    const place = places++;
    if (depth < 3 ? mayHoldCallback(value) : value.funcs.length > 0) callbacks.push({ value, tokens: tokens(), place });
  };
  args.forEach((a, i) => {
    queue(a, 1, () => [`Argument:${i}`]);
  });
  // The array grows while it is walked: places found below a field are visited after the ones before them.
  for (const cb of callbacks) {
    if (cb.place >= 64) break;
    if (cb.tokens.length < 3) for (const [name, pv] of cb.value.props ?? []) queue(pv, cb.tokens.length + 1, () => [...cb.tokens, `Member:${name}`]);
    for (const f of cb.value.funcs) {
      const fn = it.functions[f.fnId];
      if (!fn) continue;
      let argRef: ApiRef | undefined = ref;
      for (const t of cb.tokens) argRef = argRef ? it.extendApi(argRef, t) : undefined;
      const direct = cb.tokens.length === 1 ? cb.tokens[0]?.slice('Argument:'.length) : undefined;
      const params = fn.node.params.map((_, j) => {
        const pr = argRef ? it.extendApi(argRef, `Parameter:${j}`) : undefined;
        const fromApi = pr ? it.apiValue(frame, pr, node) : EMPTY;
        const passed = direct !== undefined ? callbackInputs?.get(`${direct}:${String(j)}`) : undefined;
        return passed ? join(fromApi, passed) : fromApi;
      });
      const thisArg = direct !== undefined ? callbackInputs?.get(`${direct}:this`) : undefined;
      applySummary(it, frame, fn, f.thisVal ?? thisArg ?? listenerThis(ref, cb.tokens, recv), params, node);
    }
  }
}

export function callApi(
  it: Interpreter,
  frame: Frame,
  ref: ApiRef,
  recv: Value | undefined,
  args: readonly Value[],
  site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string },
  isNew: boolean,
  searchCallbacks = true,
): { value: Value; modelled: boolean } | undefined {
  const models = it.opts.models;
  let modelled = false;
  if (ref.root.startsWith('m:') || ref.root.startsWith('g:')) {
    it.callFacts.push({ file: site.file, node: site.node, api: isNew && ref.tokens.length === 0 ? ref.name : ref.name, args, enclosing: site.enclosing });
  }
  for (const sink of models.sinks.get(ref.root) ?? []) {
    if (sink.arg === 'write' || !pathMatches(sink.call, ref.tokens)) continue;
    if (!conditionsHold(it, sink.conditions, args)) continue;
    if (sink.unless.length > 0 && sink.unless.some((u) => conditionsHold(it, [u], args))) continue;
    modelled = true;
    const arg = sink.arg;
    const targets = arg === 'receiver' ? [recv ?? EMPTY] : args.filter((_, i) => argSelected(arg, i));
    const s = sinkSite(it, frame, sink.model.kind, sink.model.description, site, sink.model.labels);
    for (const t of targets) checkSink(it, frame, sinkMembers(t, sink.members, (o, name) => it.readMember(frame, o, name, site.node)), s);
  }
  if (ref.root === 'g:Function' && ref.tokens.length === 0) checkCompiledSetter(it, frame, site, args);
  const retRef = it.extendApi(ref, 'ReturnValue');
  let value = retRef ? it.apiValue(frame, retRef, site.node) : EMPTY;
  const inputs = taintsOfAll(args, recv);
  if (retRef) {
    for (const s of models.sanitizers.get(ref.root) ?? []) {
      if (!pathMatches(s.path, retRef.tokens)) continue;
      return { value: join(value, sanitize(inputs, kindsMask(s.model.kinds))), modelled: true };
    }
  }
  // Inputs of callbacks the API calls (`forIn(obj, fn, thisArg)`): `${argument}:${parameter}`, `${argument}:this`.
  let callbackInputs: Map<string, Value> | undefined;
  for (const p of models.propagators.get(ref.root) ?? []) {
    if (!pathMatches(p.call, ref.tokens)) continue;
    modelled = true;
    const [to, into] = p.to;
    if (to?.kind === 'Argument' && (into?.kind === 'Parameter' || into?.kind === 'Receiver') && p.to.length === 2) {
      // A bare argument into a parameter is its keys (taint); members of it, and the callback's `this`, keep their identity.
      const keysOnly = into.kind === 'Parameter' && p.from.length === 1;
      const from = propagatorInput(it, frame, p.from, recv, args, site.node, (v) => (keysOnly ? taintsOf(v) : v));
      const slots = callbackSlots(into);
      for (let i = 0; i < args.length; i++) {
        if (!argSelected(to, i)) continue;
        for (const slot of slots) {
          const key = `${String(i)}:${slot}`;
          callbackInputs ??= new Map();
          callbackInputs.set(key, join(callbackInputs.get(key) ?? EMPTY, from));
        }
      }
      continue;
    }
    const whole = p.model.wholeValue === true;
    value = join(value, propagatorInput(it, frame, p.from, recv, args, site.node, (v) => (whole ? valueWith(taintsOf(v), { apis: v.apis, funcs: v.funcs }) : taintsOf(v))));
  }
  if (searchCallbacks && args.some(mayHoldCallback) && !callsNoArgument(ref)) applyApiCallbacks(it, frame, ref, recv, args, site.node, callbackInputs);
  const resolved = resolveAgainstDefaultHost(it, ref, isNew, args, site);
  if (resolved) value = join(value, resolved);
  if (ref.root === 'g:RegExp' && ref.tokens.length === 0 && args[0]?.str !== undefined) {
    value = join(value, makeValue({ regexes: [{ pattern: args[0].str, flags: args[1]?.str ?? '', site: regexSite(it, frame, site.node) }] }));
  }
  if (ref.root === 'g:Array' && args[0] && isArrayCopy(ref.tokens)) {
    // `Array.prototype.slice.call(arguments, 1)`, `Array.from(xs)`: a new array of the same elements.
    // Elements keep their taint, not their identity: `copy.forEach` must not read as a method of an element.
    const elems = taintsOf(it.readMember(frame, args[0], undefined, site.node));
    value = join(value, valueWith(elems, { props: new Map([['*', elems]]) }));
  }
  if (ref.root === 'g:Object' && ref.tokens.length === 1 && ref.tokens[0] === 'Member:create' && args[0] && isEmpty(args[0])) {
    value = join(value, makeValue({ nullProto: true, props: new Map() }));
  }
  if (!modelled && (ref.root.startsWith('g:') || ref.root.startsWith('m:'))) {
    // Unmodelled library call: result derives from inputs (JSON.parse, util.format, path.join...).
    value = join(value, weakenIfUnknown(ref, inputs));
    modelled = true;
  }
  return { value, modelled };
}
