import type { LibraryModel } from '../../core/index.js';

const NUMERIC = ['Number', 'parseInt', 'parseFloat', 'Boolean'];

/**
 * Globals: code evaluation (`eval`, `Function`, string timers, dynamic `require`/`import`), `RegExp`
 * construction, `Math.random`, numeric coercion, `encodeURIComponent`, allow-list guards.
 * `import(x)` is named by the global root `import` (the engine maps the import expression to it).
 */
export const globalsModel: LibraryModel = {
  id: 'globals',
  description: 'JavaScript globals: eval, Function, string timers, dynamic require/import, RegExp, Math.random',
  sources: [
    {
      root: { global: 'Math' },
      path: 'Member[random].ReturnValue',
      label: 'insecure-random',
      description: 'Math.random()',
    },
  ],
  sinks: [
    { root: { global: 'eval' }, path: 'Argument[0]', kind: 'code-injection', description: 'eval()' },
    { root: { global: 'Function' }, path: 'Argument[0..]', kind: 'code-injection', description: 'Function()' },
    {
      // A string first argument is compiled like eval; functions are harmless.
      root: { global: 'setTimeout' },
      path: 'Argument[0]',
      kind: 'code-injection',
      description: 'setTimeout() with a string',
    },
    { root: { global: 'setInterval' }, path: 'Argument[0]', kind: 'code-injection', description: 'setInterval() with a string' },
    { root: { global: 'setImmediate' }, path: 'Argument[0]', kind: 'code-injection', description: 'setImmediate() with a string' },
    { root: { global: 'require' }, path: 'Argument[0]', kind: 'code-injection', description: 'require()' },
    { root: { global: 'import' }, path: 'Argument[0]', kind: 'code-injection', description: 'import()' },
    { root: { global: 'RegExp' }, path: 'Argument[0]', kind: 'regex-injection', description: 'RegExp()' },
  ],
  sanitizers: [
    ...NUMERIC.map((name) => ({
      root: { global: name },
      path: 'ReturnValue',
      kinds: 'all' as const,
      description: `${name}()`,
    })),
    { root: { global: 'Number' }, path: 'Member[parseInt,parseFloat].ReturnValue', kinds: 'all', description: 'Number.parseInt()' },
    { root: { global: 'Math' }, path: 'Member[floor,ceil,round,trunc,abs,min,max].ReturnValue', kinds: 'all', description: 'Math.floor()' },
    {
      // A JSON text is a JavaScript literal: spliced into generated code it stays data (morgan 1.9.1's fix).
      root: { global: 'JSON' },
      path: 'Member[stringify].ReturnValue',
      kinds: ['code-injection'],
      description: 'JSON.stringify()',
    },
    {
      // Encodes < > " & but not ' : safe in text and double-quoted attributes, which is where it is used.
      root: { global: 'encodeURIComponent' },
      path: 'ReturnValue',
      kinds: ['xss'],
      description: 'encodeURIComponent()',
    },
  ],
  guards: [
    {
      // `if (ALLOWED.includes(x))`: x equals one of the (constant) allowed values.
      root: { method: 'includes' },
      path: '',
      checks: 'argument0',
      safeWhen: 'true',
      kinds: 'all',
      description: 'allow-list includes()',
    },
    {
      root: { method: 'has' },
      path: '',
      checks: 'argument0',
      safeWhen: 'true',
      kinds: 'all',
      description: 'allow-list Set/Map has()',
    },
    {
      root: { method: 'hasOwnProperty' },
      path: '',
      checks: 'argument0',
      safeWhen: 'true',
      kinds: ['prototype-pollution'],
      description: 'hasOwnProperty(key)',
    },
  ],
  propagators: [
    { root: { global: 'decodeURIComponent' }, path: '', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'decodeURI' }, path: '', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'String' }, path: '', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'JSON' }, path: 'Member[parse,stringify]', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'Buffer' }, path: 'Member[from,concat]', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'Object' }, path: 'Member[assign]', from: 'Argument[1..]', to: 'Argument[0]' },
    { root: { global: 'Object' }, path: 'Member[values,entries,keys]', from: 'Argument[0]', to: 'ReturnValue' },
    { root: { global: 'Array' }, path: 'Member[from,of]', from: 'Argument[0..]', to: 'ReturnValue' },
  ],
};
