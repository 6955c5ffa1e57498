import { describe, expect, it } from 'vitest';

import type { Taint, Value } from './value.js';
import { constString, EMPTY, join } from './value.js';

const taint = (key: string, clean = 0): Taint => ({ origin: { kind: 'param', key, fn: 0, index: 0, path: [key] }, steps: undefined, clean, weak: false });

describe('abstract values', () => {
  it('builds every joined value with the fields of EMPTY, in their order', () => {
    const a: Value = { ...EMPTY, taints: [taint('a')], isNumber: true, bool: true };
    const b: Value = { ...EMPTY, funcs: [{ fnId: 1 }], props: new Map([['x', constString('x')]]) };
    expect(Object.keys(join(a, b))).toEqual(Object.keys(EMPTY));
    expect(Object.keys(join(constString('x'), constString('y')))).toEqual(Object.keys(EMPTY));
  });

  it('keeps a constant only when both sides agree on it', () => {
    expect(join(constString('x'), { ...constString('x'), taints: [taint('a')] }).str).toBe('x');
    expect(join(constString('x'), constString('y')).str).toBeUndefined();
    const numbers = join({ ...EMPTY, isNumber: true, nullProto: true }, { ...EMPTY, isNumber: true, taints: [taint('a')] });
    expect(numbers.isNumber).toBe(true);
    expect(numbers.nullProto).toBeUndefined();
    expect(join({ ...EMPTY, bool: true, taints: [taint('a')] }, { ...EMPTY, bool: true, taints: [taint('b')] }).bool).toBeUndefined();
  });

  it('returns a side unchanged when the other adds nothing', () => {
    const a: Value = { ...EMPTY, taints: [taint('a')] };
    expect(join(a, EMPTY)).toBe(a);
    expect(join(EMPTY, a)).toBe(a);
    expect(join(a, { ...EMPTY })).toBe(a);
  });

  it('merges the fields of two objects and the taints of both sides', () => {
    const a: Value = { ...EMPTY, taints: [taint('a')], props: new Map([['x', { ...EMPTY, taints: [taint('x')] }]]) };
    const b: Value = { ...EMPTY, taints: [taint('a'), taint('a', 1)], props: new Map([['x', { ...EMPTY, taints: [taint('y')] }]]) };
    const out = join(a, b);
    expect(out.taints.map((t) => `${t.origin.key}/${String(t.clean)}`)).toEqual(['a/0', 'a/1']);
    expect(out.props?.get('x')?.taints.map((t) => t.origin.key)).toEqual(['x', 'y']);
    expect(a.props?.get('x')?.taints).toHaveLength(1);
  });
});
