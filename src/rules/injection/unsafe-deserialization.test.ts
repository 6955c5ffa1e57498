import { runRuleTests } from '../test-support/rule-tester.js';
import { unsafeDeserialization } from './unsafe-deserialization.js';

runRuleTests(unsafeDeserialization, {
  valid: [
    { name: 'JSON.parse of a cookie', code: `const app = require('express')();\napp.get('/', (req, res) => { res.json(JSON.parse(req.cookies.profile)); });` },
    {
      name: 'js-yaml safeLoad',
      code: `const yaml = require('js-yaml');
const app = require('express')();
app.post('/', (req, res) => { res.json(yaml.safeLoad(req.body.doc)); });`,
    },
    {
      name: 'library: code evaluation that is not a value read stays code-injection only',
      threatModel: 'library',
      code: `module.exports = function compile(body) {
  return new Function('x', body);
};
module.exports.run = (src) => eval(src);`,
    },
    {
      name: 'library: JSON.parse-based deserializer',
      threatModel: 'library',
      code: `module.exports = function deserialize(str) {
  return JSON.parse(str);
};`,
    },
  ],
  invalid: [
    {
      name: 'library: deserializer that evaluates the text with new Function',
      threatModel: 'library',
      code: `function deserialize(str) {
  return (new Function('return ' + str))();
}
module.exports = deserialize;`,
      errors: [{ messageId: 'evaluatedPayload', line: 2, column: 11 }],
    },
    {
      name: 'eval of a parenthesised cookie (pre-JSON.parse idiom)',
      code: `const app = require('express')();
app.get('/', (req, res) => {
  const prefs = eval('(' + req.cookies.prefs + ')');
  res.json(prefs);
});`,
      errors: [{ messageId: 'evaluatedPayload', line: 3, column: 17 }],
    },
    {
      name: 'node-serialize unserialize of a cookie',
      code: `const serialize = require('node-serialize');
const app = require('express')();
app.get('/', (req, res) => {
  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());
  res.send('hi ' + profile.name);
});`,
      errors: [{ messageId: 'taintedPayload', line: 4, column: 19 }],
    },
    {
      name: 'js-yaml 3 load of the body',
      code: `const yaml = require('js-yaml');
const app = require('express')();
app.post('/', (req, res) => { res.json(yaml.load(req.body.doc)); });`,
      errors: [{ messageId: 'taintedPayload', line: 3, column: 40 }],
    },
  ],
});
