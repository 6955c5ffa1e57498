import type { Expression, Statement } from 'oxc-parser';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

import { assignedNames, isUnsetInit, truthySubject } from './guarded-assignments.js';

function statement(code: string): Statement {
  const st = parseSync('t.js', code).program.body[0];
  if (!st) throw new Error('no statement');
  return st;
}

function expression(code: string): Expression {
  const st = statement(`(${code});`);
  if (st.type !== 'ExpressionStatement') throw new Error('not an expression');
  return st.expression.type === 'ParenthesizedExpression' ? st.expression.expression : st.expression;
}

describe('guarded assignments', () => {
  it('knows which initialisers leave a variable falsy', () => {
    expect(isUnsetInit(undefined)).toBe(true);
    expect(isUnsetInit(expression('null'))).toBe(true);
    expect(isUnsetInit(expression('undefined'))).toBe(true);
    expect(isUnsetInit(expression('false'))).toBe(true);
    expect(isUnsetInit(expression('open(p)'))).toBe(false);
    expect(isUnsetInit(expression('"x"'))).toBe(false);
  });

  it('lists variables a branch assigns, not those assigned inside nested functions', () => {
    expect(assignedNames(statement('if (ok) { file = await stat(p); n.x = 1; }'))).toEqual(['file']);
    expect(assignedNames(statement('if (ok) run(() => { file = 1; });'))).toEqual([]);
  });

  it('names the variable a test proves truthy', () => {
    expect(truthySubject(expression('file'), true)).toBe('file');
    expect(truthySubject(expression('!file'), false)).toBe('file');
    expect(truthySubject(expression('!file'), true)).toBeUndefined();
    expect(truthySubject(expression('file.ok'), true)).toBeUndefined();
  });
});
