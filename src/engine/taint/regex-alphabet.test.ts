import { describe, expect, it } from 'vitest';

import { regexAlphabet } from './regex-alphabet.js';

const chars = (pattern: string, flags = ''): string | undefined => {
  const a = regexAlphabet(pattern, flags);
  return a ? [...a].sort().join('') : undefined;
};

describe('regexAlphabet', () => {
  it('collects classes, ranges, escapes and literals, not the syntax around them', () => {
    expect(chars('^[a-c_$][0-2]*$')).toBe('$012_abc');
    expect(chars('^(?:x|\\.y){1,3}(?=z)$')).toBe('.xyz');
    expect(chars('^\\d+\\x41$')).toBe('0123456789A');
    expect(chars('^[\\w-]$')?.includes('-')).toBe(true);
  });

  it('adds both cases under the i flag', () => {
    expect(chars('^ab$', 'i')).toBe('ABab');
  });

  it('gives up on patterns that admit any character', () => {
    for (const p of ['^.+$', '^[\\s\\S]*$', '^[^/]+$', '^\\S+$', '^[\\u0000-\\uffff]+$', '^\\p{L}+$', '^a\\12$']) expect(chars(p), p).toBeUndefined();
  });
});
