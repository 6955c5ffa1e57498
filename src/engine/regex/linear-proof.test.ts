import { createRequire } from 'node:module';

import type { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

import { isProvablyLinear } from './linear-proof.js';

const recheck = createRequire(import.meta.url)('recheck/lib/browser.js') as { checkSync: typeof checkSync };

/** Patterns with no ambiguous loop, as libraries write them; each is checked against recheck too. */
const LINEAR: readonly (readonly [string, string])[] = [
  ['^a+b', ''],
  ['^\\s*$', ''],
  ['ab*c', ''],
  ['^([^:]+):([^@]+)@', ''],
  ['^-[0-9]+(\\.[0-9]+)?', ''],
  ['(?:^|,)\\s*?no-cache\\s*?(?:,|$)', ''],
  ['^(ab+)*$', ''],
  ['^a{0,3}a$', ''],
  ['^[A-Z]+[a-z]+$', ''],
  ['^--?([^=]+)=([\\s\\S]*)$', ''],
  ['^([^:]+):(?:[^@]+@)?(?:([^/]*)\\/)?([^#]+)', ''],
];

/** Exponential or polynomial backtracking, or features the proof does not model. */
const NOT_PROVEN: readonly (readonly [string, string, string])[] = [
  ['(a+)+$', '', 'nested loops (EDA)'],
  ['^(a|a)*$', '', 'overlapping alternatives in a loop (EDA)'],
  ['^(a*b*)*$', '', 'a loop whose body matches nothing'],
  ['^((a?)?b)*c', '', 'two ways to skip inside a loop'],
  ['^(\\d+)?\\.?\\d+$', '', 'adjacent overlapping loops (IDA)'],
  ['x*y*z', '', 'adjacent loops reached by the search prefix'],
  ['\\s*$', '', 'a loop the search prefix re-enters'],
  ['a+b', '', 'an unanchored loop before a required character'],
  ['{([^}]+)}', 'g', 'a loop over its own opening delimiter'],
  ['^[A-Z]+[a-z]+$', 'i', 'loops that overlap once case is ignored'],
  ['^\\w+\\u212a+$', 'iu', 'the Kelvin sign folds to k'],
  ['(a)\\1+', '', 'backreference'],
  ['^(?=a+)a', '', 'lookahead'],
  ['^[\\w--a]+$', 'v', 'set operations'],
];

describe('isProvablyLinear', () => {
  it.each(LINEAR)('proves /%s/%s linear, and recheck agrees', (pattern, flags) => {
    expect(isProvablyLinear(pattern, flags)).toBe(true);
    const d = recheck.checkSync(pattern, flags, { checker: 'automaton', timeout: 20_000 });
    expect(d.status).not.toBe('vulnerable');
  }, 60_000);

  it.each(NOT_PROVEN)('does not prove /%s/%s (%s)', (pattern, flags) => {
    expect(isProvablyLinear(pattern, flags)).toBe(false);
  });

  it('gives up on counted repetitions too large to unfold', () => {
    expect(isProvablyLinear('^a{1,1000}$', '')).toBe(false);
    expect(isProvablyLinear('^a{1,10}$', '')).toBe(true);
  });

  it('gives up on invalid patterns instead of throwing', () => {
    expect(isProvablyLinear('(', '')).toBe(false);
  });
});
