import { runRuleTests } from '../test-support/rule-tester.js';
import { codeInjection } from './code-injection.js';

runRuleTests(codeInjection, {
  valid: [
    {
      name: 'option checked against an anchored JavaScript-identifier pattern before it is compiled',
      threatModel: 'library',
      code: `const IDENTIFIER = /^[a-zA-Z_$][0-9a-zA-Z_$]*$/;
exports.compile = function compile(source, opts) {
  if (!IDENTIFIER.test(opts.outputFunctionName)) throw new Error('not an identifier');
  return new Function('var ' + opts.outputFunctionName + ' = __append;' + 'return 1;');
};`,
    },
    { name: 'dynamic import() of a constant', code: `const app = require('express')();\napp.get('/', async (req, res) => { res.json(await import('node:os')); });` },
    { name: 'eval of a constant', code: `const app = require('express')();\napp.get('/', (req, res) => { res.json(eval('1 + 1')); });` },
    {
      name: 'setTimeout with a function',
      code: `const app = require('express')();\napp.get('/', (req, res) => { setTimeout(() => res.json(req.query.x), 10); });`,
    },
    {
      name: 'allow-listed module name',
      code: `const app = require('express')();
const PLUGINS = ['a', 'b'];
app.get('/', (req, res) => {
  if (PLUGINS.includes(req.query.plugin)) require('./plugins/' + req.query.plugin);
});`,
    },
    {
      name: 'input embedded as a JSON literal in generated code',
      threatModel: 'library',
      code: `module.exports = function compile(format) {
  return new Function('tokens', 'return ' + JSON.stringify(format) + ';');
};`,
    },
    {
      name: 'template variable name merged through a variadic helper, then checked as an identifier',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{"name":"tpl","main":"dist/umd.js","module":"src/index.js"}' },
        { path: 'dist/umd.js', code: 'module.exports = {};' },
        {
          path: 'src/index.js',
          code: `import defaults from './defaults.js';
const IDENTIFIER = /^\\s*(\\w|\\$)+\\s*$/;
export function template(text, settings) {
  settings = defaults({}, settings, { variable: '' });
  let argument = settings.variable;
  if (argument) {
    if (!IDENTIFIER.test(argument)) throw new Error(argument);
  } else argument = 'obj';
  return new Function(argument, 'return 1;');
}`,
        },
        { path: 'src/defaults.js', code: `export default function defaults(obj) {
  for (let i = 1; i < arguments.length; i++) {
    const source = arguments[i];
    for (const key in source) if (obj[key] === undefined) obj[key] = source[key];
  }
  return obj;
}` },
      ],
    },
    {
      name: 'generated-code option names checked with an identifier regex before use (field guards)',
      threatModel: 'library',
      code: `const IDENT = /^[a-zA-Z_$][0-9a-zA-Z_$]*$/;
module.exports = function compile(source, opts) {
  let prepended = '';
  if (opts.outputFunctionName) {
    if (!IDENT.test(opts.outputFunctionName)) throw new Error('outputFunctionName is not a valid JS identifier');
    prepended += 'var ' + opts.outputFunctionName + ' = __append;';
  }
  if (opts.localsName && !IDENT.test(opts.localsName)) throw new Error('localsName is not a valid JS identifier');
  return new Function(opts.localsName + ', escapeFn', prepended + 'return 1;');
};`,
    },
  ],
  invalid: [
    {
      name: 'option checked against an anchored pattern that admits any character',
      threatModel: 'library',
      code: `const NON_EMPTY = /^[\\s\\S]+$/;
exports.compile = function compile(source, opts) {
  if (!NON_EMPTY.test(opts.outputFunctionName)) throw new Error('empty');
  return new Function('var ' + opts.outputFunctionName + ' = __append;' + 'return 1;');
};`,
      errors: [{ messageId: 'taintedCode', line: 4, column: 10 }],
    },
    {
      name: 'template variable name merged through a variadic helper in the ES-module entry',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{"name":"tpl","main":"dist/umd.js","module":"src/index.js"}' },
        { path: 'dist/umd.js', code: 'module.exports = {};' },
        {
          path: 'src/index.js',
          code: `import defaults from './defaults.js';
export function template(text, settings) {
  settings = defaults({}, settings, { variable: '' });
  return new Function(settings.variable || 'obj', 'return 1;');
}`,
        },
        { path: 'src/defaults.js', code: `export default function defaults(obj) {
  for (let i = 1; i < arguments.length; i++) {
    const source = arguments[i];
    for (const key in source) if (obj[key] === undefined) obj[key] = source[key];
  }
  return obj;
}` },
      ],
      errors: [{ messageId: 'taintedCode', file: 'src/index.js', line: 4, column: 10 }],
    },
    {
      name: 'option name used in generated code; only another option is checked',
      threatModel: 'library',
      code: `const IDENT = /^[a-zA-Z_$][0-9a-zA-Z_$]*$/;
module.exports = function compile(source, opts) {
  if (opts.localsName && !IDENT.test(opts.localsName)) throw new Error('bad localsName');
  return new Function(opts.localsName, 'var ' + opts.outputFunctionName + ' = __append;');
};`,
      errors: [{ messageId: 'taintedCode', line: 4, column: 10 }],
    },
    {
      name: 'input embedded with only quotes escaped in generated code',
      threatModel: 'library',
      code: `module.exports = function compile(format) {
  return new Function('tokens', 'return "' + format.replace(/"/g, '\\"') + '";');
};`,
      errors: [{ messageId: 'taintedCode', line: 2, column: 10 }],
    },
    {
      name: 'dynamic import() of a query parameter',
      code: `const app = require('express')();
app.get('/plugin', async (req, res) => {
  res.json(await import(req.query.name));
});`,
      errors: [{ messageId: 'taintedCode', line: 3, column: 18 }],
    },
    {
      name: 'eval of a query parameter',
      code: `const app = require('express')();
app.get('/calc', (req, res) => {
  res.json(eval(req.query.expr));
});`,
      errors: [{ messageId: 'taintedCode', line: 3, column: 12 }],
    },
    {
      name: 'new Function from the body',
      code: `const app = require('express')();
app.post('/f', (req, res) => {
  const f = new Function('x', req.body.src);
  res.json(f(1));
});`,
      errors: [{ messageId: 'taintedCode', line: 3, column: 13 }],
    },
    {
      name: 'vm.runInNewContext',
      code: `const vm = require('vm');
const app = require('express')();
app.get('/', (req, res) => { vm.runInNewContext(req.query.code, {}); });`,
      errors: [{ messageId: 'taintedCode', line: 3, column: 30 }],
    },
    {
      name: 'ejs.render of a template from input',
      code: `const ejs = require('ejs');
const app = require('express')();
app.get('/', (req, res) => { res.send(ejs.render(req.query.tpl, {})); });`,
      errors: [{ messageId: 'taintedCode', line: 3, column: 39 }],
    },
  ],
});
