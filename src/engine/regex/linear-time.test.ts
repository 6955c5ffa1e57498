import { describe, expect, it } from 'vitest';

import { isLinearTimeRegex, isTriviallyLinear } from './linear-time.js';

describe('isTriviallyLinear', () => {
  it('decides patterns without unbounded quantifiers, or one anchored loop, without recheck', () => {
    expect(isTriviallyLinear('\\.(?:com|exe)$', '')).toBe(true);
    expect(isTriviallyLinear('^[a-z0-9_]+$', 'i')).toBe(true);
    expect(isTriviallyLinear('^a{2,}b', '')).toBe(true);
  });

  it('leaves nested, repeated, unanchored, multiline and backreference patterns to recheck', () => {
    expect(isTriviallyLinear('^(a+)+$', '')).toBe(false);
    expect(isTriviallyLinear('^(a+){2}$', '')).toBe(false);
    expect(isTriviallyLinear('^\\s*a*$', '')).toBe(false);
    expect(isTriviallyLinear('\\s+$', '')).toBe(false);
    expect(isTriviallyLinear('^\\s+$', 'm')).toBe(false);
    expect(isTriviallyLinear('^(a)\\1+$', '')).toBe(false);
    expect(isTriviallyLinear('^[*+]\\d+', '')).toBe(true);
  });
});

describe('isLinearTimeRegex', () => {
  it('proves the patterns a library tests its arguments against linear: anchored, unambiguous loops', () => {
    // lodash's reIsUint, reIsPlainProp, reIsBinary: tested on every call of its helpers.
    expect(isLinearTimeRegex('^(?:0|[1-9]\\d*)$', '')).toBe(true);
    expect(isLinearTimeRegex('^\\w*$', '')).toBe(true);
    expect(isLinearTimeRegex('^0b[01]+$', 'i')).toBe(true);
    // Unanchored, but no loop can be re-entered from the start on a word that keeps it looping.
    expect(isLinearTimeRegex('charset=(\\w+)', '')).toBe(true);
    expect(isLinearTimeRegex('\\.(\\d+)', '')).toBe(true);
  });

  it('leaves exponential, polynomial and search-prefix shapes to the ReDoS rule', () => {
    expect(isLinearTimeRegex('^(a+)+$', '')).toBe(false);
    expect(isLinearTimeRegex('^\\s*a*\\s*$', '')).toBe(false);
    // Linear per attempt, quadratic over the attempts of a search: the overlap check finds it.
    expect(isLinearTimeRegex('\\s+$', '')).toBe(false);
    expect(isLinearTimeRegex('^\\s+|\\s+$', '')).toBe(false);
    // Backreferences and lookarounds are not modelled: never claimed linear.
    expect(isLinearTimeRegex('^(a+)\\1$', '')).toBe(false);
    expect(isLinearTimeRegex('(?=a+)a+b', '')).toBe(false);
  });
});
