import { describe, expect, it } from 'vitest';

import { asShellQuotedPart, isShellDoubleQuoteEscape } from './shell-context.js';
import type { Value } from './value.js';
import { EMPTY, kindBit, SHELL_DQ_ESCAPED } from './value.js';

const re = (pattern: string, flags = 'g') => ({ pattern, flags });
const COMMAND = kindBit('command-injection');
const escaped: Value = {
  ...EMPTY,
  taints: [{ origin: { kind: 'param', key: 'p0', fn: 0, index: 0, path: [] }, steps: undefined, clean: SHELL_DQ_ESCAPED, weak: false, below: undefined, when: undefined }],
};
const commandClean = (v: Value): boolean => v.taints.every((t) => (t.clean & COMMAND) !== 0);

describe('double-quoted shell word escaping', () => {
  it('accepts a global replace that backslash-escapes ", $, backtick and backslash', () => {
    expect(isShellDoubleQuoteEscape(re('(["$`\\\\])'), '\\$1')).toBe(true);
    expect(isShellDoubleQuoteEscape(re('[\\\\"`$]'), '\\$&')).toBe(true);
  });

  it('rejects an escape that misses a character, is not global or skips already escaped quotes', () => {
    expect(isShellDoubleQuoteEscape(re('(["`\\\\])'), '\\$1')).toBe(false);
    expect(isShellDoubleQuoteEscape(re('(["$`])'), '\\$1')).toBe(false);
    expect(isShellDoubleQuoteEscape(re('(["$`\\\\])', ''), '\\$1')).toBe(false);
    expect(isShellDoubleQuoteEscape(re('(?<!\\\\)(["$`\\\\])'), '\\$1')).toBe(false);
    expect(isShellDoubleQuoteEscape(re('(["$`\\\\])'), undefined)).toBe(false);
  });

  it('cleans an escaped value for command injection inside double quotes only', () => {
    expect(commandClean(asShellQuotedPart(escaped, 'notify-send "', true))).toBe(true);
    expect(commandClean(asShellQuotedPart(escaped, '" -m "', false))).toBe(true);
    expect(commandClean(asShellQuotedPart(escaped, undefined, false))).toBe(true);
    expect(commandClean(asShellQuotedPart(escaped, 'notify-send ', true))).toBe(false);
    expect(commandClean(asShellQuotedPart(escaped, 'echo "a" ', true))).toBe(false);
    expect(commandClean(asShellQuotedPart(escaped, '', true))).toBe(false);
  });
});
