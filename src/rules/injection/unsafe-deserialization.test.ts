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
  ],
  invalid: [
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
