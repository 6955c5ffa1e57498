import { runRuleTests } from '../test-support/rule-tester.js';
import { codeInjection } from './code-injection.js';

runRuleTests(codeInjection, {
  valid: [
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
  ],
  invalid: [
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
