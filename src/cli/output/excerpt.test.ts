import { describe, expect, it } from 'vitest';

import { createExcerpt } from './excerpt.js';

const at = (startLine: number, endLine = startLine) => ({ file: 'a.ts', startLine, startColumn: 1, endLine, endColumn: 2 });

describe('createExcerpt', () => {
  const text = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'].join('\n');

  it('takes context lines around the location, clipped to the file', () => {
    expect(createExcerpt(text, at(4), 2)).toEqual({ startLine: 2, lines: ['two', 'three', 'four', 'five', 'six'] });
    expect(createExcerpt(text, at(1), 2)).toEqual({ startLine: 1, lines: ['one', 'two', 'three'] });
    expect(createExcerpt(text, at(7, 8), 3)).toEqual({ startLine: 4, lines: ['four', 'five', 'six', 'seven', 'eight'] });
  });

  it('handles CRLF line ends and cuts very long lines', () => {
    const excerpt = createExcerpt(`a\r\n${'x'.repeat(1000)}\r\nc`, at(2), 1);
    expect(excerpt?.lines.map((l) => l.length)).toEqual([1, 240, 1]);
    expect(excerpt?.lines[1]?.endsWith('…')).toBe(true);
  });

  it('returns nothing when the location is outside the text (the file changed since the scan)', () => {
    expect(createExcerpt(text, at(99))).toBeUndefined();
    expect(createExcerpt(text, at(0))).toBeUndefined();
  });
});
