// Guards applied to the state: refinements of conditions, unset and guarded variables, path parts, constants.
import type { Expression, Node, Super } from 'oxc-parser';
import { normalizeModuleName } from './access-path.js';
import type { GuardContext, PredicateFact, Refinement } from './guards.js';
import { truthySubject } from './guarded-assignments.js';
import { assertionRefinements, conditionsHeldOnReturn, containsReturn, elementSubjectOf, isPlainRefinement, NO_ASSERTION, predicateRefinements, refineCondition, subjectOf } from './guards.js';
import { derivedPathArgs } from './path-composition.js';
import type { Assertion, Cell, FunctionLike, Scope } from './program-model.js';
import { pushChildren } from './program-model.js';
import { aliasOf, negate, sanitizeEither, sanitizeWhere } from './conditions.js';
import type { ApiRef, ParamCondition, Value } from './value.js';
import { EMPTY, kindBit } from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { elementParamOf, sanitizeWithElements, withProp } from './value-helpers.js';

export function applyRefinement(it: Interpreter, frame: Frame, scope: Scope, test: Expression, truthy: boolean): void {
  // `if (file)` where file was only assigned under a guard: the guard held.
  const flag = truthySubject(test, truthy);
  const flagCell = flag !== undefined ? it.lookup(scope, flag) : undefined;
  const implied = flagCell ? it.guardedBy.get(flagCell) : undefined;
  for (const r of implied?.refinements ?? []) {
    if (!isPlainRefinement(r)) continue;
    const cell = r.index === undefined && !r.readsOnly ? it.lookup(implied?.scope ?? scope, r.name) : undefined;
    if (cell) it.write(frame, cell, r.path ? refineField(it, frame, it.read(frame, cell), r.path, r.mask, test) : sanitizeWithElements(it.read(frame, cell), r.mask));
  }
  applyRefinements(it, frame, scope, refineCondition(test, truthy, guardContext(it, frame, scope)), test);
}

/** Make the variables, fields and elements the refinements name safe in the current state. */
export function applyRefinements(it: Interpreter, frame: Frame, scope: Scope, all: readonly Refinement[], node: Node): void {
  const unconditional = all.filter(isPlainRefinement);
  for (const r of unconditional) if (r.index !== undefined) refineElement(it, frame, scope, r.name, r.index, r.mask, node);
  for (const r of unconditional) if (r.readsOnly && r.path?.length === 1 && r.path[0] !== undefined) refineFieldReads(it, frame, scope, r.name, r.path[0], r.mask, node);
  // Guards that hold only for some callers' arguments clean variables only, and only there.
  for (const r of all) {
    if (unconditional.includes(r) || r.path || r.index !== undefined || r.readsOnly || r.ifRelative || r.ownIn !== undefined) continue;
    const cell = it.lookup(scope, r.name);
    if (r.orMask !== undefined) {
      if (cell) it.write(frame, cell, sanitizeEither(it.read(frame, cell), r.mask, r.orMask));
      continue;
    }
    const when = conditionsOfGuard(it, frame, scope, r);
    if (cell && when) it.write(frame, cell, sanitizeWhere(it.read(frame, cell), r.mask, when));
  }
  const refinements = unconditional.filter((r) => r.index === undefined && !r.readsOnly).filter((r) => {
    const cell = r.ifRelative ? it.lookup(scope, r.name) : undefined;
    return !r.ifRelative || (r.path === undefined && cell !== undefined && it.relativeCells.has(cell));
  }).filter((r) => r.ownIn === undefined || r.path !== undefined || !it.ownKeys.enumerates(scope, r.name, r.ownIn));
  // `dst = resolve(dir, entry.linkname)` confined by `dst.startsWith(root)`: so is the part it was resolved from
  // (and, through `rel = relative(root, target)`, the target and its parts).
  const seen = new Set<Cell>();
  for (let i = 0; i < refinements.length && i < 32; i++) {
    const r = refinements[i];
    const cell = r && !r.path ? it.lookup(scope, r.name) : undefined;
    if (!r || !cell || seen.has(cell) || (r.mask & kindBit('path-traversal')) === 0) continue;
    seen.add(cell);
    for (const part of it.pathParts.get(cell) ?? []) refinements.push({ ...part, mask: kindBit('path-traversal') });
  }
  for (const r of refinements) {
    const cell = it.lookup(scope, r.name);
    if (cell) it.write(frame, cell, r.path ? refineField(it, frame, it.read(frame, cell), r.path, r.mask, node) : sanitizeWithElements(it.read(frame, cell), r.mask));
  }
}

/**
 * The tests on parameters under which a conditional guard holds: its own, and for `list.includes(x)` on a list that
 * is a parameter path, that the caller's list is constant. Nothing when it cannot hold.
 */
function conditionsOfGuard(it: Interpreter, frame: Frame, scope: Scope, r: Refinement): readonly ParamCondition[] | undefined {
  const when = r.when ?? [];
  if (r.allowList === undefined) return when;
  const cell = it.lookup(scope, r.allowList);
  const list = cell ? it.read(frame, cell) : undefined;
  if (list?.taints.length === 0 && !list.aliases) return when;
  const origin = list ? aliasOf(list) : undefined;
  return origin ? [...when, { origin, test: 'constant', holds: true }] : undefined;
}

/**
 * `assert(key !== '__proto__')`, `assertSafeKey(key)`: a call statement that throws unless a condition holds
 * (Node's `assert`/`assert.ok`, or a user function, see assertionRefinements) leaves the condition true after it.
 */
export function applyAssertion(it: Interpreter, frame: Frame, scope: Scope, statement: Expression): void {
  // An async function's throw is a rejected promise: it stops the caller only when awaited.
  const awaited = statement.type === 'AwaitExpression';
  const e = awaited ? statement.argument : statement;
  // `await p.then(a)`: past it, `a` returned.
  if (awaited && e.type === 'CallExpression') applyCallbackChecks(it, frame, scope, chainPredecessors(e));
  if (e.type !== 'CallExpression' || !isPlainChain(e.callee)) return;
  const args = e.arguments.map((a) => (a.type === 'SpreadElement' ? undefined : a));
  if (peekApis(it, frame, scope, e.callee).some((r) => isNodeAssert(r))) {
    if (args[0]) applyRefinement(it, frame, scope, args[0], true);
    return;
  }
  const funcs = it.evalExpr(frame, scope, e.callee).funcs;
  const fn = funcs.length === 1 ? funcs[0] : undefined;
  const node = fn ? it.functions[fn.fnId]?.node : undefined;
  if (!fn || !node || node.generator || (node.async && !awaited)) return;
  const assertion = assertionOf(it, fn.fnId);
  for (const index of assertion.truthy) {
    const arg = args[index];
    if (arg) applyRefinement(it, frame, scope, arg, true);
  }
  const refinements: Refinement[] = [];
  for (const p of assertion.params) {
    const subject = subjectOf(args[p.index]) ?? elementSubjectOf(args[p.index]);
    const objArg = p.ownIn !== undefined ? args[p.ownIn] : undefined;
    const ownIn = objArg?.type === 'Identifier' ? { ownIn: objArg.name } : undefined;
    if (subject) refinements.push({ ...subject, mask: p.mask, ...ownIn });
  }
  if (refinements.length > 0) applyRefinements(it, frame, scope, refinements, e);
}

/**
 * Inline callbacks of the `then` calls a promise came through (`p.then(a).then(c)`: [c, a]). A rejection (a
 * callback that threw) skips every later `then` callback; `catch`, or a `then` with a rejection handler, may recover.
 */
export function chainPredecessors(promise: Expression | Super): FunctionLike[] {
  const out: FunctionLike[] = [];
  let x = promise;
  for (let i = 0; i < 32 && x.type === 'CallExpression' && x.callee.type === 'MemberExpression' && !x.callee.computed; i++) {
    const method = x.callee.property.name;
    const arg = x.arguments[0];
    if (x.arguments.length !== 1 || (method !== 'then' && method !== 'finally')) break;
    if (method === 'then' && (arg?.type === 'ArrowFunctionExpression' || arg?.type === 'FunctionExpression')) out.push(arg);
    x = x.callee.object;
  }
  return out;
}

/**
 * `p.then(a).then(b)`: `b` runs only after `a` returned, so the `if (c) throw` checks `a` made of `const`
 * variables both close over hold in `b` too (`a` throwing rejects the chain and skips `b`).
 */
export function applyChainGuards(it: Interpreter, frame: Frame, scope: Scope, fn: FunctionLike): void {
  applyCallbackChecks(it, frame, scope, it.chainPredecessors.get(fn) ?? []);
}

/** The `if (c) throw` checks of callbacks that returned, on `const` variables they close over (not their own). */
function applyCallbackChecks(it: Interpreter, frame: Frame, scope: Scope, callbacks: readonly FunctionLike[]): void {
  const isOuterConst = (r: Refinement): boolean => {
    const cell = r.path === undefined && r.index === undefined && !r.readsOnly && r.ownIn === undefined ? it.lookup(scope, r.name) : undefined;
    return cell !== undefined && it.constCells.has(cell);
  };
  for (const pred of callbacks) {
    const locals = boundNames(pred);
    const ctx = guardContext(it, frame, scope);
    for (const held of pred.body?.type === 'BlockStatement' ? conditionsHeldOnReturn(pred.body.body) : []) {
      if (mentionsAny(held.test, locals)) continue;
      const refinements = refineCondition(held.test, held.truthy, ctx).filter(isOuterConst);
      if (refinements.length > 0) applyRefinements(it, frame, scope, refinements, held.test);
    }
    // `a` resolves only once the promise it returns did: the checks of that chain's callbacks hold too.
    const inner = returnedPromise(pred);
    if (inner?.type !== 'CallExpression') continue;
    const callbacks = chainPredecessors(inner);
    const first = callbacks.at(-1);
    const resolved = first?.params[0]?.type === 'Identifier' ? first.params[0].name : undefined;
    const real = resolved !== undefined ? realpathTarget(it, frame, scope, chainReceiver(inner)) : undefined;
    for (const cb of callbacks) {
      if (cb.body?.type !== 'BlockStatement') continue;
      const own = new Set([...locals, ...boundNames(cb)]);
      for (const held of conditionsHeldOnReturn(cb.body.body)) {
        const refinements = refineCondition(held.test, held.truthy, ctx).flatMap((r): Refinement[] => {
          // `realpath(dirname(dest)).then((dir) => { if (!dir.startsWith(root)) throw })`: dest's directory is
          // inside root, and so is dest (a joined path ends in a name, not `..`).
          if (cb === first && r.name === resolved && r.path === undefined && r.index === undefined && (r.mask & kindBit('path-traversal')) !== 0) {
            return real !== undefined && !own.has(real) ? [{ name: real, mask: kindBit('path-traversal') }] : [];
          }
          return own.has(r.name) ? [] : [r];
        });
        const kept = refinements.filter(isOuterConst);
        if (kept.length > 0) applyRefinements(it, frame, scope, kept, held.test);
      }
    }
  }
}

/** What a callback's promise resolves with when it has one way out: `return p` (or an arrow's body `p`). */
function returnedPromise(fn: FunctionLike): Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (body.type !== 'BlockStatement') return body;
  const last = body.body.at(-1);
  if (last?.type !== 'ReturnStatement' || !last.argument) return undefined;
  return body.body.slice(0, -1).some((st) => containsReturn(st)) ? undefined : last.argument;
}

/** The promise at the start of a `then`/`finally` chain (`p` of `p.then(a).then(b)`). */
function chainReceiver(promise: Expression): Expression {
  let x = promise;
  for (let i = 0; i < 32 && x.type === 'CallExpression' && x.callee.type === 'MemberExpression' && !x.callee.computed && x.arguments.length === 1; i++) {
    const method = x.callee.property.name;
    if (method !== 'then' && method !== 'finally') break;
    if (x.callee.object.type === 'Super') break;
    x = x.callee.object;
  }
  return x;
}

const FS_MODULES = new Set(['fs', 'fs/promises', 'graceful-fs', 'fs-extra']);

/** `realpath(x)` / `realpath(dirname(x))` of an fs-like module (promisified or not): the variable `x`. */
function realpathTarget(it: Interpreter, frame: Frame, scope: Scope, e: Expression): string | undefined {
  if (e.type !== 'CallExpression' || e.callee.type === 'Super') return undefined;
  const isRealpath = peekApis(it, frame, scope, e.callee).some((r) => {
    const last = r.tokens.at(-1);
    return r.root.startsWith('m:') && FS_MODULES.has(normalizeModuleName(r.root.slice(2))) && (last === 'Member:realpath' || last === 'Member:native');
  });
  let arg = e.arguments[0];
  if (!isRealpath || e.arguments.length !== 1 || !arg || arg.type === 'SpreadElement') return undefined;
  if (arg.type === 'CallExpression' && arg.callee.type !== 'Super' && arg.arguments.length === 1) {
    const isDirname = peekApis(it, frame, scope, arg.callee).some((r) => normalizeModuleName(r.root.slice(2)) === 'path' && r.root.startsWith('m:') && r.tokens.at(-1) === 'Member:dirname');
    const inner = arg.arguments[0];
    if (!isDirname || !inner || inner.type === 'SpreadElement') return undefined;
    arg = inner;
  }
  return arg.type === 'Identifier' ? arg.name : undefined;
}

/** Names a function binds itself (parameters, declarations): any identifier inside a binding pattern, to be safe. */
function boundNames(fn: FunctionLike): ReadonlySet<string> {
  const names = new Set<string>();
  const collect = (pattern: Node): void => {
    const within = [pattern];
    for (let n = within.pop(); n; n = within.pop()) {
      if (n.type === 'Identifier') names.add(n.name);
      pushChildren(n, within);
    }
  };
  for (const p of fn.params) collect(p);
  const stack: Node[] = fn.body ? [fn.body] : [];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'VariableDeclarator') collect(n.id);
    else if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') && n.id) names.add(n.id.name);
    else if (n.type === 'CatchClause' && n.param) collect(n.param);
    pushChildren(n, stack);
  }
  return names;
}

function mentionsAny(e: Node, names: ReadonlySet<string>): boolean {
  const stack = [e];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'Identifier' && names.has(n.name)) return true;
    pushChildren(n, stack);
  }
  return false;
}

/** `assert(x)`, `assert.ok(x)`, `assert.strict(x)` of `assert` or `assert/strict`. */
function isNodeAssert(r: ApiRef): boolean {
  const module = r.root.startsWith('m:') ? normalizeModuleName(r.root.slice(2)) : undefined;
  if (module !== 'assert' && module !== 'assert/strict') return false;
  const tokens = r.tokens.filter((t) => t !== 'Member:strict');
  return tokens.length === 0 || (tokens.length === 1 && tokens[0] === 'Member:ok');
}

/** An identifier or a chain of named fields (`internals.assertKey`): evaluating it has no effect. */
function isPlainChain(e: Expression | Super): boolean {
  let x: Expression | Super = e;
  while (x.type === 'MemberExpression' && !x.computed) x = x.object;
  return x.type === 'Identifier';
}

/** What a user function that throws unless its checks hold proves of its arguments (memoised per function). */
function assertionOf(it: Interpreter, fnId: number): Assertion {
  const fn = it.functions[fnId];
  if (!fn) return NO_ASSERTION;
  if (fn.assertion) return fn.assertion;
  fn.assertion = NO_ASSERTION; // recursion through the function's own calls
  const frame = it.newFrame(undefined, fn.file, it.moduleOf(fn.file), EMPTY);
  fn.assertion = assertionRefinements(fn.node, guardContext(it, frame, fn.scope));
  return fn.assertion;
}

/** `obj.length` refined by a guard: later reads of `obj.length` see it refined until `obj` changes. */
function refineFieldReads(it: Interpreter, frame: Frame, scope: Scope, object: string, field: string, mask: number, node: Node): void {
  const cell = it.lookup(scope, object);
  if (!cell) return;
  const current = it.elementFacts.readField(frame.state, cell, field) ?? it.readMember(frame, it.read(frame, cell), field, node);
  it.elementFacts.refineField(frame.state, cell, field, sanitizeWithElements(current, mask));
}

/** `parts[i]` refined by a guard: later reads of `parts[i]` see it refined until `parts` or `i` changes. */
function refineElement(it: Interpreter, frame: Frame, scope: Scope, array: string, index: string, mask: number, node: Node): void {
  const arrayCell = it.lookup(scope, array);
  const indexCell = it.lookup(scope, index);
  if (!arrayCell || !indexCell) return;
  // As the computed read `parts[i]` evaluates it (an index is no constant key).
  const current = it.elementFacts.read(frame.state, indexCell, arrayCell) ?? it.readMember(frame, it.read(frame, arrayCell), undefined, node);
  it.elementFacts.refine(frame.state, indexCell, arrayCell, sanitizeWithElements(current, mask));
}

/** A variable declared unset (`let file;`) until its next assignment; any assignment forgets the guard it had. */
export function noteUnset(it: Interpreter, scope: Scope, name: string, unset: boolean): void {
  const cell = it.lookup(scope, name);
  if (!cell) return;
  it.guardedBy.delete(cell);
  if (unset) it.unsetCells.add(cell);
  else it.unsetCells.delete(cell);
}

/** Remember which variables and fields a path variable was joined or resolved from (see applyRefinement). */
export function notePathParts(it: Interpreter, frame: Frame, scope: Scope, name: string, init: Expression | undefined): void {
  const cell = it.lookup(scope, name);
  if (!cell) return;
  const call = init?.type === 'CallExpression' ? init : undefined;
  const derived = call !== undefined && call.callee.type !== 'Super' ? peekApis(it, frame, scope, call.callee).map((r) => derivedPathArgs(r.root, r.tokens)).find((d) => d !== undefined) : undefined;
  const args = derived === 'appended' ? call?.arguments.slice(1) : derived === 'target' ? call?.arguments.slice(1, 2) : [];
  const parts = (args ?? []).flatMap((a) => (a.type === 'SpreadElement' ? [] : (subjectOf(a) ?? [])));
  if (parts.length > 0) it.pathParts.set(cell, parts);
  else it.pathParts.delete(cell);
  if (derived === 'target') it.relativeCells.add(cell);
  else it.relativeCells.delete(cell);
}

/** `obj` with the field at `path` sanitised (a guard on `opts.name` holds for later reads of `opts.name`). */
function refineField(it: Interpreter, frame: Frame, obj: Value, path: readonly string[], mask: number, node: Node): Value {
  const [key, ...rest] = path;
  if (key === undefined) return sanitizeWithElements(obj, mask);
  return withProp(obj, key, refineField(it, frame, it.readMember(frame, obj, key, node), rest, mask, node));
}

export function guardContext(it: Interpreter, frame: Frame, scope: Scope): GuardContext {
  return {
    models: it.opts.models,
    constantOf: (e) => constantOf(it, frame, scope, e),
    apisOf: (e) => peekApis(it, frame, scope, e),
    predicateOf: (callee, truthy) => {
      const v = callee.type === 'Identifier' ? constantOf(it, frame, scope, callee) : undefined;
      return (v?.funcs ?? []).flatMap((f) => predicateOf(it, f.fnId, truthy));
    },
    elementOf: (e) => (frame.fn ? elementParamOf(frame.fn.node, it.callbackOf.get(frame.fn.node), e) : undefined),
    conditionOf: (e) => conditionOf(it, frame, scope, e),
  };
}

function conditionOf(it: Interpreter, frame: Frame, scope: Scope, e: Expression): ParamCondition | undefined {
  if (e.type === 'UnaryExpression' && e.operator === '!') {
    const c = conditionOf(it, frame, scope, e.argument);
    return c && negate(c);
  }
  if (e.type === 'ParenthesizedExpression') return conditionOf(it, frame, scope, e.expression);
  return e.type === 'Identifier' ? constantOf(it, frame, scope, e)?.cond : undefined;
}

/** What a user function returning a condition proves about its arguments (memoised per function). */
export function predicateOf(it: Interpreter, fnId: number, truthy: boolean): readonly PredicateFact[] {
  const fn = it.functions[fnId];
  if (!fn) return [];
  fn.predicate ??= new Map();
  const known = fn.predicate.get(truthy);
  if (known) return known;
  fn.predicate.set(truthy, []); // recursion through the predicate's own calls
  const frame = it.newFrame(undefined, fn.file, it.moduleOf(fn.file), EMPTY);
  const result = predicateRefinements(fn.node, truthy, guardContext(it, frame, fn.scope));
  fn.predicate.set(truthy, result);
  return result;
}

/** Value of an expression without side effects, for guards: only identifiers and member chains. */
function peekApis(it: Interpreter, frame: Frame, scope: Scope, e: Expression): readonly ApiRef[] {
  if (e.type === 'Identifier') {
    const cell = it.lookup(scope, e.name);
    return cell ? it.read(frame, cell).apis : [it.rootApi('g:', e.name)];
  }
  if (e.type === 'MemberExpression' && !e.computed && e.property.type === 'Identifier') {
    const name = e.property.name;
    return peekApis(it, frame, scope, e.object).map((r) => ({ root: r.root, tokens: [...r.tokens, `Member:${name}`], name: `${r.name}.${name}` }));
  }
  return [];
}

function constantOf(it: Interpreter, frame: Frame, scope: Scope, e: Expression): Value | undefined {
  if (e.type === 'Identifier') {
    const cell = it.lookup(scope, e.name);
    return cell ? it.read(frame, cell) : undefined;
  }
  if (e.type === 'ArrayExpression' || e.type === 'Literal' || e.type === 'NewExpression') return it.evalExpr(frame, scope, e);
  if (e.type === 'MemberExpression' && e.object.type === 'ThisExpression') return it.evalExpr(frame, scope, e);
  return undefined;
}
