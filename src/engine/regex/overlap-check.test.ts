import { describe, expect, it } from 'vitest';

import { findPolynomialOverlap } from './overlap-check.js';

describe('findPolynomialOverlap', () => {
  it('finds two digit loops separated by an optional dot before an end anchor (case-insensitive units)', () => {
    const v = findPolynomialOverlap('^((?:\\d+)?\\.?\\d+) *(ms|s|m|h|d|y)?$', 'i');
    expect(v).toMatchObject({ kind: 'adjacent-loops', pump: '0' });
    expect(v?.hotspots).toHaveLength(2);
  });

  it('finds space loops split by an optional quote, with the literal prefix in the attack', () => {
    const v = findPolynomialOverlap('(?:charset|encoding)\\s*=\\s*[\'"]? *([\\w\\-]+)', 'i');
    expect(v).toMatchObject({ kind: 'adjacent-loops', prefix: 'charset=', pump: ' ' });
  });

  it('finds overlapping loops inside an optional group that must end with a delimiter', () => {
    const v = findPolynomialOverlap('^([^:]+):(?:(?:[^@:]+(?:[^@]+)?@)?([^/]*))[/](.+?)$', '');
    expect(v).toMatchObject({ kind: 'adjacent-loops', prefix: ' :' });
  });

  it('finds an unanchored trailing loop searched from every position (trim with \\s*$)', () => {
    expect(findPolynomialOverlap('^\\s*|\\s*$', 'g')).toMatchObject({ kind: 'trailing-loop', pump: ' ' });
  });

  it('finds an unanchored leading loop that runs into a required character it cannot start (\\s*\\n on spaces)', () => {
    expect(findPolynomialOverlap('\\s*\\n\\s*', 'g')).toMatchObject({ kind: 'leading-loop', pump: ' ', hotspots: [{ start: 0, end: 3 }] });
    expect(findPolynomialOverlap('(\\\\*)"', 'g')).toMatchObject({ kind: 'leading-loop', pump: '\\' });
    // The end of the input fails a required element too.
    expect(findPolynomialOverlap('[^"]*"', '')).toMatchObject({ kind: 'leading-loop', suffix: '' });
  });

  it('accepts a leading loop that is anchored, needs nothing after it, or whose characters all start what follows', () => {
    expect(findPolynomialOverlap('^\\s*\\n', '')).toBeUndefined();
    expect(findPolynomialOverlap('\\s*\\n?', 'g')).toBeUndefined();
    expect(findPolynomialOverlap('[a-z]*[a-z0-9]', '')).toBeUndefined();
    expect(findPolynomialOverlap('\\n\\s*', 'g')).toBeUndefined();
    // A sticky regex tries only the position at lastIndex.
    expect(findPolynomialOverlap('\\s*\\n', 'y')).toBeUndefined();
  });

  it('finds a loop that takes over from the first parts of a following group (escape sequences with ; parameters)', () => {
    const v = findPolynomialOverlap('\\x1b[[;?]*(?:(?:\\w*(?:;\\w*)*)?\\x07|\\d+m)', 'g');
    expect(v).toMatchObject({ kind: 'adjacent-loops', prefix: '\x1b', pump: ';' });
  });

  it('accepts a loop in a following group that a required character keeps apart', () => {
    expect(findPolynomialOverlap('\\x1b[[;?]*(?:(?:\\d(?:;\\w*)*)?\\x07|\\d+m)', 'g')).toBeUndefined();
    // Each round of the group needs a character the first loop cannot take.
    expect(findPolynomialOverlap('\\x1b[[;?]*(?:(?:;\\w+)*\\x07|\\d+m)', 'g')).toBeUndefined();
  });

  it('accepts loops separated by a required character, anchored loops, loops at the end and m-flag anchors', () => {
    expect(findPolynomialOverlap('^(\\d+)\\.(\\d+)$', '')).toBeUndefined();
    expect(findPolynomialOverlap('^\\s\\s*', '')).toBeUndefined();
    expect(findPolynomialOverlap('\\s+', 'g')).toBeUndefined();
    expect(findPolynomialOverlap('\\d+\\d*', '')).toBeUndefined();
    expect(findPolynomialOverlap('\\s*$', 'm')).toBeUndefined();
    expect(findPolynomialOverlap('^([^:]+):(?:[^@]+@)?(?:([^/]*)\\/)?([^#]+)', '')).toBeUndefined();
  });

  it('ignores invalid patterns', () => {
    expect(findPolynomialOverlap('(', '')).toBeUndefined();
  });
});

describe('findPolynomialOverlap on repeated groups', () => {
  it('does not pump a group that needs a separator each round (words separated by single spaces)', () => {
    expect(findPolynomialOverlap('^[a-zA-Z0-9]+(?: [a-zA-Z0-9]+)*$', '')).toBeUndefined();
  });

  it('pumps a group of alternatives that each match one character', () => {
    expect(findPolynomialOverlap('^\\d+(?:\\d|x)*$', '')).toMatchObject({ kind: 'adjacent-loops', pump: '0' });
  });
});

describe('findPolynomialOverlap failing suffix', () => {
  it('needs a character that escapes the optional parts before $ (path splitting: any non-slash ends the match)', () => {
    expect(findPolynomialOverlap('^((\\/?)(?:[^\\/]*\\/)*)((\\.{1,2}|[^\\/]+?|)(\\.[^.\\/]*|))[\\/]*$', '')).toBeUndefined();
  });
});
