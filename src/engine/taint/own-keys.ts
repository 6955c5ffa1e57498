import type { Expression, Node } from 'oxc-parser';

import type { Cell, Scope } from './program-model.js';

type Lookup = (scope: Scope, name: string) => Cell | undefined;

/**
 * Which variables hold keys enumerated from which object: `for (k in src)`, `const keys = Object.keys(src)`
 * then `key = keys[i]`. Reading `src[k]` back gets one of src's own (or enumerable) properties, never a
 * prototype reached through `__proto__` or `constructor`, so that read does not carry the pollution flow state.
 * Objects are identified by variable name, compared again at the read (the variable may be shadowed).
 */
export class OwnKeyTracker {
  /** Key variable -> the object variable its keys come from. */
  private readonly keyOf = new WeakMap<Cell, { readonly object: string; readonly cell: Cell | undefined }>();
  /** Array variable holding `Object.keys(obj)` -> the object variable. */
  private readonly keysArrayOf = new WeakMap<Cell, { readonly object: string; readonly cell: Cell | undefined }>();

  constructor(private readonly lookup: Lookup) {}

  /** `for (k in src)` / `for (const k in src)`. */
  bindForIn(scope: Scope, left: Node, right: Expression): void {
    const name = left.type === 'VariableDeclaration' ? (left.declarations[0]?.id.type === 'Identifier' ? left.declarations[0].id.name : undefined) : left.type === 'Identifier' ? left.name : undefined;
    const keyCell = name !== undefined ? this.lookup(scope, name) : undefined;
    if (!keyCell) return;
    if (right.type === 'Identifier') this.keyOf.set(keyCell, { object: right.name, cell: this.lookup(scope, right.name) });
    else this.keyOf.delete(keyCell);
  }

  /** `x = init`: remember or forget what `x` enumerates. */
  bindAssignment(scope: Scope, name: string, init: Expression | undefined): void {
    const cell = this.lookup(scope, name);
    if (!cell) return;
    this.keyOf.delete(cell);
    this.keysArrayOf.delete(cell);
    if (!init) return;
    const keysOf = ownKeysCallArgument(init);
    if (keysOf !== undefined) {
      this.keysArrayOf.set(cell, { object: keysOf, cell: this.lookup(scope, keysOf) });
      return;
    }
    // key = keys[i]
    if (init.type === 'MemberExpression' && init.computed && init.object.type === 'Identifier') {
      const arr = this.lookup(scope, init.object.name);
      const from = arr ? this.keysArrayOf.get(arr) : undefined;
      if (from) this.keyOf.set(cell, from);
    }
  }

  /** `key` enumerates the keys of the variable `object` (`for (key in object)`, `key = Object.keys(object)[i]`). */
  enumerates(scope: Scope, key: string, object: string): boolean {
    const keyCell = this.lookup(scope, key);
    const from = keyCell ? this.keyOf.get(keyCell) : undefined;
    if (from?.object !== object) return false;
    return from.cell === undefined || from.cell === this.lookup(scope, object);
  }

  /** `src[k]` where `k` enumerates `src`. */
  isOwnKeyRead(scope: Scope, e: Extract<Expression, { type: 'MemberExpression' }>): boolean {
    if (!e.computed || e.property.type !== 'Identifier' || e.object.type !== 'Identifier') return false;
    return this.enumerates(scope, e.property.name, e.object.name);
  }
}

/** `Object.keys(x)` / `Object.getOwnPropertyNames(x)` / `Reflect.ownKeys(x)`: the name `x`. */
function ownKeysCallArgument(e: Expression): string | undefined {
  if (e.type !== 'CallExpression' || e.callee.type !== 'MemberExpression' || e.callee.computed) return undefined;
  const c = e.callee;
  if (c.object.type !== 'Identifier' || c.property.type !== 'Identifier') return undefined;
  const ok = (c.object.name === 'Object' && (c.property.name === 'keys' || c.property.name === 'getOwnPropertyNames')) || (c.object.name === 'Reflect' && c.property.name === 'ownKeys');
  const arg = e.arguments[0];
  return ok && arg?.type === 'Identifier' ? arg.name : undefined;
}
