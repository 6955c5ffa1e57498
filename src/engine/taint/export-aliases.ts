import type { Expression } from 'oxc-parser';

import type { Cell } from './program-model.js';
import type { Value } from './value.js';
import { join } from './value.js';

/** Whether `module` or `exports` at this point is the module's own binding (not shadowed). */
export type IsModuleBinding = (name: 'module' | 'exports') => boolean;

function unwrap(e: Expression): Expression {
  let x = e;
  while (x.type === 'ParenthesizedExpression' || x.type === 'TSAsExpression' || x.type === 'TSNonNullExpression' || x.type === 'TSSatisfiesExpression') x = x.expression;
  return x;
}

/** `module.exports` or `exports`, bound to the module. */
export function isExportsReference(e: Expression, isModuleBinding: IsModuleBinding): boolean {
  const x = unwrap(e);
  if (x.type === 'Identifier') return x.name === 'exports' && isModuleBinding('exports');
  return (
    x.type === 'MemberExpression' &&
    !x.computed &&
    x.object.type === 'Identifier' &&
    x.object.name === 'module' &&
    x.property.type === 'Identifier' &&
    x.property.name === 'exports' &&
    isModuleBinding('module')
  );
}

/**
 * Whether an expression evaluates to the exports object itself: `module.exports`, `exports`, or an
 * assignment to one of them (`var cs = module.exports = {}`, `exports = module.exports = create()`).
 */
export function isExportsObject(e: Expression, isModuleBinding: IsModuleBinding): boolean {
  const x = unwrap(e);
  if (isExportsReference(x, isModuleBinding)) return true;
  if (x.type === 'AssignmentExpression' && x.operator === '=') {
    return isExportsReference(x.left as Expression, isModuleBinding) || isExportsObject(x.right, isModuleBinding);
  }
  return false;
}

/**
 * Values are immutable, so `cs.get = f` after `var cs = module.exports = {}` updates `cs` only. The
 * module's exports are what its aliases hold when the module finishes: join everything written to them.
 */
export function joinExportAliases(exports: Value, aliases: ReadonlySet<Cell>, moduleCell: Cell): Value {
  let out = exports;
  const viaModule = moduleCell.joined.props?.get('exports');
  if (viaModule) out = join(out, viaModule);
  for (const cell of aliases) out = join(out, cell.joined);
  return out;
}
