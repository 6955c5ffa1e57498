import { runRuleTests } from '../test-support/rule-tester.js';
import { regexInjection } from './regex-injection.js';

runRuleTests(regexInjection, {
  valid: [
    {
      name: 'escaped with escape-string-regexp',
      code: `const escape = require('escape-string-regexp');
const app = require('express')();
app.get('/', (req, res) => { res.json(new RegExp(escape(req.query.q)).test('abc')); });`,
    },
    {
      name: 'escaped by hand, one syntax character at a time',
      threatModel: 'library',
      code: `exports.find = function find(text, word) {
  const escaped = word.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
  return new RegExp('^' + escaped + '$', 'i').test(text);
};`,
    },
    { name: 'constant pattern', code: `const app = require('express')();\napp.get('/', (req, res) => { res.json(new RegExp('^a+$').test(req.query.q)); });` },
  ],
  invalid: [
    {
      name: 'new RegExp from the query',
      code: `const app = require('express')();
app.get('/search', (req, res) => {
  const re = new RegExp(req.query.q, 'i');
  res.json(['a', 'b'].filter((s) => re.test(s)));
});`,
      errors: [{ messageId: 'taintedPattern', line: 3, column: 14 }],
    },
    {
      name: 'escape of the dot only (quantifiers and groups stay live)',
      threatModel: 'library',
      code: `exports.find = function find(text, word) {
  return new RegExp(word.replace(/\\./g, '\\\\$&')).test(text);
};`,
      errors: [{ messageId: 'taintedPattern', line: 2, column: 10 }],
    },
    {
      name: 'escape that replaces only the first syntax character (no g flag)',
      threatModel: 'library',
      code: `exports.find = function find(text, word) {
  return new RegExp(word.replace(/[.*+?^\${}()|[\\]\\\\]/, '\\\\$&')).test(text);
};`,
      errors: [{ messageId: 'taintedPattern', line: 2, column: 10 }],
    },
  ],
});
