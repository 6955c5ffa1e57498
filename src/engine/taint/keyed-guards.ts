// Guards that hold for one key of a dispatch table: `if (by === 'pid' && typeof value !== 'number') reject(...)
// else table[by](value)`. Past the test, `value` is a number whenever `table[by]` is `table.pid`.
import type { Expression } from 'oxc-parser';
import type { Cell, Scope } from './program-model.js';

/** A test `key === 'lit' && guard` that failed: where `key` is `lit`, `guard` is false. */
export interface KeyedGuard {
  readonly key: Cell;
  readonly lit: string;
  readonly guard: Expression;
  readonly scope: Scope;
}

type Lookup = (scope: Scope, name: string) => Cell | undefined;

function stringLiteral(e: Expression): string | undefined {
  return e.type === 'Literal' && typeof e.value === 'string' ? e.value : undefined;
}

/** `key === 'lit' && guard` (either operand order of the comparison): the key variable, the literal and the guard. */
export function keyedGuardOf(test: Expression, scope: Scope, lookup: Lookup): KeyedGuard | undefined {
  if (test.type !== 'LogicalExpression' || test.operator !== '&&') return undefined;
  const eq = test.left;
  if (eq.type !== 'BinaryExpression' || (eq.operator !== '===' && eq.operator !== '==')) return undefined;
  for (const [a, b] of [[eq.left, eq.right], [eq.right, eq.left]] as const) {
    const lit = stringLiteral(b);
    const key = a.type === 'Identifier' && lit !== undefined ? lookup(scope, a.name) : undefined;
    if (key && lit !== undefined) return { key, lit, guard: test.right, scope };
  }
  return undefined;
}
