import { describe, expect, it } from 'vitest';

import { displayWidth, padEnd, sanitizeForTerminal, truncateEnd, truncateStart } from './terminal-text.js';

describe('sanitizeForTerminal', () => {
  it('replaces escape sequences, C1 controls and bidi overrides, and folds line breaks', () => {
    expect(sanitizeForTerminal('a\u001b[2Jb\u009bc\u202ed\r\ne\tf')).toBe('a?[2Jb?c?d e f');
  });
});

describe('displayWidth and truncation', () => {
  it('counts wide characters and emoji as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('👩‍💻')).toBe(2);
  });

  it('cuts at the end or the start without splitting a character', () => {
    expect(truncateEnd('abcdef', 4)).toBe('abc…');
    expect(truncateEnd('日本語テキスト', 6)).toBe('日本…');
    expect(truncateStart('src/a/b/c.ts', 8)).toBe('…/b/c.ts');
    expect(truncateEnd('short', 10)).toBe('short');
    expect(padEnd('日本', 6)).toBe('日本  ');
  });
});
