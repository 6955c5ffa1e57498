import { describe, expect, it } from 'vitest';

import type { Taint, Value } from './value.js';
import {
  ALL_KINDS,
  constString,
  DEFAULT_HOST_RESOLVED,
  EMPTY,
  join,
  LENGTH_BOUNDED,
  NOT_ARRAY,
  NOT_STRING,
  PATH_APPENDED,
  PATH_FROM_URL,
  PATH_ROOTED,
  PP_CTOR_BLOCKED,
  PP_PROTO_BLOCKED,
  SHELL_DQ_ESCAPED,
  SQL_QUOTE_ESCAPED,
} from './value.js';

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

  it('gives every fact of a clean mask its own bit, above the sink kinds and within 31 bits', () => {
    const facts = [PP_PROTO_BLOCKED, PP_CTOR_BLOCKED, PATH_APPENDED, PATH_ROOTED, PATH_FROM_URL, LENGTH_BOUNDED, DEFAULT_HOST_RESOLVED, SHELL_DQ_ESCAPED, NOT_STRING, NOT_ARRAY, ...Object.values(SQL_QUOTE_ESCAPED)];
    expect(new Set(facts).size).toBe(facts.length);
    for (const bit of facts) {
      expect(bit & ALL_KINDS).toBe(0);
      expect(bit > 0 && bit < 2 ** 31 && (bit & (bit - 1)) === 0).toBe(true);
    }
  });
});
