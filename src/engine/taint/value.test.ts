import { describe, expect, it } from 'vitest';

import type { FlowStep } from '../../core/index.js';
import type { StepList, Taint, Value } from './value.js';
import {
  ALL_KINDS,
  concatSteps,
  constString,
  DEFAULT_HOST_RESOLVED,
  EMPTY,
  join,
  joinAll,
  LENGTH_BOUNDED,
  NOT_ARRAY,
  NOT_STRING,
  PATH_APPENDED,
  PATH_FROM_URL,
  PATH_ROOTED,
  PP_CTOR_BLOCKED,
  PP_PROTO_BLOCKED,
  pushStep,
  SHELL_DQ_ESCAPED,
  SQL_QUOTE_ESCAPED,
  stepsToArray,
  taintsOf,
  taintsOfAll,
  valueKey,
} from './value.js';
import { fieldOf, paramOrigin } from './value-helpers.js';

const taint = (key: string, clean = 0): Taint => ({ origin: { kind: 'param', key, fn: 0, index: 0, path: [key] }, steps: undefined, clean, weak: false, below: undefined, when: undefined });

describe('abstract values', () => {
  it('builds every joined value with the fields of EMPTY, in their order', () => {
    const a: Value = { ...EMPTY, taints: [taint('a')], isNumber: true, bool: true };
    const b: Value = { ...EMPTY, funcs: [{ fnId: 1, thisVal: undefined, env: undefined }], props: new Map([['x', constString('x')]]) };
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

  it('returns the first side itself when the second adds nothing, objects included', () => {
    const field: Value = { ...EMPTY, taints: [taint('x')] };
    const a: Value = { ...EMPTY, taints: [taint('a')], props: new Map([['x', field]]) };
    const b: Value = { ...EMPTY, taints: [taint('a')], props: new Map([['x', field]]) };
    expect(join(a, b)).toBe(a);
    const c: Value = { ...EMPTY, props: new Map([['y', field]]) };
    const joined = join(a, c);
    expect(joined).not.toBe(a);
    expect([...(joined.props?.keys() ?? [])]).toEqual(['x', 'y']);
    expect(join({ ...a, bool: true }, b)).not.toBe(a);
  });

  it('joins the taints of call inputs as joining each input\'s taints would', () => {
    const inputs: Value[] = [{ ...EMPTY, taints: [taint('a')], funcs: [{ fnId: 1, thisVal: undefined, env: undefined }] }, EMPTY, { ...EMPTY, taints: [taint('b'), taint('a')] }];
    const recv: Value = { ...EMPTY, taints: [taint('r')] };
    expect(taintsOfAll(inputs, recv).taints).toEqual(joinAll([recv, ...inputs].map(taintsOf)).taints);
    expect(taintsOfAll(inputs).taints.map((t) => t.origin.key)).toEqual(['a', 'b']);
    expect(taintsOfAll([EMPTY, constString('x')])).toBe(EMPTY);
  });

  it('appends a path after another, oldest step first, up to the length limit', () => {
    const step = (n: number): FlowStep => ({ kind: 'step', message: `s${String(n)}`, location: { file: 'a.js', startLine: n, startColumn: 0, endLine: n, endColumn: 1 } });
    const list = (ns: number[]): StepList | undefined => ns.reduce<StepList | undefined>((l, n) => pushStep(l, step(n), 10), undefined);
    const lines = (l: StepList | undefined): number[] => stepsToArray(l).map((s) => s.location.startLine);
    expect(lines(concatSteps(list([1, 2]), list([3, 4, 5]), 10))).toEqual([1, 2, 3, 4, 5]);
    expect(lines(concatSteps(list([1, 2]), list([3, 4, 5]), 4))).toEqual([1, 2, 3, 4]);
    expect(lines(concatSteps(undefined, list([3]), 4))).toEqual([3]);
    const head = list([1]);
    expect(concatSteps(head, undefined, 4)).toBe(head);
  });

  it('keeps the steps of concatenated paths in order through further steps and concatenations, and their lengths', () => {
    const step = (n: number): FlowStep => ({ kind: 'step', message: `s${String(n)}`, location: { file: 'a.js', startLine: n, startColumn: 0, endLine: n, endColumn: 1 } });
    const list = (ns: number[], max = 6): StepList | undefined => ns.reduce<StepList | undefined>((l, n) => pushStep(l, step(n), max), undefined);
    const lines = (l: StepList | undefined): number[] => stepsToArray(l).map((s) => s.location.startLine);
    // The same results as pushing the tail's steps one by one onto the head.
    const pushed = (head: number[], tail: number[], max: number): number[] => lines(list([...head, ...tail], max));
    const joined = concatSteps(list([1, 2]), list([3, 4]), 6);
    expect(lines(joined)).toEqual(pushed([1, 2], [3, 4], 6));
    const later = pushStep(joined, step(5), 6);
    expect(lines(later)).toEqual([1, 2, 3, 4, 5]);
    expect(later.length).toBe(5);
    // A concatenation as the tail of another, cut at the limit: the oldest steps stay.
    const nested = concatSteps(list([10]), concatSteps(list([20, 21]), list([30, 31, 32]), 6), 4);
    expect(lines(nested)).toEqual([10, 20, 21, 30]);
    expect(nested?.length).toBe(4);
    // A full list takes no more steps, whether built by pushing or by concatenating.
    const full = concatSteps(list([1, 2, 3]), list([4, 5, 6]), 6);
    expect(pushStep(full, step(7), 6)).toBe(full);
    expect(concatSteps(full, list([8]), 6)).toBe(full);
    expect(lines(concatSteps(pushStep(full, step(7), 6), list([9]), 6))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keys a regex by the file it is written in, not only by its line and column', () => {
    const at = (file: string): Value => ({
      ...EMPTY,
      regexes: [{ pattern: '(a+)+$', flags: '', site: { location: { file, startLine: 3, startColumn: 12, endLine: 3, endColumn: 20 }, text: '/(a+)+$/' } }],
    });
    expect(valueKey(at('a.js'))).not.toBe(valueKey(at('b.js')));
    expect(valueKey(at('a.js'))).toBe(valueKey(at('a.js')));
  });

  it('reads a field of a parameter object as a longer parameter path, and an unknown key as every field', () => {
    const origin = paramOrigin(3, 0, []);
    const param: Value = { ...EMPTY, aliases: [origin], taints: [{ origin, steps: undefined, clean: 4, weak: false, below: undefined, when: undefined }] };
    const field = fieldOf(param, 'name');
    expect(field.aliases?.map((a) => a.key)).toEqual(['p3:0:name']);
    expect(field.taints.map((t) => `${t.origin.key}/${String(t.clean)}`)).toEqual(['p3:0:name/4']);
    const obj: Value = { ...EMPTY, props: new Map([['a', constString('x')], ['b', { ...EMPTY, taints: [taint('b')] }]]) };
    expect(fieldOf(obj, 'a').str).toBe('x');
    expect(fieldOf(obj, 'c')).toBe(EMPTY);
    expect(fieldOf(obj, undefined).taints.map((t) => t.origin.key)).toEqual(['b']);
  });
});
