// The characters a regular expression can match, for guards: an anchored test proves the input uses only them.

const DIGITS = '0123456789';
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const SPACE = ' \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** A range wider than this (`[\u0000-\uffff]`) is as good as any character. */
const MAX_RANGE = 512;
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };

/** One escape `\x` at `pattern[i]` (the backslash): the characters it matches (`undefined`: any), and where it ends. */
function escapeAt(pattern: string, i: number, inClass: boolean): { chars: string | undefined; end: number } {
  const c = pattern[i + 1] ?? '';
  if (c === 'd') return { chars: DIGITS, end: i + 2 };
  if (c === 'w') return { chars: WORD, end: i + 2 };
  if (c === 's') return { chars: SPACE, end: i + 2 };
  if (c === 'D' || c === 'W' || c === 'S' || c === 'p' || c === 'P') return { chars: undefined, end: i + 2 };
  if (c === 'b' && !inClass) return { chars: '', end: i + 2 };
  if (c === 'B') return { chars: '', end: i + 2 };
  if (c === 'b') return { chars: '\b', end: i + 2 };
  const control = CONTROL_ESCAPES[c];
  if (control !== undefined) return { chars: control, end: i + 2 };
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) return { chars: String.fromCharCode(parseInt(pattern.slice(i + 2, i + 4), 16)), end: i + 4 };
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) return { chars: String.fromCharCode(parseInt(pattern.slice(i + 2, i + 6), 16)), end: i + 6 };
  if (c === 'u' || c === 'c') return { chars: undefined, end: i + 2 };
  // `\1` repeats a group, but without that many groups `\12` is an octal escape (a newline): any character.
  if (/[1-9]/.test(c) && !inClass) return { chars: undefined, end: i + 2 };
  // `\k<name>` repeats text a named group already matched.
  if (c === 'k' && pattern[i + 2] === '<') return { chars: '', end: pattern.indexOf('>', i) + 1 || pattern.length };
  return { chars: c, end: i + 2 };
}

/** `[...]` starting at `pattern[i]`: its characters (`undefined` for a negated class) and where it ends. */
function classAt(pattern: string, i: number): { chars: string | undefined; end: number } {
  let j = i + 1;
  if (pattern[j] === '^') return { chars: undefined, end: pattern.length };
  let out = '';
  let prev: string | undefined;
  while (j < pattern.length && pattern[j] !== ']') {
    let single: string | undefined;
    if (pattern[j] === '\\') {
      const e = escapeAt(pattern, j, true);
      if (e.chars === undefined) return { chars: undefined, end: pattern.length };
      j = e.end;
      if (e.chars.length === 1) single = e.chars;
      else out += e.chars;
    } else {
      single = pattern[j];
      j++;
    }
    if (single === undefined) {
      prev = undefined;
      continue;
    }
    if (single === '-' && prev !== undefined && j < pattern.length && pattern[j] !== ']') {
      const hi = pattern[j] === '\\' ? escapeAt(pattern, j, true) : { chars: pattern[j], end: j + 1 };
      if (hi.chars?.length !== 1) return { chars: undefined, end: pattern.length };
      const from = prev.charCodeAt(0);
      const to = hi.chars.charCodeAt(0);
      if (to - from > MAX_RANGE) return { chars: undefined, end: pattern.length };
      for (let code = from; code <= to; code++) out += String.fromCharCode(code);
      j = hi.end;
      prev = undefined;
      continue;
    }
    out += single;
    prev = single;
  }
  return { chars: out, end: j + 1 };
}

/**
 * Every character the pattern can match, or `undefined` when it may match any (`.`, `\S`, `[^/]`, a wide
 * range). Lookaround contents count as matchable: a superset is safe for guards.
 */
export function regexAlphabet(pattern: string, flags: string): ReadonlySet<string> | undefined {
  const chars = new Set<string>();
  const add = (s: string): void => {
    for (const c of s) {
      chars.add(c);
      if (flags.includes('i')) {
        chars.add(c.toLowerCase());
        chars.add(c.toUpperCase());
      }
    }
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      const e = escapeAt(pattern, i, false);
      if (e.chars === undefined) return undefined;
      add(e.chars);
      i = e.end;
    } else if (c === '[') {
      const k = classAt(pattern, i);
      if (k.chars === undefined) return undefined;
      add(k.chars);
      i = k.end;
    } else if (c === '.') {
      return undefined;
    } else if (c === '(') {
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: group syntax, not text.
      if (pattern[i + 1] !== '?') i++;
      else if (pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') i = (pattern.indexOf('>', i) + 1) || pattern.length;
      else i += pattern[i + 2] === '<' ? 4 : 3;
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i))) {
      i = pattern.indexOf('}', i) + 1;
    } else {
      if (!'^$|)*+?'.includes(c)) add(c);
      i++;
    }
  }
  return chars;
}
