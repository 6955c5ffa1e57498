// Prototype pollution: checks of computed writes (`obj[k1][k2] = v`) and their reports, immediate or in summaries.
import type { CallExpression, Expression, NewExpression } from 'oxc-parser';
import type { ParsedFile } from '../parse/parse-files.js';
import type { FunctionInfo, FunctionShape, Scope, SinkSite } from './program-model.js';
import { computeShape } from './program-model.js';
import type { SourceOrigin, Taint, Value } from './value.js';
import { isPollutionClean, taintKey, taintOnly, taintWith } from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { checkSink, sinkSite, stepsOf } from './sinks.js';
import { reachOf } from './value-helpers.js';

const MAX_HITS_PER_WRITE = 8;

/** `target[key] = value` inside a key-walking function: the structural prototype-pollution sink. */
export function checkPollution(it: Interpreter, frame: Frame, scope: Scope, target: Extract<Expression, { type: 'MemberExpression' }>, v: Value): void {
  const fn = frame.fn;
  if (!fn) return;
  const walks = walksKeys(it, fn);
  const obj = it.evalExpr(frame, scope, target.object);
  if (obj.nullProto) return;
  const key = it.evalExpr(frame, scope, target.property as Expression);
  // The written object must itself come from a read with an attacker key (`cur = cur[k]`): a one-level
  // write to an object of the caller's only shadows. A parameter object stands for its caller's state.

  const via = reachOf(obj);
  // `target[key] = merge(target[key], v)` rebuilds a level; `target[key] = v` lands the attacker's value (preferred when merging root causes).
  const right = it.assignedValue;
  const writesCallResult = right !== undefined && (right.type === 'CallExpression' || right.type === 'NewExpression' || right.type === 'AwaitExpression');
  const site = sinkSite(it, frame, 'prototype-pollution', `dynamic property write ${it.text(frame, target)}`, { file: frame.file, node: target, enclosing: frame.enclosing }, undefined, {
    key: it.text(frame, target.property),
    recursive: shapeOf(it, fn).recursive,
    ...(writesCallResult ? { writesCallResult } : {}),
  });
  reportPollution(it, frame, key, v, via, site, walks);
}

function shapeOf(it: Interpreter, fn: FunctionInfo): FunctionShape {
  fn.shape ??= computeShape(fn.node, fn.name.includes('.') ? (fn.name.split('.').pop() ?? fn.name) : fn.name);
  return fn.shape;
}

function walksKeys(it: Interpreter, fn: FunctionInfo | undefined): boolean {
  return fn !== undefined && shapeOf(it, fn).walksKeys;
}

/**
 * A write reported only where some function on the call chain walks keys: a helper
 * `assign(obj, key, value)` called from a loop over a path is the sink, the helper alone is not.
 */
export function reportPollution(it: Interpreter, frame: Frame, key: Value, value: Value, reach: Value, site: SinkSite, walkedBelow: boolean): void {
  const walked = walkedBelow || walksKeys(it, frame.fn);
  const keys = key.taints.filter((t) => !isPollutionClean(t.clean));
  const values = value.taints;
  const vias = reach.taints.filter((t) => !isPollutionClean(t.clean));
  if (keys.length === 0 || values.length === 0 || vias.length === 0) return;
  const isConcrete = (t: Taint): t is Taint & { origin: SourceOrigin } => t.origin.kind === 'source' && site.labels.has(t.origin.label);
  const concreteKeys = keys.filter(isConcrete);
  const concreteValues = values.filter(isConcrete);
  const concreteVia = vias.some(isConcrete);
  if (concreteKeys.length > 0 && concreteValues.length > 0 && concreteVia) {
    if (!walked) return;
    for (const k of concreteKeys) {
      const val = concreteValues[0];
      it.addFlow({ site, source: k.origin, steps: stepsOf(k, site), weak: k.weak, ...(val ? { valueSource: val.origin } : {}) });
    }
    return;
  }
  const fn = frame.fn;
  if (fn === undefined) return;
  // A parameter of a closure nested in this function is left over from a recursive application (the closure
  // was not running): no caller of this summary binds it, and such hits must not crowd out the bindable ones.
  const symbolic = (t: Taint): boolean => t.origin.kind === 'param' && !isNestedIn(it, t.origin.fn, fn);
  const keyOk = concreteKeys.length > 0 || keys.some(symbolic);
  const valOk = concreteValues.length > 0 || values.some(symbolic);
  const viaOk = concreteVia || vias.some(symbolic);
  if (!keyOk || !valOk || !viaOk) return;
  // Recursion re-applies a summary to itself: keep one hit per write and taint origins, not one per path.
  const sig = `${site.location.file}:${site.location.startLine}:${site.location.startColumn}|${String(walked)}|${[keys, values, vias].map((ts) => ts.map(taintKey).sort().join(',')).join('|')}`;
  let seen = it.pollutionSeen.get(frame.summary);
  if (!seen) it.pollutionSeen.set(frame.summary, (seen = new Set()));
  if (seen.has(sig)) return;
  seen.add(sig);
  // Closures of recursive functions multiply symbolic origins: a few hits per write are enough to report it.
  const at = `${site.location.file}:${site.location.startLine}:${site.location.startColumn}`;
  if (frame.summary.pollution.filter((h) => `${h.site.location.file}:${h.site.location.startLine}:${h.site.location.startColumn}` === at).length >= MAX_HITS_PER_WRITE) return;
  // Only the key's path is shown in the finding: the value and the reach keep their origins, not their steps.
  const bare = (ts: readonly Taint[]): Value => taintOnly(ts.map((t) => (t.steps ? taintWith(t, { steps: undefined }) : t)));
  frame.summary.pollution.push({ key: taintOnly(keys), value: bare(values), reach: bare(vias), site, walked });
}

/** Whether function `id` is declared inside `outer` (a closure of it), not `outer` itself. */
function isNestedIn(it: Interpreter, id: number, outer: FunctionInfo): boolean {
  const inner = it.functions[id];
  return inner !== undefined && inner !== outer && inner.file === outer.file && inner.node.start >= outer.node.start && inner.node.end <= outer.node.end;
}

/** The code tail `' = value'` of a compiled setter: the parameter it assigns. */
const ASSIGN_TAIL = /^\s*=\s*([A-Za-z_$][\w$]*)\s*;?\s*$/;

/**
 * `new Function('data, value', 'data' + path + ' = value')`: a setter compiled from a key path assigns its
 * caller's value through every segment of the path, a set-by-path walk written as code (property-expr's compiler).
 */
export function checkCompiledSetter(it: Interpreter, frame: Frame, site: { file: ParsedFile; node: CallExpression | NewExpression; enclosing: string }, args: readonly Value[]): void {
  const nodes = site.node.arguments;
  const body = nodes.at(-1);
  if (nodes.length < 2 || body?.type !== 'BinaryExpression' || body.operator !== '+') return;
  const tail = body.right.type === 'Literal' && typeof body.right.value === 'string' ? ASSIGN_TAIL.exec(body.right.value)?.[1] : undefined;
  const params = nodes.slice(0, -1).flatMap((a) => (a.type === 'Literal' && typeof a.value === 'string' ? a.value.split(',').map((p) => p.trim()) : []));
  if (tail === undefined || !params.includes(tail)) return;
  const path = args.at(-1)?.taints.filter((t) => !isPollutionClean(t.clean)) ?? [];
  if (path.length === 0) return;
  checkSink(it, frame, taintOnly(path), sinkSite(it, frame, 'prototype-pollution', `setter compiled by Function() assigning \`${tail}\` through a key path`, site, undefined, { key: it.text(frame, body.left), recursive: false }));
}
