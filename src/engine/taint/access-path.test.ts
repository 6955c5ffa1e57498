import { describe, expect, it } from 'vitest';

import type { LibraryModel } from '../../core/index.js';
import { compiledModelIndex, compileModels, parsePath, pathMatches } from './access-path.js';

describe('access paths', () => {
  it('matches members, argument ranges and parameters', () => {
    const p = parsePath('ReturnValue.Member[get,post].Argument[1..].Parameter[0].Member[query]');
    expect(pathMatches(p, ['ReturnValue', 'Member:get', 'Argument:2', 'Parameter:0', 'Member:query'])).toBe(true);
    expect(pathMatches(p, ['ReturnValue', 'Member:put', 'Argument:2', 'Parameter:0', 'Member:query'])).toBe(false);
    expect(pathMatches(p, ['ReturnValue', 'Member:get', 'Argument:0', 'Parameter:0', 'Member:query'])).toBe(false);
  });

  it('reads Instance as ReturnValue and ignores Awaited', () => {
    expect(pathMatches(parsePath('Instance.Member[x].Awaited'), ['ReturnValue', 'Member:x'])).toBe(true);
  });

  it('skips malformed model paths with an error instead of throwing', () => {
    const errors: string[] = [];
    const index = compileModels(
      [{ id: 'bad', description: '', sinks: [{ root: { module: 'm' }, path: 'Bogus[1]', kind: 'xss', description: 'x' }] }],
      { threatModel: 'library', optIn: new Set() },
      (id, message) => errors.push(`${id}: ${message}`),
    );
    expect(errors).toHaveLength(1);
    expect(index.sinks.size).toBe(0);
  });

  it('splits a property sink into call, argument and members, and refuses other tokens after the argument', () => {
    const errors: string[] = [];
    const index = compileModels(
      [
        {
          id: 'p',
          description: '',
          sinks: [
            { root: { method: 'writeHead' }, path: 'Argument[1,2].Member[location,Location]', kind: 'open-redirect', description: 'writeHead' },
            { root: { module: 'm' }, path: 'Argument[0].ReturnValue', kind: 'xss', description: 'bad' },
          ],
        },
      ],
      { threatModel: 'library', optIn: new Set() },
      (id, message) => errors.push(`${id}: ${message}`),
    );
    const [sink] = index.sinks.get('meth:writeHead') ?? [];
    expect(sink?.call).toEqual([]);
    expect(sink?.arg).toMatchObject({ kind: 'Argument', set: new Set([1, 2]) });
    expect(sink?.members).toEqual([{ kind: 'Member', names: new Set(['location', 'Location']) }]);
    expect(errors).toEqual(['p: sink path must end in Argument or Receiver, then members, or in a field: Argument[0].ReturnValue']);
  });

  it('reads a sink path ending in a member of a non-argument value as a field-write sink', () => {
    const index = compileModels(
      [{ id: 'w', description: '', sinks: [{ root: { module: 'koa' }, path: 'Instance.Member[use].Argument[0].Parameter[0].Member[body]', kind: 'xss', description: 'ctx.body =' }] }],
      { threatModel: 'application', optIn: new Set() },
      () => undefined,
    );
    const [sink] = index.sinks.get('m:koa') ?? [];
    expect(sink?.arg).toBe('write');
    expect(sink?.call).toHaveLength(4);
    expect(sink?.members).toEqual([{ kind: 'Member', names: new Set(['body']) }]);
  });

  it('applies threat-model and opt-in filters to sources', () => {
    const index = compileModels(
      [
        {
          id: 's',
          description: '',
          sources: [
            { root: { global: 'process' }, path: 'Member[argv]', label: 'user-input', description: 'argv', optIn: 'argv' },
            { root: { module: 'express' }, path: 'ReturnValue', label: 'user-input', description: 'app', threatModel: 'application' },
          ],
        },
      ],
      { threatModel: 'library', optIn: new Set(['argv']) },
      () => undefined,
    );
    expect([...index.sources.keys()]).toEqual(['g:process']);
  });

  it('compiles a model list once per selection and reports its malformed paths on every use', () => {
    const models: LibraryModel[] = [
      {
        id: 'm',
        description: '',
        sources: [{ root: { global: 'process' }, path: 'Member[argv]', label: 'user-input', description: 'argv', optIn: 'argv' }],
        sinks: [{ root: { module: 'm' }, path: 'Bogus[1]', kind: 'xss', description: 'x' }],
      },
    ];
    const errors: string[] = [];
    const onError = (id: string, message: string): void => {
      errors.push(`${id}: ${message}`);
    };
    const library = { threatModel: 'library', optIn: new Set<string>() } as const;
    const first = compiledModelIndex([], models, library, onError);
    expect(compiledModelIndex([], models, { threatModel: 'library', optIn: new Set() }, onError)).toBe(first);
    expect(errors).toHaveLength(2);
    const withArgv = compiledModelIndex([], models, { threatModel: 'library', optIn: new Set(['argv']) }, onError);
    expect(withArgv).not.toBe(first);
    expect([...withArgv.sources.keys()]).toEqual(['g:process']);
    expect(first.sources.size).toBe(0);
    expect(compiledModelIndex([], [...models], library, onError)).not.toBe(first);
  });
});
