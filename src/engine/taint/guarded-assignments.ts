import type { Expression, Node, Statement } from 'oxc-parser';
import { visitorKeys } from 'oxc-parser';

import { isNode } from './program-model.js';

/**
 * `let file; if (inside(p)) file = open(p); ... if (file) use(p)`: a variable left unset before a guarded
 * assignment is truthy only where the guard held. These helpers find the shape; the interpreter keeps the facts.
 */

/** `let x;`, `let x = null`, `= undefined`, `= false`: a variable known to be falsy until assigned. */
export function isUnsetInit(init: Expression | null | undefined): boolean {
  if (!init) return true;
  if (init.type === 'Identifier') return init.name === 'undefined';
  return init.type === 'Literal' && (init.value === null || init.value === false) && !('regex' in init);
}

const FUNCTIONS = new Set(['FunctionExpression', 'FunctionDeclaration', 'ArrowFunctionExpression', 'ClassExpression', 'ClassDeclaration']);

/** Variables a statement assigns with `=` (not inside nested functions). */
export function assignedNames(st: Statement): string[] {
  const out = new Set<string>();
  // Children by oxc's visitor keys (a list's items one level below the list), not Object.entries of every node.
  const visit = (node: Node, depth: number): void => {
    if (depth > 40 || FUNCTIONS.has(node.type)) return;
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier') out.add(node.left.name);
    const fields = node as unknown as Record<string, unknown>;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = fields[key];
      if (Array.isArray(child)) {
        if (depth + 1 <= 40) for (const c of child as unknown[]) if (isNode(c)) visit(c, depth + 2);
      } else if (isNode(child)) visit(child, depth + 1);
    }
  };
  visit(st, 0);
  return [...out];
}

/** `x` tested for truth (`if (x)`, `if (!x)` on its false branch): the variable name, else undefined. */
export function truthySubject(test: Expression, truthy: boolean): string | undefined {
  let e = test;
  let positive = truthy;
  while (e.type === 'UnaryExpression' && e.operator === '!') {
    e = e.argument;
    positive = !positive;
  }
  while (e.type === 'ParenthesizedExpression') e = e.expression;
  return positive && e.type === 'Identifier' ? e.name : undefined;
}
