import { describe, expect, it } from 'vitest';

import { appendedPart, callerBaseOf, isCallerChosenPath, pathCallArgs, removesDotSegments, urlDecoderArgs } from './path-composition.js';
import type { Taint, Value } from './value.js';
import { constString, EMPTY, ENTRY_PARAMETER_KEY, kindBit, taintOnly } from './value.js';
import { paramOrigin } from './value-helpers.js';

const location = { file: 'a.js', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
const source = (key: string, description: string): Taint => ({
  origin: { kind: 'source', key, label: 'library-input', description, location, text: 'p' },
  steps: undefined,
  clean: 0,
  weak: false,
  below: undefined,
  when: undefined,
});
const param = (): Taint => source(`${ENTRY_PARAMETER_KEY}0:1`, 'parameter `p`');
/** Another parameter of the same entry function (0), and one of another entry function (7). */
const sibling = (): Taint => source(`${ENTRY_PARAMETER_KEY}0:9`, 'parameter `dir`');
const otherCall = (): Taint => source(`${ENTRY_PARAMETER_KEY}7:3`, 'parameter `opts` of the constructor');
const symbolic = (fn: number, index: number): Taint => ({ origin: paramOrigin(fn, index, []), steps: undefined, clean: 0, weak: false, below: undefined, when: undefined });
const entry = source('s:a.js:5:library-input', 'tar entry');
const PT = kindBit('path-traversal');
const only = (v: Value | undefined): Taint => {
  const t = v?.taints[0];
  if (!t) throw new Error('no taint');
  return t;
};

describe('path composition', () => {
  it('treats a parameter passed whole, or as the base of a join, as the caller choosing the path', () => {
    expect(isCallerChosenPath(param())).toBe(true);
    const [base] = pathCallArgs('m:path', ['Member:join'], [taintOnly([param()]), constString('x')]);
    expect(isCallerChosenPath(only(base))).toBe(true);
  });

  it('marks parts joined, resolved or concatenated after a prefix as appended', () => {
    const [, part] = pathCallArgs('m:path', ['Member:posix', 'Member:resolve'], [constString('/srv'), taintOnly([param()])]);
    expect(isCallerChosenPath(only(part))).toBe(false);
    expect(isCallerChosenPath(only(appendedPart(taintOnly([param()]), 'uploads/')))).toBe(false);
    expect(isCallerChosenPath(only(appendedPart(taintOnly([param()]), '')))).toBe(true);
  });

  it('treats a name joined below a base the same entry call passed as the caller choosing both', () => {
    const [, part] = pathCallArgs('m:path', ['Member:join'], [taintOnly([sibling()]), taintOnly([param()])]);
    expect(isCallerChosenPath(only(part))).toBe(true);
    // Still symbolic: the base is an argument of the entry function itself (a callback it created is replayed).
    const [, replayed] = pathCallArgs('m:path', ['Member:join'], [taintOnly([symbolic(0, 1)]), taintOnly([param()])]);
    expect(isCallerChosenPath(only(replayed))).toBe(true);
  });

  it('reports a name below a base the library picks, another call configured, or the caller appended itself', () => {
    const [, fixed] = pathCallArgs('m:path', ['Member:join'], [constString('/srv'), taintOnly([param()])]);
    expect(only(fixed).below).toBeUndefined();
    const [, configured] = pathCallArgs('m:path', ['Member:join'], [taintOnly([otherCall()]), taintOnly([param()])]);
    expect(isCallerChosenPath(only(configured))).toBe(false);
    const [, ofThis] = pathCallArgs('m:path', ['Member:join'], [taintOnly([symbolic(0, -1)]), taintOnly([param()])]);
    expect(callerBaseOf(taintOnly([symbolic(0, -1)]))).toBeUndefined();
    expect(isCallerChosenPath(only(ofThis))).toBe(false);
    const [, nested] = pathCallArgs('m:path', ['Member:join'], [constString('/srv'), taintOnly([sibling()])]);
    expect(callerBaseOf(nested ?? EMPTY)).toBeUndefined();
  });

  it('reports a name computed by unresolved code or decoded from a URL below the caller base', () => {
    const [, parsed] = pathCallArgs('m:path', ['Member:join'], [taintOnly([sibling()]), taintOnly([{ ...param(), weak: true }])]);
    expect(isCallerChosenPath(only(parsed))).toBe(false);
    const [decoded] = urlDecoderArgs('g:decodeURIComponent', [], [taintOnly([param()])]);
    const [, url] = pathCallArgs('m:path', ['Member:join'], [taintOnly([sibling()]), decoded ?? EMPTY]);
    expect(isCallerChosenPath(only(url))).toBe(false);
    const args = [taintOnly([param()])];
    expect(urlDecoderArgs('g:escape', [], args)).toBe(args);
  });

  it('trusts a replace that leaves no .. segment in names that climb, and no other', () => {
    expect(removesDotSegments({ pattern: '(?<=^|[/\\\\]+)[.][.]+(?=[/\\\\]+|$)', flags: 'g' }, '.')).toBe(true);
    expect(removesDotSegments({ pattern: '\\.\\.', flags: 'g' }, '')).toBe(true);
    // Leading ../ only; one pass of removing ../ (....// becomes ../); not global; the match put back; not a constant.
    expect(removesDotSegments({ pattern: '^([/\\\\]*[.]+[/\\\\]+)*[/\\\\]*', flags: '' }, '')).toBe(false);
    expect(removesDotSegments({ pattern: '\\.\\.\\/', flags: 'g' }, '')).toBe(false);
    expect(removesDotSegments({ pattern: '\\.\\.', flags: '' }, '')).toBe(false);
    expect(removesDotSegments({ pattern: '\\.\\.', flags: 'g' }, '$&')).toBe(false);
    expect(removesDotSegments({ pattern: '\\.\\.', flags: 'g' }, undefined)).toBe(false);
    expect(removesDotSegments({ pattern: '(', flags: 'g' }, '')).toBe(false);
  });

  it('never exempts source-model data such as archive entry names', () => {
    expect(isCallerChosenPath(entry)).toBe(false);
  });

  it("confines join('/', x) joined below a base, but not when resolved (an absolute part restarts resolve)", () => {
    const [, rooted] = pathCallArgs('m:path', ['Member:join'], [constString('/'), taintOnly([entry])]);
    expect(only(rooted).clean & PT).toBe(0);
    const [, joined] = pathCallArgs('m:path', ['Member:join'], [taintOnly([param()]), rooted ?? EMPTY]);
    expect(only(joined).clean & PT).toBe(PT);
    const [, resolved] = pathCallArgs('m:path', ['Member:resolve'], [taintOnly([param()]), rooted ?? EMPTY]);
    expect(only(resolved).clean & PT).toBe(0);
  });

  it('leaves calls other than path.join/resolve alone', () => {
    const args = [constString('/'), taintOnly([entry])];
    expect(pathCallArgs('m:path', ['Member:basename'], args)).toBe(args);
    expect(pathCallArgs('m:fs', ['Member:join'], args)).toBe(args);
  });
});
