import { describe, expect, it } from 'vitest';

import { callsNoArgument } from './builtins.js';
import type { ApiRef } from './value.js';

const ref = (root: string, ...tokens: string[]): ApiRef => ({ root, tokens, name: 'x' });

describe('callsNoArgument (calls whose arguments are not searched for callbacks)', () => {
  it('knows standard functions that only read, store or compare', () => {
    expect(callsNoArgument(ref('g:Object', 'Member:keys'))).toBe(true);
    expect(callsNoArgument(ref('g:Array', 'Member:isArray'))).toBe(true);
    expect(callsNoArgument(ref('g:Object', 'Member:prototype', 'Member:hasOwnProperty', 'Member:call'))).toBe(true);
    expect(callsNoArgument(ref('g:Array', 'Member:prototype', 'Member:push', 'Member:apply'))).toBe(true);
  });

  it('finds them through the global object and through returned objects', () => {
    expect(callsNoArgument(ref('g:self', 'Member:Object', 'Member:assign'))).toBe(true);
    expect(callsNoArgument(ref('g:_', 'Member:defaults', 'ReturnValue', 'Member:Object', 'Member:prototype', 'Member:toString', 'Member:call'))).toBe(true);
  });

  it('searches standard functions that call what they are given', () => {
    expect(callsNoArgument(ref('g:Array', 'Member:from'))).toBe(false);
    expect(callsNoArgument(ref('g:Array', 'Member:prototype', 'Member:forEach', 'Member:call'))).toBe(false);
    expect(callsNoArgument(ref('g:JSON', 'Member:parse'))).toBe(false);
    expect(callsNoArgument(ref('g:setTimeout'))).toBe(false);
    expect(callsNoArgument(ref('g:Object'))).toBe(false);
  });

  it('finds them read off what a library or an unknown method returned', () => {
    expect(callsNoArgument(ref('meth:defaults', 'ReturnValue', 'Member:Object', 'Member:prototype', 'Member:hasOwnProperty', 'Member:call'))).toBe(true);
    expect(callsNoArgument(ref('m:lodash', 'Member:defaults', 'ReturnValue', 'Member:Object', 'Member:keys'))).toBe(true);
    expect(callsNoArgument(ref('meth:defaults', 'ReturnValue', 'Member:on'))).toBe(false);
  });

  it('searches library modules, whatever their method is called', () => {
    expect(callsNoArgument(ref('m:lodash', 'Member:assign'))).toBe(false);
    expect(callsNoArgument(ref('m:events', 'Member:keys'))).toBe(false);
  });

  it('skips methods of unknown receivers only where their function arguments are applied elsewhere', () => {
    expect(callsNoArgument(ref('meth:forEach'))).toBe(true);
    expect(callsNoArgument(ref('meth:call'))).toBe(true);
    expect(callsNoArgument(ref('meth:push'))).toBe(true);
    expect(callsNoArgument(ref('meth:on'))).toBe(false);
    expect(callsNoArgument(ref('meth:replace'))).toBe(false);
    expect(callsNoArgument(ref('meth:forEach', 'ReturnValue'))).toBe(false);
    // A callback method of what an unknown method returned: builtinMethod applies the callback.
    expect(callsNoArgument(ref('meth:resolve', 'ReturnValue', 'Member:then'))).toBe(true);
    expect(callsNoArgument(ref('meth:bind', 'ReturnValue', 'Member:apply'))).toBe(false);
    // A library's promise may carry its source to the callback: searched.
    expect(callsNoArgument(ref('g:Promise', 'ReturnValue', 'Member:then'))).toBe(false);
  });
});
