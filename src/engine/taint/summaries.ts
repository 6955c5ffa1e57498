// Function summaries: computing them bottom-up to a bounded fixpoint, and applying them at call sites by substitution.
import type { CallExpression, Node } from 'oxc-parser';
import type { FlowStep } from '../../core/index.js';
import type { ParsedFile } from '../parse/parse-files.js';
import type { FunctionInfo, Scope, Summary } from './program-model.js';
import type { ClosureEnv, FuncRef, ParamOrigin, Taint, Value } from './value.js';
import {
  addStep,
  concatSteps,
  EMPTY,
  funcRef,
  join,
  makeTaint,
  makeValue,
  PATH_APPENDED,
  pushStep,
  rebuiltValue,
  sameTaint,
  taintOnly,
  taintsOfAll,
  valueWith,
  weaken,
  withTaintsAndAliases,
} from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { bindPattern } from './assignments.js';
import { catchBudget, tick } from './budgets.js';
import { apiResultOf, performCall } from './call-dispatch.js';
import { resolveCondition, resolveTaints, UNDEFINED } from './conditions.js';
import { reportPollution } from './pollution.js';
import { applyChainGuards } from './refinements.js';
import { builtinSecretSink, checkSink, fieldWriteSink, SECRET_NAME, wrappedSinkSite } from './sinks.js';
import { evalStatement } from './statements.js';
import { callerBaseOf } from './path-composition.js';
import { argumentsObject, arrayOf, paramOrigin, REACH, reachOf } from './value-helpers.js';

const MAX_SUMMARY_NESTING = 60;

const MAX_FIXPOINT = 3;

export interface SubstContext {
  readonly fnId: number;
  readonly args: readonly Value[];
  readonly thisVal: Value;
  readonly callStep: FlowStep;
  readonly cache: Map<Value, Value>;
  /** Substitution of the creator's parameters when the callee is a closure returned by an earlier call. */
  readonly env: SubstContext | undefined;
}

function envContext(env: ClosureEnv, callStep: FlowStep): SubstContext {
  return { fnId: env.fnId, args: env.args, thisVal: env.thisVal, callStep, cache: new Map(), env: env.outer ? envContext(env.outer, callStep) : undefined };
}

/** Closures created inside `fn` and returned (directly or as fields of the result) keep the call's arguments. */
function bindClosures(functions: readonly FunctionInfo[], fn: FunctionInfo, ret: Value, env: ClosureEnv): Value {
  const inside = (f: FuncRef): boolean => {
    const node = functions[f.fnId]?.node;
    return f.env === undefined && node !== undefined && node !== fn.node && node.start >= fn.node.start && node.end <= fn.node.end;
  };
  const bind = (v: Value): Value => (v.funcs.some(inside) ? valueWith(v, { funcs: v.funcs.map((f) => (inside(f) ? funcRef(f.fnId, f.thisVal, env) : f)) }) : v);
  let out = bind(ret);
  if (out.props && [...out.props.values()].some((pv) => pv.funcs.some(inside))) {
    const props = new Map<string, Value>();
    for (const [k, pv] of out.props) props.set(k, bind(pv));
    out = valueWith(out, { props });
  }
  return out;
}

function wasReentered(fn: FunctionInfo): boolean {
  return fn.reentered;
}

/** Substitution can multiply taints (`arguments[i]` is every argument): keep one per origin and cleanness, and a bounded number. */
const MAX_SUBST_TAINTS = 16;

function uniqueTaints(ts: readonly Taint[]): readonly Taint[] {
  if (ts.length <= 1) return ts;
  // `ts` itself while every taint is kept; a copy of the kept ones from the first taint dropped.
  let out: Taint[] | undefined;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (!t) continue;
    const kept = out ?? ts;
    const count = out ? out.length : i;
    let seen = false;
    for (let j = 0; j < count && !seen; j++) {
      const k = kept[j];
      seen = k !== undefined && sameTaint(k, t);
    }
    if (seen) {
      out ??= ts.slice(0, i);
      continue;
    }
    out?.push(t);
    if ((out ? out.length : i + 1) < MAX_SUBST_TAINTS) continue;
    if (i + 1 < ts.length) out ??= ts.slice(0, i + 1);
    break;
  }
  return out ?? ts;
}

function summarySize(s: Summary): number {
  return s.sinks.length + s.calls.length + s.pollution.length + s.ret.taints.length + s.ret.funcs.length + s.ret.apis.length + (s.ret.props?.size ?? 0) + s.thisProps.size;
}

/** Compute (or reuse) the summary of a function. */
export function summarize(it: Interpreter, fn: FunctionInfo): Summary {
  if (fn.status === 'done' && fn.summary) return fn.summary;
  if (fn.status === 'running') {
    fn.reentered = true;
    markStaleClosures(it, fn);
    return fn.summary ?? { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
  }
  if (it.exhausted.has(fn.file.path) || it.summaryNesting > MAX_SUMMARY_NESTING) {
    if (!it.exhausted.has(fn.file.path)) it.diag('BUDGET_EXCEEDED', fn.file.path, `Call chain deeper than ${MAX_SUMMARY_NESTING} functions; ${fn.name} approximated`);
    return { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
  }
  fn.status = 'running';
  it.summaryNesting++;
  it.summaryStack.push(fn);
  const savedNesting = it.nesting;
  it.nesting = 0;
  try {
    for (let i = 0; i < MAX_FIXPOINT; i++) {
      // Closures that applied the previous, partial summary (recursion through `keys.forEach(cb)`) are redone.
      for (const stale of it.staleClosures.get(fn) ?? []) {
        if (stale.status !== 'done') continue;
        stale.status = 'new';
        stale.redone++;
      }
      it.staleClosures.delete(fn);
      fn.reentered = false;
      const before = fn.summary ? summarySize(fn.summary) : -1;
      fn.summary = computeSummary(it, fn);
      // A callback that moved a cursor of its creator (`ptr = ptr[k]`) runs again: its next call starts from the moved cursor.
      const movedCursor = i === 0 && (fn.summary.outerWrites?.size ?? 0) > 0;
      if (!movedCursor && (!wasReentered(fn) || summarySize(fn.summary) === before)) break;
    }
  } catch (error: unknown) {
    catchBudget(it, error, fn.file.path);
    fn.summary ??= { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
  } finally {
    it.summaryNesting--;
    it.summaryStack.pop();
    it.nesting = savedNesting;
    fn.status = 'done';
  }
  return fn.summary ?? { ret: EMPTY, sinks: [], calls: [], pollution: [], thisProps: new Map() };
}

/**
 * Re-entering `fn` from closures defined inside it, or from a helper it calls directly (`merge` -> `copy` ->
 * `merge`): their summaries used `fn`'s partial one. Longer cycles keep the partial summary (cost).
 */
/** A helper outside `fn` is redone at most this often: mutual recursion in a large library would redo it at every caller. */
const MAX_HELPER_REDOS = 1;

function markStaleClosures(it: Interpreter, fn: FunctionInfo): void {
  const at = it.summaryStack.lastIndexOf(fn);
  if (at < 0) return;
  let stale = it.staleClosures.get(fn);
  const above = it.summaryStack.slice(at + 1);
  for (const inner of above) {
    const nested = inner.node.start >= fn.node.start && inner.node.end <= fn.node.end;
    if (inner.file !== fn.file || (!nested && (above.length > 1 || inner.redone >= MAX_HELPER_REDOS))) continue;
    if (!stale) it.staleClosures.set(fn, (stale = new Set()));
    stale.add(inner);
  }
}

function computeSummary(it: Interpreter, fn: FunctionInfo): Summary {
  const module = it.moduleOf(fn.file);
  const thisOrigin = paramOrigin(fn.id, -1, []);
  const thisVal: Value = makeValue({ aliases: [thisOrigin], taints: [makeTaint(thisOrigin, undefined, 0, false)] });
  const frame = it.newFrame(fn, fn.file, module, thisVal);
  const scope: Scope = { vars: new Map(), parent: fn.scope, isFunction: true };
  // `module.exports = function merge(t, s) { ... merge(t[k], s[k]) }`: the name of a function expression is bound inside it.
  if (fn.node.type === 'FunctionExpression' && fn.node.id) it.declare(frame, scope, fn.node.id.name, makeValue({ funcs: [funcRef(fn.id)] }));
  fn.node.params.forEach((p, i) => {
    const origin = paramOrigin(fn.id, i, []);
    const v: Value = makeValue({ aliases: [origin], taints: [makeTaint(origin, undefined, 0, false)] });
    // A rest parameter (`...args`) is bound like the others: applySummary passes the trailing arguments as one array.
    bindPattern(it, frame, scope, p.type === 'TSParameterProperty' ? p.parameter : p.type === 'RestElement' ? p.argument : p, v);
    if (p.type === 'TSParameterProperty') {
      const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
      if (id.type === 'Identifier') frame.summary.thisProps.set(id.name, v);
    }
  });
  if (fn.node.type !== 'ArrowFunctionExpression') it.declare(frame, scope, 'arguments', argumentsObject(fn));
  applyChainGuards(it, frame, scope, fn.node);
  const body = fn.node.body;
  if (body) {
    if (body.type === 'BlockStatement') {
      it.hoist(frame, scope, body.body);
      for (const st of body.body) {
        if (frame.terminated) break;
        evalStatement(it, frame, scope, st);
      }
    } else {
      const v = it.evalExpr(frame, scope, body);
      if (SECRET_NAME.test(fn.name)) builtinSecretSink(it, frame, fn.name, v, body);
      frame.ret = join(frame.ret, v);
    }
  }
  // A class field initialiser runs in the constructor.
  const summary = frame.summary;
  summary.ret = frame.ret;
  return summary;
}

/** A call of the function written in the caller's code (`run(cmd)`), as opposed to a callback a library API invokes. */
export interface DirectCall {
  readonly file: ParsedFile;
  readonly enclosing: string;
}

/** Apply the summary of `fn` at a call site: substitute parameters with the caller's arguments. */
export function applySummary(it: Interpreter, frame: Frame, fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[], site: Node, env?: ClosureEnv, direct?: DirectCall): Value {
  if (++it.applications > it.maxApplications) {
    if (it.applications === it.maxApplications + 1) it.diag('BUDGET_EXCEEDED', frame.file.path, `More than ${it.maxApplications} summary applications; further calls approximated`);
    return weaken(taintsOfAll(args));
  }
  if (it.callDepth >= it.opts.maxCallDepth) {
    it.diag('BUDGET_EXCEEDED', frame.file.path, `Call depth limit ${it.opts.maxCallDepth} reached; deeper calls approximated`);
    return weaken(taintsOfAll(args));
  }
  const callerId = frame.fn?.id ?? -1;
  let edges = it.callEdges.get(callerId);
  if (!edges) it.callEdges.set(callerId, (edges = new Set()));
  edges.add(fn.id);
  // The same callee with structurally equal arguments at the same call in the same frame has the same effects
  // (flows, summary hits): reuse the result. A key still being applied is a recursive cycle through callbacks. The call
  // is its file and offset: a frame replays calls written in other files (the same offset in two files is two calls).
  let memoKey = `${String(fn.id)}@${String(it.fileId(frame.file))}:${String(site.start)}|${it.callDepth < 4 ? 'd' : ''}|${String(it.valueId(thisVal ?? EMPTY))}`;
  for (const a of args) memoKey += `|${String(it.valueId(a))}`;
  if (env) {
    memoKey += `|e${String(env.fnId)}:`;
    for (const a of env.args) memoKey += `${String(it.valueId(a))},`;
  }
  const memo = frame.applied.get(memoKey);
  if (memo) return isPending(memo) ? weaken(taintsOfAll(memo)) : memo;
  // While applied, the key holds the arguments: a recursive cycle gets their weakened taints, built only then.
  frame.applied.set(memoKey, args);
  const result = applySummaryUncached(it, frame, fn, thisVal, args, site, env, direct);
  frame.applied.set(memoKey, result);
  return result;
}

function isPending(memo: Value | readonly Value[]): memo is readonly Value[] {
  return Array.isArray(memo);
}

function applySummaryUncached(it: Interpreter, frame: Frame, fn: FunctionInfo, thisVal: Value | undefined, args: readonly Value[], site: Node, env: ClosureEnv | undefined, direct: DirectCall | undefined): Value {
  // Applying summaries (and the calls they replay) is work like evaluating statements: it counts against the
  // file's time budget, so a blow-up of replayed calls ends in a diagnostic instead of a hang.
  tick(it, frame);
  const s = summarize(it, fn);
  const restIndex = fn.node.params.findIndex((p) => p.type === 'RestElement');
  const actuals = restIndex >= 0 ? [...args.slice(0, restIndex), arrayOf(args.slice(restIndex))] : args;
  const callStep = it.step(frame, site, 'call', `passed to ${fn.name}()`);
  const ctx: SubstContext = { fnId: fn.id, args: actuals, thisVal: thisVal ?? EMPTY, callStep, cache: new Map(), env: env ? envContext(env, callStep) : undefined };
  it.callDepth++;
  try {
    for (const hit of s.sinks) {
      const v = subst(it, frame, hit.passed ? makeValue({ taints: [hit.taint], aliases: [hit.taint.origin as ParamOrigin] }) : taintOnly([hit.taint]), ctx, site);
      checkSink(it, frame, v, direct ? wrappedSinkSite(it, hit, fn.name, site, direct) : hit.site);
    }
    for (const w of s.writes ?? []) fieldWriteSink(it, frame, subst(it, frame, w.target, ctx, site), w.name, subst(it, frame, w.value, ctx, site), w.node, w.file, w.enclosing);
    const module = s.exports ? it.moduleOf(fn.file) : undefined;
    // A module-level call of a function that sets `module.exports` (UMD wrapper): the exports are its bound value.
    if (s.exports && module?.status === 'running' && !frame.fn) module.exports = subst(it, frame, s.exports, ctx, site);
    // The caller sees the enclosing function's locals the callee may have reassigned (weak update).
    for (const [cell, v] of s.outerWrites ?? []) it.write(frame, cell, join(it.read(frame, cell), subst(it, frame, v, ctx, site)));
    for (const p of s.pollution) reportPollution(it, frame, subst(it, frame, p.key, ctx, site), subst(it, frame, p.value, ctx, site), subst(it, frame, p.reach, ctx, site), p.site, p.walked);
    for (const c of it.callDepth <= 4 ? s.calls : []) {
      const callee = subst(it, frame, c.callee, ctx, site);
      const recv = c.thisVal ? subst(it, frame, c.thisVal, ctx, site) : undefined;
      const cargs = c.args.map((a) => subst(it, frame, a, ctx, site));
      performCall(it, frame, callee, recv, c.methodName, cargs, c.node as CallExpression, false, c.file, c.enclosing);
    }
    const ret = bindClosures(it.functions, fn, subst(it, frame, s.ret, ctx, site), { fnId: fn.id, args: actuals, thisVal: thisVal ?? EMPTY, outer: env });
    return addStep(ret, it.step(frame, site, 'return', `returned from ${fn.name}()`), it.opts.maxPathLength);
  } finally {
    it.callDepth--;
  }
}

export function subst(it: Interpreter, frame: Frame, v: Value, ctx: SubstContext, site: Node, depth = 0): Value {
  const cached = ctx.cache.get(v);
  if (cached) return cached;
  const own = substUncached(it, frame, v, ctx, site, depth);
  // A closure's summary also mentions its creator's parameters: bind them as the creating call did.
  const out = ctx.env ? subst(it, frame, own, ctx.env, site, depth) : own;
  ctx.cache.set(v, out);
  return out;
}

/**
 * Whether substituting `fnId`'s parameters would only rebuild `v` as it is (fields aside): no taint or alias of
 * those parameters, no reach, taints already unique, and none of the constant facts that the
 * rebuilding join below drops. Most values a summary mentions (other functions' data, APIs) are like this.
 */
function substIsIdentity(v: Value, fnId: number): boolean {
  if (v.reach || v.cond?.origin.fn === fnId) return false;
  if (v.aliases && (v.aliases.length === 0 || v.aliases.some((a) => a.fn === fnId))) return false;
  const ts = v.taints;
  if (ts.length === 0) return true;
  if (ts.length > MAX_SUBST_TAINTS || v.str !== undefined || v.strs || v.nullProto || v.isNumber || v.bool !== undefined) return false;
  return ts.every((t, i) => !(t.origin.kind === 'param' && t.origin.fn === fnId) && !(t.below?.kind === 'param' && t.below.fn === fnId) && !t.when?.some((c) => c.origin.fn === fnId) && ts.findIndex((u) => sameTaint(u, t)) === i);
}

function substUncached(it: Interpreter, frame: Frame, v: Value, ctx: SubstContext, site: Node, depth: number): Value {
  if (substIsIdentity(v, ctx.fnId)) {
    if (!v.props || depth >= 2) return v;
    // An object whose fields all substitute to themselves is itself unchanged (the fields' results are cached for below).
    let same = true;
    for (const pv of v.props.values()) if (subst(it, frame, pv, ctx, site, depth + 1) !== pv) same = false;
    if (same) return v;
  }
  const aliases = otherAliases(v.aliases, ctx.fnId);
  const kept: Taint[] = [];
  for (const t of v.taints) {
    if (t.origin.kind !== 'param' || t.origin.fn !== ctx.fnId) {
      kept.push(withBelow(t, baseOf(it, frame, ctx, t, site)));
      continue;
    }
    const actual = actualAt(it, frame, ctx, t.origin, site);
    // A value the caller had appended already keeps its base; one appended here gets the caller's actual base.
    const below = baseOf(it, frame, ctx, t, site);
    for (const a of actual.taints) {
      kept.push(
        makeTaint(
          a.origin,
          concatSteps(pushStep(a.steps, ctx.callStep, it.opts.maxPathLength), t.steps, it.opts.maxPathLength),
          a.clean | t.clean,
          a.weak || t.weak,
          (a.clean & PATH_APPENDED) !== 0 ? a.below : below,
          t.when ? [...(a.when ?? []), ...t.when] : a.when,
        ),
      );
    }
  }
  const resolved = hasConditionOn(kept, ctx.fnId) ? resolveTaints(kept, ctx.fnId, (origin) => conditionSubject(it, frame, ctx, origin, site)) : kept;
  const taints = uniqueTaints(resolved);
  // As joining `v` without taints and those aliases with `taintOnly(taints)` builds it, in one allocation: no taints
  // leave `v`'s constant facts, any drop them (join keeps a constant only when both sides have it).
  const keep = taints.length === 0;
  // The common case, no condition or alias of the callee: the value is built once, with its fields and reach.
  if (v.cond?.origin.fn !== ctx.fnId && aliases === (v.aliases?.length ? v.aliases : undefined)) {
    const reach = v.reach ? subst(it, frame, taintOnly(v.reach), ctx, site, depth).taints : undefined;
    const props = v.props && depth < 2 ? substProps(it, frame, v.props, ctx, site, depth) : v.props;
    const closed = v.closed && !v.aliases?.length ? true : keep ? v.closed : undefined;
    return rebuiltValue(v, taints, aliases, props, reach ?? v.reach, closed, keep);
  }
  let out = rebuiltValue(v, taints, aliases, v.props, v.reach, keep ? v.closed : undefined, keep);
  if (v.cond?.origin.fn === ctx.fnId) {
    out = join(valueWith(out, { cond: undefined }), resolveCondition(out.cond ?? v.cond, conditionSubject(it, frame, ctx, v.cond.origin, site)));
  }
  for (const a of v.aliases ?? []) {
    if (a.fn !== ctx.fnId) continue;
    const actual = actualAt(it, frame, ctx, a, site);
    out = join(out, withTaintsAndAliases(actual, [], actual.aliases));
  }
  if (v.reach) out = valueWith(out, { reach: subst(it, frame, taintOnly(v.reach), ctx, site, depth).taints });
  // Deep object graphs (`return this` chains) are substituted two levels deep only.
  if (v.props && depth < 2) out = valueWith(out, { props: substProps(it, frame, v.props, ctx, site, depth) });
  // The taints joined back above are those of the literal's own fields: it stays closed.
  return v.closed && !v.aliases?.length ? valueWith(out, { closed: true }) : out;
}

/** The path base of `t` at this call: a parameter of the callee becomes the caller's actual base. */
function baseOf(it: Interpreter, frame: Frame, ctx: SubstContext, t: Taint, site: Node): Taint['below'] {
  return t.below?.kind === 'param' && t.below.fn === ctx.fnId ? callerBaseOf(actualAt(it, frame, ctx, t.below, site)) : t.below;
}

/** The aliases of other functions than `fnId`, `undefined` for none; the list itself when it has no alias of `fnId`. */
function otherAliases(aliases: readonly ParamOrigin[] | undefined, fnId: number): readonly ParamOrigin[] | undefined {
  if (!aliases) return undefined;
  let own = 0;
  for (const a of aliases) if (a.fn === fnId) own++;
  if (own === 0) return aliases.length > 0 ? aliases : undefined;
  return own === aliases.length ? undefined : aliases.filter((a) => a.fn !== fnId);
}

function hasConditionOn(taints: readonly Taint[], fnId: number): boolean {
  for (const t of taints) if (t.when) for (const c of t.when) if (c.origin.fn === fnId) return true;
  return false;
}

/** The fields of an object, each substituted one level deeper. */
function substProps(it: Interpreter, frame: Frame, props: ReadonlyMap<string, Value>, ctx: SubstContext, site: Node, depth: number): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const [k, pv] of props) out.set(k, subst(it, frame, pv, ctx, site, depth + 1));
  return out;
}

/** What a condition on a parameter tests at this call: the argument's path, `undefined` for an argument not passed. */
function conditionSubject(it: Interpreter, frame: Frame, ctx: SubstContext, origin: ParamOrigin, site: Node): Value {
  return origin.index >= ctx.args.length && origin.path.length === 0 ? UNDEFINED : actualAt(it, frame, ctx, origin, site);
}

/** The taint with its path base set (or dropped when the base is not the caller's). */
function withBelow(t: Taint, below: Taint['below']): Taint {
  return t.below === below ? t : makeTaint(t.origin, t.steps, t.clean, t.weak, below, t.when);
}

function actualAt(it: Interpreter, frame: Frame, ctx: SubstContext, origin: ParamOrigin, site: Node): Value {
  let base = origin.index === -1 ? ctx.thisVal : (ctx.args[origin.index] ?? EMPTY);
  for (const p of origin.path) {
    if (p === REACH) return reachOf(base);
    base = p === '()' ? (!frame.fn && frame.module.status === 'running' ? resultOf(it, frame, base, site) : apiResultOf(it, frame, base, site)) : it.readMember(frame, base, p === '*' ? undefined : p, site);
  }
  return base;
}

/**
 * What calling a parameter returned while the module body runs (`factory()` of a UMD wrapper): the library API's
 * result, or the user function's. Elsewhere only library results are bound (cost: callbacks are applied at their calls).
 */
function resultOf(it: Interpreter, frame: Frame, callee: Value, site: Node): Value {
  let out = apiResultOf(it, frame, callee, site);
  for (const f of callee.funcs) {
    const fn = it.functions[f.fnId];
    if (fn) out = join(out, applySummary(it, frame, fn, f.thisVal, [], site, f.env));
  }
  return out;
}
