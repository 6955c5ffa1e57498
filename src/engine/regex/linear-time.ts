import { isProvablyLinear } from './linear-proof.js';
import { findPolynomialOverlap } from './overlap-check.js';

/**
 * Patterns that cannot backtrack super-linearly, decided without recheck (which takes up to its
 * timeout per pattern): no unbounded quantifier at all, or a single one in a pattern anchored at
 * the start (one match attempt, one loop) without backreferences or lookarounds.
 */
export function isTriviallyLinear(pattern: string, flags: string): boolean {
  let unbounded = 0;
  let inClass = false;
  let lookaround = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return false; // backreference
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '*' || c === '+') unbounded++;
    else if (c === '{' && /^\{\d+,\}/.test(pattern.slice(i))) unbounded++;
    else if (c === '(' && pattern[i + 1] === '?' && /[=!<]/.test(pattern[i + 2] ?? '')) lookaround = true;
    else if (c === ')' && /[*+?{]/.test(pattern[i + 1] ?? '')) return false; // quantified group: loops can nest
  }
  if (unbounded === 0) return true;
  return unbounded === 1 && pattern.startsWith('^') && !flags.includes('m') && !lookaround;
}

/**
 * Whether matching the pattern takes linear time on every input, proven without running recheck: no unbounded
 * loop to speak of ({@link isTriviallyLinear}), or a position automaton without ambiguity (linear-proof.ts) and none
 * of the polynomial shapes of a search that overlap-check.ts finds. Such a regex is no ReDoS sink: the engine does
 * not follow taint into it, and the ReDoS rule, which starts from the same proofs, would find it safe.
 */
export function isLinearTimeRegex(pattern: string, flags: string): boolean {
  return isTriviallyLinear(pattern, flags) || (isProvablyLinear(pattern, flags) && findPolynomialOverlap(pattern, flags) === undefined);
}
