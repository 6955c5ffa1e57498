import { describe, expect, it } from 'vitest';

import type { LibraryModel, ModelRoot } from '../core/index.js';
import { ALL_MODELS, AccessPathSyntaxError, getModel, parseAccessPath, validateLibraryModel } from './index.js';

/** Every entry of a model, with its root. */
function entriesOf(model: LibraryModel): { readonly root: ModelRoot }[] {
  return [...(model.sources ?? []), ...(model.sinks ?? []), ...(model.sanitizers ?? []), ...(model.guards ?? []), ...(model.propagators ?? [])];
}

describe('parseAccessPath', () => {
  it('parses members, argument lists, open ranges and bare tokens', () => {
    expect(parseAccessPath('ReturnValue.Member[get,post].Argument[1..].Parameter[0].Member[query]')).toEqual([
      { kind: 'ReturnValue' },
      { kind: 'Member', names: ['get', 'post'] },
      { kind: 'Argument', indices: [], from: 1 },
      { kind: 'Parameter', indices: [0] },
      { kind: 'Member', names: ['query'] },
    ]);
    expect(parseAccessPath('Argument[0,2].Instance.Awaited.Receiver.AnyMember')).toEqual([
      { kind: 'Argument', indices: [0, 2] },
      { kind: 'Instance' },
      { kind: 'Awaited' },
      { kind: 'Receiver' },
      { kind: 'AnyMember' },
    ]);
    expect(parseAccessPath('')).toEqual([]);
  });

  it.each(['Member[]', 'Member[a.b]', 'Argument[x]', 'Argument[0..,1]', 'Returnvalue', 'Member[a', 'Member[a]]', 'Member[a]..Argument[0]'])(
    'rejects %s',
    (path) => {
      expect(() => parseAccessPath(path)).toThrow(AccessPathSyntaxError);
    },
  );
});

describe('validateLibraryModel', () => {
  it('reports bad ids, roots and paths', () => {
    const bad: LibraryModel = {
      id: 'Bad_Id',
      description: 'x',
      sinks: [{ root: { module: '' }, path: 'Member[exec].Argument[zero]', kind: 'command-injection', description: 'x' }],
    };
    const problems = validateLibraryModel(bad);
    expect(problems).toHaveLength(3);
  });
});

describe('ALL_MODELS', () => {
  it('has unique kebab-case ids', () => {
    const ids = ALL_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(getModel('express')?.id).toBe('express');
  });

  it.each(ALL_MODELS.map((m) => [m.id, m] as const))('%s: every root and access path parses', (_id, model) => {
    expect(validateLibraryModel(model)).toEqual([]);
    expect(entriesOf(model).length).toBeGreaterThan(0);
    expect(model.description).not.toBe('');
  });

  it('covers the libraries of the brief', () => {
    const modules = new Set(
      ALL_MODELS.flatMap(entriesOf)
        .map((e) => ('module' in e.root ? e.root.module : ''))
        .filter(Boolean),
    );
    for (const lib of ['child_process', 'fs', 'fs/promises', 'path', 'vm', 'http', 'https', 'url', 'shelljs', 'execa', 'cross-spawn', 'fs-extra', 'graceful-fs', 'mysql', 'mysql2', 'pg', 'sqlite3', 'knex', 'sequelize', 'ejs', 'pug', 'handlebars', 'express', 'koa', 'fastify', '@hapi/hapi', 'axios', 'node-fetch', 'got', 'undici', 'request', 'node-serialize', 'js-yaml', 'shell-quote', 'shell-escape', 'escape-html', 'he', 'lodash', 'validator', 'dompurify']) {
      expect(modules, lib).toContain(lib);
    }
  });
});
