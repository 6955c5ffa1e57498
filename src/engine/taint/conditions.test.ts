import { describe, expect, it } from 'vitest';

import { decideCondition, resolveTaints, sanitizeEither, sanitizeWhere, tagBranch, UNDEFINED } from './conditions.js';
import type { ParamCondition, ParamOrigin, Taint, Value } from './value.js';
import { ALL_KINDS, constString, EMPTY, join, LENGTH_BOUNDED, NOT_STRING } from './value.js';

const origin = (fn: number, index: number, path: string[] = []): ParamOrigin => ({ kind: 'param', key: `p${fn}:${index}:${path.join('.')}`, fn, index, path });
const taint = (o: ParamOrigin, clean = 0): Taint => ({ origin: o, steps: undefined, clean, weak: false, below: undefined, when: undefined });
const flag = origin(1, 1, ['noEscape']);
const defined: ParamCondition = { origin: flag, test: 'defined', holds: true };
const notDefined: ParamCondition = { ...defined, holds: false };
const aliasOfCaller: Value = { ...EMPTY, aliases: [origin(2, 0)], taints: [taint(origin(2, 0))] };

describe('conditions on parameters', () => {
  it('decides definedness from an object literal field, a constant or undefined', () => {
    expect(decideCondition(defined, UNDEFINED)).toBe(false);
    expect(decideCondition(notDefined, UNDEFINED)).toBe(true);
    expect(decideCondition(defined, constString('"'))).toBe(true);
    expect(decideCondition(defined, { ...EMPTY, bool: true })).toBe(true);
  });

  it('leaves definedness unknown for tainted data and for what may be undefined', () => {
    expect(decideCondition(defined, { ...EMPTY, taints: [taint(origin(3, 0))] })).toBeUndefined();
    expect(decideCondition(defined, join(UNDEFINED, constString('x')))).toBeUndefined();
    expect(decideCondition(defined, EMPTY)).toBeUndefined();
  });

  it('moves a condition to the caller parameter the argument is', () => {
    expect(decideCondition(defined, aliasOfCaller)).toEqual({ ...defined, origin: origin(2, 0) });
  });

  it('decides an allow-list to be constant only when it holds no taint', () => {
    const constant: ParamCondition = { origin: flag, test: 'constant', holds: true };
    expect(decideCondition(constant, { ...EMPTY, strs: ['a'], props: new Map([['*', constString('a')]]) })).toBe(true);
    expect(decideCondition(constant, { ...EMPTY, taints: [taint(origin(3, 0))], props: new Map() })).toBe(false);
  });

  it('tags only what differs between two branches', () => {
    const raw = taint(origin(1, 0));
    const escaped = taint(origin(1, 0), 1);
    const yes = tagBranch({ ...EMPTY, taints: [escaped, taint(origin(1, 2))] }, { ...EMPTY, taints: [raw, taint(origin(1, 2))] }, notDefined);
    expect(yes.taints.map((t) => t.when)).toEqual([[notDefined], undefined]);
  });

  it('drops a taint whose branch the caller does not take, and keeps one it may take', () => {
    const onlyRaw: Taint = { ...taint(origin(1, 0)), when: [defined] };
    const onlyEscaped: Taint = { ...taint(origin(1, 0), 1), when: [notDefined] };
    const kept = resolveTaints([onlyRaw, onlyEscaped], 1, () => UNDEFINED);
    expect(kept).toEqual([taint(origin(1, 0), 1)]);
    expect(resolveTaints([onlyRaw, onlyEscaped], 1, () => ({ ...EMPTY, taints: [taint(origin(3, 0))] }))).toHaveLength(2);
  });

  it('cleans a guarded value only under its conditions, and keeps it raw wherever one fails', () => {
    const constant: ParamCondition = { origin: origin(1, 1, ['allowed']), test: 'constant', holds: true };
    const v = sanitizeWhere({ ...EMPTY, taints: [taint(origin(1, 0))] }, ALL_KINDS, [defined, constant]);
    expect(v.taints.map((t) => [t.clean === ALL_KINDS, t.when])).toEqual([
      [true, [defined, constant]],
      [false, [notDefined]],
      [false, [defined, { ...constant, holds: false }]],
    ]);
  });

  it('keeps both cases of an either-or fact, and a taint that already has one of them as it is', () => {
    const v = sanitizeEither({ ...EMPTY, taints: [taint(origin(1, 0)), taint(origin(1, 1), LENGTH_BOUNDED)] }, NOT_STRING, LENGTH_BOUNDED);
    expect(v.taints.map((t) => [t.origin.key, t.clean])).toEqual([
      ['p1:0:', NOT_STRING],
      ['p1:0:', LENGTH_BOUNDED],
      ['p1:1:', LENGTH_BOUNDED],
    ]);
  });
});
