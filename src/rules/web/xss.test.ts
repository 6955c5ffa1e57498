import { runRuleTests } from '../test-support/rule-tester.js';
import { xss } from './xss.js';

runRuleTests(xss, {
  valid: [
    {
      name: 'escape-html',
      code: `const escapeHtml = require('escape-html');
const app = require('express')();
app.get('/', (req, res) => { res.send('<h1>' + escapeHtml(req.query.name) + '</h1>'); });`,
    },
    { name: 'res.json', code: `const app = require('express')();\napp.get('/', (req, res) => { res.json({ name: req.query.name }); });` },
    {
      name: 'validator.escape on a router',
      code: `const express = require('express');
const validator = require('validator');
const router = express.Router();
router.get('/', (req, res) => { res.send(validator.escape(req.query.name)); });`,
    },
  ],
  invalid: [
    {
      name: 'reflected query in res.send',
      code: `const express = require('express');
const app = express();
app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});`,
      errors: [{ messageId: 'taintedHtml', line: 4, column: 3 }],
    },
    {
      name: 'chained status().send() on an express.Router',
      code: `const { Router } = require('express');
const router = Router();
router.post('/echo', (req, res) => {
  res.status(400).send(\`<p>\${req.body.msg}</p>\`);
});`,
      errors: [{ messageId: 'taintedHtml', line: 4, column: 3 }],
    },
    {
      name: 'raw http server',
      code: `const http = require('http');
http.createServer((req, res) => {
  res.end('<p>' + decodeURIComponent(req.url) + '</p>');
}).listen(8080);`,
      errors: [{ messageId: 'taintedHtml', line: 3, column: 3 }],
    },
    {
      name: 'handlebars SafeString',
      code: `const Handlebars = require('handlebars');
const app = require('express')();
app.get('/', (req, res) => { res.render('page', { bio: new Handlebars.SafeString(req.query.bio) }); });`,
      errors: [{ messageId: 'taintedHtml', line: 3, column: 56 }],
    },
  ],
});
