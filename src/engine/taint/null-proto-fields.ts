import type { Expression, Node, Program } from 'oxc-parser';

import { pushChildren } from './program-model.js';

/**
 * Fields of `this` that every assignment in a file sets to a prototype-less object
 * (`this.cache = Object.create(null)`, class field `cache = Object.create(null)`). Reading such a field in a
 * method of the same file gives an object without `__proto__`/`constructor`, so a key read from it cannot
 * reach `Object.prototype`. A field assigned anything else anywhere in the file is not one.
 */
export function nullProtoFields(program: Program): ReadonlySet<string> {
  const fresh = new Set<string>();
  const other = new Set<string>();
  const stack: Node[] = [program];
  let budget = 200_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression' && n.left.object.type === 'ThisExpression' && !n.left.computed && n.left.property.type === 'Identifier') {
      (n.operator === '=' && isNullProtoObject(n.right) ? fresh : other).add(n.left.property.name);
    }
    if (n.type === 'PropertyDefinition' && !n.static && !n.computed && n.key.type === 'Identifier' && n.value) {
      (isNullProtoObject(n.value) ? fresh : other).add(n.key.name);
    }
    pushChildren(n, stack);
  }
  if (budget <= 0) return new Set();
  return new Set([...fresh].filter((f) => !other.has(f)));
}

/** `Object.create(null)` or `{ __proto__: null }`. */
function isNullProtoObject(e: Expression): boolean {
  if (e.type === 'CallExpression') {
    const c = e.callee;
    const arg = e.arguments[0];
    return (
      c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && c.object.name === 'Object' && c.property.type === 'Identifier' && c.property.name === 'create' &&
      arg?.type === 'Literal' && arg.value === null && e.arguments.length === 1
    );
  }
  if (e.type === 'ObjectExpression') {
    return e.properties.some((p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === '__proto__') || (p.key.type === 'Literal' && p.key.value === '__proto__')) && p.value.type === 'Literal' && p.value.value === null);
  }
  return false;
}
