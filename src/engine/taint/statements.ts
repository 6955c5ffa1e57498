// Evaluation of statements: blocks, branches with merged states, loops and switches.
import type { Expression, Node, Statement } from 'oxc-parser';
import { assignedNames, isUnsetInit } from './guarded-assignments.js';
import { excludedLabelsRefinement, refineCondition } from './guards.js';
import type { Cell, Scope } from './program-model.js';
import { pushChildren } from './program-model.js';
import { keyedGuardOf } from './keyed-guards.js';
import type { Value } from './value.js';
import { addStep, copyMap, EMPTY, join, kindBit, NUMERIC_CLEAN, sanitize, taintsOf, withoutTypeFacts } from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { assignTo, bindPattern, noteExportAlias, setWholeExports } from './assignments.js';
import { enter } from './budgets.js';
import { isBuiltinFunction } from './builtins.js';
import { applyAssertion, applyRefinement, applyRefinements, guardContext, notePathParts, noteUnset } from './refinements.js';
import { joinTests, negate, tagBranch, tagState } from './conditions.js';
import { builtinSecretSink, SECRET_NAME } from './sinks.js';
import { declaredNames, isLiteral, isTerminated } from './value-helpers.js';

function evalBlock(it: Interpreter, frame: Frame, parent: Scope, body: readonly Statement[]): void {
  const scope: Scope = { vars: new Map(), parent, isFunction: false };
  it.hoist(frame, scope, body);
  for (const st of body) {
    if (frame.terminated) return;
    evalStatement(it, frame, scope, st);
  }
}

export function evalStatement(it: Interpreter, frame: Frame, scope: Scope, st: Statement): void {
  enter(it, frame);
  try {
    evalStatementInner(it, frame, scope, st);
  } finally {
    it.nesting--;
  }
}

function evalStatementInner(it: Interpreter, frame: Frame, scope: Scope, st: Statement): void {
  switch (st.type) {
    case 'ExpressionStatement':
      it.evalExpr(frame, scope, st.expression);
      applyAssertion(it, frame, scope, st.expression);
      return;
    case 'VariableDeclaration':
      for (const d of st.declarations) {
        const target = st.kind === 'var' ? it.functionScope(scope) : scope;
        if (d.id.type === 'Identifier') it.nameHint = d.id.name;
        const v = d.init ? it.evalExpr(frame, scope, d.init) : EMPTY;
        it.nameHint = undefined;
        if (d.id.type === 'Identifier') builtinSecretSink(it, frame, d.id.name, v, d);
        bindPattern(it, frame, target, d.id, d.init ? addStep(v, it.step(frame, d, 'step', `assigned to ${it.text(frame, d.id)}`), it.opts.maxPathLength) : v);
        if (d.init) noteExportAlias(it, frame, target, d.id, d.init);
        if (d.id.type === 'Identifier') notePathParts(it, frame, scope, d.id.name, d.init ?? undefined);
        if (d.id.type === 'Identifier') noteUnset(it, scope, d.id.name, isUnsetInit(d.init));
        const cell = st.kind === 'const' && d.id.type === 'Identifier' ? it.lookup(scope, d.id.name) : undefined;
        if (cell) it.constCells.add(cell);
        if (d.id.type === 'Identifier') it.ownKeys.bindAssignment(target, d.id.name, d.init ?? undefined);
      }
      return;
    case 'FunctionDeclaration':
      return; // hoisted
    case 'ClassDeclaration':
      if (st.id) it.declare(frame, scope, st.id.name, it.evalClass(frame, scope, st, st.id.name));
      return;
    case 'ReturnStatement': {
      if (st.argument) {
        const v = it.evalExpr(frame, scope, st.argument);
        if (frame.fn && SECRET_NAME.test(frame.fn.name)) builtinSecretSink(it, frame, frame.fn.name, v, st);
        frame.ret = join(frame.ret, v);
      }
      frame.terminated = true;
      return;
    }
    case 'ThrowStatement':
      it.noteMessageText(st.argument);
      it.evalExpr(frame, scope, st.argument);
      frame.terminated = true;
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
      frame.terminated = true;
      return;
    case 'BlockStatement':
      evalBlock(it, frame, scope, st.body);
      return;
    case 'IfStatement':
      evalIf(it, frame, scope, st.test, st.consequent, st.alternate);
      return;
    case 'ForStatement': {
      const loopScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
      if (st.init) {
        if (st.init.type === 'VariableDeclaration') evalStatement(it, frame, loopScope, st.init);
        else it.evalExpr(frame, loopScope, st.init);
      }
      evalLoop(it, frame, loopScope, st.body, () => {
        if (st.test) it.evalExpr(frame, loopScope, st.test);
        if (st.update) it.evalExpr(frame, loopScope, st.update);
      });
      return;
    }
    case 'ForInStatement':
    case 'ForOfStatement': {
      const loopScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
      const right = it.evalExpr(frame, scope, st.right);
      // Keys and elements of a tainted object are tainted.
      const elem = join(withoutTypeFacts(taintsOf(right)), right.props?.get('*') ?? EMPTY);
      const item = st.type === 'ForInStatement' ? withoutTypeFacts(taintsOf(right)) : elem;
      evalLoop(it, frame, loopScope, st.body, () => {
        if (st.left.type === 'VariableDeclaration') {
          const d = st.left.declarations[0];
          if (d) bindPattern(it, frame, st.left.kind === 'var' ? it.functionScope(scope) : loopScope, d.id, item);
        } else assignTo(it, frame, loopScope, st.left as Expression, item);
        if (st.type === 'ForInStatement') it.ownKeys.bindForIn(loopScope, st.left, st.right);
      });
      return;
    }
    case 'WhileStatement':
    case 'DoWhileStatement':
      evalLoop(it, frame, scope, st.body, () => it.evalExpr(frame, scope, st.test));
      return;
    case 'TryStatement': {
      const before = copyMap(frame.state);
      evalBlock(it, frame, scope, st.block.body);
      const afterTry = frame.state;
      const tryTerminated = frame.terminated;
      if (st.handler) {
        frame.state = mergeStates(it, before, afterTry);
        frame.terminated = false;
        const hScope: Scope = { vars: new Map(), parent: scope, isFunction: false };
        if (st.handler.param) bindPattern(it, frame, hScope, st.handler.param, EMPTY);
        evalBlock(it, frame, hScope, st.handler.body.body);
        const handlerTerminated = frame.terminated;
        frame.state = tryTerminated ? frame.state : isTerminated(frame) ? afterTry : mergeStates(it, afterTry, frame.state);
        frame.terminated = tryTerminated && handlerTerminated;
      }
      if (st.finalizer) {
        const t = frame.terminated;
        frame.terminated = false;
        evalBlock(it, frame, scope, st.finalizer.body);
        frame.terminated ||= t;
      }
      return;
    }
    case 'SwitchStatement':
      evalSwitch(it, frame, scope, st);
      return;
    case 'LabeledStatement':
      evalStatement(it, frame, scope, st.body);
      return;
    case 'ExportNamedDeclaration': {
      if (st.exportKind === 'type') return;
      if (st.declaration) {
        const decl = st.declaration;
        evalStatement(it, frame, scope, decl);
        for (const name of declaredNames(decl)) {
          const cell = it.lookup(scope, name);
          if (cell) it.setExport(frame, name, it.read(frame, cell));
        }
      }
      if (st.source) {
        const mod = it.importModule(frame, st.source.value, st);
        for (const s of st.specifiers) {
          const local = s.local.type === 'Literal' ? s.local.value : s.local.name;
          const exported = s.exported.type === 'Literal' ? s.exported.value : s.exported.name;
          it.setExport(frame, exported, local === 'default' ? (mod.props?.get('default') ?? mod) : it.readMember(frame, mod, local, s));
        }
      } else {
        for (const s of st.specifiers) {
          const local = s.local.type === 'Literal' ? s.local.value : s.local.name;
          const exported = s.exported.type === 'Literal' ? s.exported.value : s.exported.name;
          const cell = it.lookup(scope, local);
          it.setExport(frame, exported, cell ? it.read(frame, cell) : EMPTY);
        }
      }
      return;
    }
    case 'ExportDefaultDeclaration': {
      const d = st.declaration;
      let v: Value;
      if (d.type === 'FunctionDeclaration') {
        v = d.id ? it.read(frame, it.lookup(scope, d.id.name) ?? { name: '', joined: EMPTY }) : it.functionValue(frame, scope, d, 'default');
      } else if (d.type === 'ClassDeclaration') {
        v = it.evalClass(frame, scope, d, d.id?.name ?? 'default');
        if (d.id) it.declare(frame, scope, d.id.name, v);
      } else if (d.type === 'TSInterfaceDeclaration') return;
      else {
        it.nameHint = 'default';
        v = it.evalExpr(frame, scope, d);
        it.nameHint = undefined;
      }
      it.setExport(frame, 'default', v);
      return;
    }
    case 'ExportAllDeclaration': {
      const mod = it.importModule(frame, st.source.value, st);
      if (st.exported) {
        const name = st.exported.type === 'Literal' ? st.exported.value : st.exported.name;
        it.setExport(frame, name, mod);
      } else {
        for (const [k, v] of mod.props ?? []) if (k !== 'default') it.setExport(frame, k, v);
      }
      return;
    }
    case 'TSExportAssignment':
      setWholeExports(it, frame, it.evalExpr(frame, scope, st.expression));
      return;
    default:
      return;
  }
}

function evalIf(it: Interpreter, frame: Frame, scope: Scope, test: Expression, cons: Statement, alt: Statement | null): void {
  const cond = it.evalExpr(frame, scope, test);
  if (isBuiltinFunction(cond)) {
    // Feature detection of a standard built-in (`if (gOPD)`, `Object.defineProperty`): always present on Node.
    evalStatement(it, frame, scope, cons);
    return;
  }
  const before = frame.state;
  const retBefore = frame.ret;
  frame.state = copyMap(before);
  applyRefinement(it, frame, scope, test, true);
  let assigned = alt ? [] : it.assignedIn.get(cons);
  if (!assigned) it.assignedIn.set(cons, (assigned = assignedNames(cons)));
  const unset = assigned.flatMap((n) => it.lookup(scope, n) ?? []).filter((c) => it.unsetCells.has(c));
  evalStatement(it, frame, scope, cons);
  if (unset.length > 0) {
    const refinements = refineCondition(test, true, guardContext(it, frame, scope));
    if (refinements.length > 0) for (const c of unset) it.guardedBy.set(c, { refinements, scope });
  }
  const s1 = frame.state;
  const t1 = frame.terminated;
  const r1 = frame.ret;
  const c = cond.cond;
  if (c) frame.ret = retBefore;
  frame.terminated = false;
  frame.state = copyMap(before);
  applyRefinement(it, frame, scope, test, false);
  const keyed = alt ? keyedGuardOf(test, scope, (sc, name) => it.lookup(sc, name)) : undefined;
  if (keyed) it.keyedGuards.push(keyed);
  try {
    if (alt) evalStatement(it, frame, scope, alt);
  } finally {
    if (keyed) it.keyedGuards.pop();
  }
  const s2 = frame.state;
  const t2 = isTerminated(frame);
  // A test on a parameter (`if (!opts.raw) s = escape(s)`): what differs between the branches depends on the caller.
  if (c) frame.ret = join(tagBranch(r1, retBefore, c), tagBranch(frame.ret, retBefore, negate(c)));
  frame.state = t1 && !t2 ? s2 : t2 && !t1 ? s1 : c ? mergeStates(it, tagState(s1, s2, c), tagState(s2, s1, negate(c))) : mergeStates(it, s1, s2);
  frame.terminated = t1 && t2;
}

function evalLoop(it: Interpreter, frame: Frame, scope: Scope, body: Statement, header: () => void): void {
  const before = copyMap(frame.state);
  for (let i = 0; i < 2; i++) {
    header();
    evalStatement(it, frame, scope, body);
    frame.terminated = false;
    if (it.nesting > 6) break; // deep loop nests: one pass only
  }
  frame.state = mergeStates(it, before, frame.state);
}

function evalSwitch(it: Interpreter, frame: Frame, scope: Scope, st: Extract<Statement, { type: 'SwitchStatement' }>): void {
  it.evalExpr(frame, scope, st.discriminant);
  const before = frame.state;
  const ends: Map<Cell, Value>[] = [];
  let hasDefault = false;
  let fallthrough: Map<Cell, Value> | undefined;
  const disc = st.discriminant.type === 'Identifier' ? it.lookup(scope, st.discriminant.name) : undefined;
  for (const c of st.cases) {
    frame.state = fallthrough ? mergeStates(it, fallthrough, before) : copyMap(before);
    frame.terminated = false;
    if (!c.test) hasDefault = true;
    // A literal case label is an allow-list entry: the discriminant is that constant here (`'__proto__'` is no safe key).
    const label = c.test?.type === 'Literal' ? c.test.value : undefined;
    const mask = label === '__proto__' || label === 'constructor' || label === 'prototype' ? NUMERIC_CLEAN & ~kindBit('prototype-pollution') : NUMERIC_CLEAN;
    if (c.test && disc && isLiteral(c.test) && !fallthrough) it.write(frame, disc, sanitize(it.read(frame, disc), mask));
    for (const s of c.consequent) {
      if (isTerminated(frame)) break;
      evalStatement(it, frame, scope, s);
    }
    if (isTerminated(frame)) {
      fallthrough = undefined;
      // A case that leaves the function (`case '__proto__': return obj;`) does not reach the code after the switch.
      if (!leavesFunction(c.consequent)) ends.push(frame.state);
    } else fallthrough = frame.state;
  }
  if (fallthrough) ends.push(fallthrough);
  if (!hasDefault) {
    // No label matched: the discriminant is none of the string labels.
    frame.state = copyMap(before);
    const labels = st.cases.flatMap((c) => (c.test?.type === 'Literal' && typeof c.test.value === 'string' ? [c.test.value] : []));
    const excluded = st.discriminant.type === 'Identifier' ? excludedLabelsRefinement(st.discriminant.name, labels) : undefined;
    if (excluded) applyRefinements(it, frame, scope, [excluded], st);
    ends.push(frame.state);
  }
  frame.terminated = false;
  frame.state = ends.reduce((a, b) => mergeStates(it, a, b), ends[0] ?? before);
}

/** Statements that end in `return` or `throw` with no `break`/`continue` on the way (which would stay in the function). */
function leavesFunction(body: readonly Statement[]): boolean {
  const last = body.at(-1);
  const end = last?.type === 'BlockStatement' ? last.body.at(-1) : last;
  if (end?.type !== 'ReturnStatement' && end?.type !== 'ThrowStatement') return false;
  const stack: Node[] = [...body];
  let budget = 2_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'BreakStatement' || n.type === 'ContinueStatement') return false;
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassExpression' || n.type === 'ClassDeclaration') continue;
    pushChildren(n, stack);
  }
  return budget > 0;
}

export function mergeStates(it: Interpreter, a: Map<Cell, Value>, b: Map<Cell, Value>): Map<Cell, Value> {
  if (a === b) return a;
  const out = copyMap(a);
  for (const [cell, v] of b) {
    const old = out.get(cell);
    out.set(cell, old ? joinTests(old, v) : v);
  }
  it.elementFacts.keepCommon(out, a, b);
  return out;
}
