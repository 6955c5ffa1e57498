// Assignments: binding patterns, member writes with strong updates, and writes to the module exports.
import type { BindingPattern, Expression, Node } from 'oxc-parser';
import type { IsModuleBinding } from './export-aliases.js';
import { isExportsObject, isExportsReference } from './export-aliases.js';
import type { Cell, Scope } from './program-model.js';
import type { Value } from './value.js';
import { addStep, copyMap, EMPTY, join, valueWith } from './value.js';
import type { Frame, Interpreter } from './interpreter.js';
import { checkPollution } from './pollution.js';
import { builtinSecretSink, fieldWriteSink, SECRET_NAME } from './sinks.js';
import { isPlainReference, withProp } from './value-helpers.js';

export function bindPattern(it: Interpreter, frame: Frame, scope: Scope, pat: BindingPattern, v: Value): void {
  switch (pat.type) {
    case 'Identifier':
      it.declare(frame, scope, pat.name, v);
      return;
    case 'ObjectPattern':
      for (const p of pat.properties) {
        if (p.type === 'RestElement') bindPattern(it, frame, scope, p.argument, v);
        else {
          const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
          bindPattern(it, frame, scope, p.value, it.readMember(frame, v, key, p));
        }
      }
      return;
    case 'ArrayPattern':
      for (const el of pat.elements) {
        if (!el) continue;
        bindPattern(it, frame, scope, el.type === 'RestElement' ? el.argument : el, it.readMember(frame, v, undefined, el));
      }
      return;
    case 'AssignmentPattern': {
      const def = it.evalExpr(frame, scope, pat.right);
      bindPattern(it, frame, scope, pat.left, join(v, def));
      return;
    }
    default:
      return;
  }
}

export function assignTo(it: Interpreter, frame: Frame, scope: Scope, target: Expression | BindingPattern, v: Value): void {
  if (target.type === 'Identifier') {
    const cell = it.lookup(scope, target.name) ?? it.declare(frame, it.functionScope(scope), target.name, EMPTY);
    it.write(frame, cell, v);
    // A closure moving a cursor of the function around it (`keys.forEach(k => { o = o[k] })`): replayed at its calls.
    // Only object steps: strings a callback accumulates (`source += text`) are not followed.
    const fn = frame.fn;
    if (fn && it.assignedValue?.type === 'MemberExpression' && it.lookup(fn.scope, target.name) === cell && it.lookup(frame.module.scope, target.name) !== cell) {
      const writes = (frame.summary.outerWrites ??= new Map<Cell, Value>());
      writes.set(cell, join(writes.get(cell) ?? EMPTY, v));
    }
    if (cell.name === 'exports' && cell === it.lookup(frame.module.scope, 'exports')) setWholeExports(it, frame, v);
    return;
  }
  if (target.type === 'ObjectPattern' || target.type === 'ArrayPattern' || target.type === 'AssignmentPattern') {
    bindPatternAssign(it, frame, scope, target, v);
    return;
  }
  if (target.type === 'MemberExpression') {
    assignMember(it, frame, scope, target, v);
    return;
  }
  if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression' || target.type === 'ParenthesizedExpression') {
    assignTo(it, frame, scope, target.expression, v);
  }
}

function bindPatternAssign(it: Interpreter, frame: Frame, scope: Scope, pat: Node, v: Value): void {
  if (pat.type === 'ObjectPattern') {
    for (const p of pat.properties) {
      if (p.type === 'RestElement') assignTo(it, frame, scope, p.argument as Expression, v);
      else {
        const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : undefined;
        assignTo(it, frame, scope, p.value as Expression, it.readMember(frame, v, key, p));
      }
    }
  } else if (pat.type === 'ArrayPattern') {
    for (const el of pat.elements) {
      if (el) assignTo(it, frame, scope, (el.type === 'RestElement' ? el.argument : el) as Expression, it.readMember(frame, v, undefined, el));
    }
  } else if (pat.type === 'AssignmentPattern') {
    assignTo(it, frame, scope, pat.left as Expression, join(v, it.evalExpr(frame, scope, pat.right)));
  }
}

export function setWholeExports(it: Interpreter, frame: Frame, v: Value): void {
  frame.module.exports = v;
  if (frame.fn) frame.summary.exports = join(frame.summary.exports ?? EMPTY, v);
}

export function memberName(it: Interpreter, frame: Frame, scope: Scope, m: Extract<Expression, { type: 'MemberExpression' }>): string | undefined {
  if (!m.computed) return m.property.type === 'PrivateIdentifier' ? `#${m.property.name}` : m.property.name;
  const p = m.property;
  if (p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number')) return String(p.value);
  const v = it.evalExpr(frame, scope, p);
  return v.str;
}

/** `a.b.c = v`: strong update of the root variable's known fields, plus `module.exports` and `this`. */
function assignMember(it: Interpreter, frame: Frame, scope: Scope, target: Extract<Expression, { type: 'MemberExpression' }>, v: Value): void {
  const name = memberName(it, frame, scope, target);
  const stepped = addStep(v, it.step(frame, target, 'field', `stored in ${it.text(frame, target)}`), it.opts.maxPathLength);
  if (name !== undefined && SECRET_NAME.test(name)) builtinSecretSink(it, frame, name, v, target);
  if (target.computed && name === undefined) checkPollution(it, frame, scope, target, v);
  if (name !== undefined && v.taints.length > 0 && isPlainReference(target.object)) {
    fieldWriteSink(it, frame, it.evalExpr(frame, scope, target.object), name, v, target, frame.file, frame.enclosing);
  }
  // module.exports = v / module.exports.x = v / exports.x = v
  const obj = target.object;
  if (obj.type === 'Identifier' && obj.name === 'module' && name === 'exports' && isModuleBinding(it, frame, scope, 'module')) {
    setWholeExports(it, frame, v);
    return;
  }
  if (
    name !== undefined &&
    ((obj.type === 'Identifier' && obj.name === 'exports' && isModuleBinding(it, frame, scope, 'exports')) ||
      (obj.type === 'MemberExpression' && !obj.computed && obj.object.type === 'Identifier' && obj.object.name === 'module' && obj.property.type === 'Identifier' && obj.property.name === 'exports' && isModuleBinding(it, frame, scope, 'module')))
  ) {
    const ex = frame.module.exports;
    const props = copyMap(ex.props);
    props.set(name, v);
    frame.module.exports = valueWith(ex, { props });
    return;
  }
  if (obj.type === 'ThisExpression') {
    if (name !== undefined) frame.summary.thisProps.set(name, join(frame.summary.thisProps.get(name) ?? EMPTY, v));
    return;
  }
  updatePath(it, frame, scope, obj, name ?? '*', stepped);
}

/** `x = module.exports = ...` or `module.exports = x`: later writes to `x` are writes to the exports. */
export function noteExportAlias(it: Interpreter, frame: Frame, scope: Scope, left: Node, right: Expression): void {
  const isModule: IsModuleBinding = (name) => isModuleBinding(it, frame, scope, name);
  let alias: string | undefined;
  if (left.type === 'Identifier' && isExportsObject(right, isModule)) alias = left.name;
  else if (right.type === 'Identifier' && isExportsReference(left as Expression, isModule)) alias = right.name;
  const cell = alias === undefined ? undefined : it.lookup(scope, alias);
  if (cell && cell !== frame.module.scope.vars.get('module')) frame.module.exportAliases.add(cell);
}

function isModuleBinding(it: Interpreter, frame: Frame, scope: Scope, name: string): boolean {
  return it.lookup(scope, name) === frame.module.scope.vars.get(name);
}

export function updatePath(it: Interpreter, frame: Frame, scope: Scope, objExpr: Expression, key: string, v: Value): void {
  if (objExpr.type === 'ThisExpression') {
    frame.summary.thisProps.set(key, join(frame.summary.thisProps.get(key) ?? EMPTY, v));
    return;
  }
  if (objExpr.type === 'Identifier') {
    const cell = it.lookup(scope, objExpr.name);
    if (!cell) return;
    const cur = it.read(frame, cell);
    it.write(frame, cell, withProp(cur, key, v));
    return;
  }
  if (objExpr.type === 'MemberExpression') {
    const parentKey = memberName(it, frame, scope, objExpr) ?? '*';
    const parent = it.evalExpr(frame, scope, objExpr);
    if (objExpr.object.type === 'ThisExpression') {
      frame.summary.thisProps.set(parentKey, withProp(parent, key, v));
      return;
    }
    updatePath(it, frame, scope, objExpr.object, parentKey, withProp(parent, key, v));
  }
}
