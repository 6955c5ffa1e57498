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
    {
      name: 'library: escaped URL as the text of a page, not as a link',
      threatModel: 'library',
      code: `const escapeHtml = require('escape-html');
module.exports = function redirectPage(url) {
  return '<p>Redirecting to ' + escapeHtml(url) + '</p>';
};`,
    },
    {
      name: 'library: value after a fixed URL prefix, percent-encoded',
      threatModel: 'library',
      code: `module.exports = function searchLink(q) {
  return '<a href="/search?q=' + encodeURIComponent(q) + '">search</a>';
};`,
    },
    {
      name: 'library: whole href percent-encoded (no scheme survives)',
      threatModel: 'library',
      code: "module.exports = (target) => `<a href=\"${encodeURIComponent(target)}\">next</a>`;",
    },
    {
      name: 'library: listener of a local emitter, whose fields hold no input',
      threatModel: 'library',
      code: `const EventEmitter = require('events');
const escapeHtml = require('escape-html');
module.exports = function serve(req, res) {
  const emitter = new EventEmitter();
  emitter.on('done', function () {
    res.end('<a href="' + escapeHtml(this.base) + '">back</a>');
  });
};`,
    },
    {
      name: 'koa: an object body is sent as JSON',
      code: `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = { name: ctx.query.name };
});`,
    },
    {
      name: 'koa: escaped body',
      code: `const Koa = require('koa');
const escapeHtml = require('escape-html');
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = '<p>' + escapeHtml(ctx.query.name) + '</p>';
});`,
    },
    {
      name: 'library: prose mentioning href= is not markup',
      threatModel: 'library',
      code: `module.exports = function help(name) {
  return 'set href=' + name;
};`,
    },
  ],
  invalid: [
    {
      name: 'koa: ctx.body written with a query parameter',
      code: `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = '<h1>Hello ' + ctx.query.name + '</h1>';
});`,
      errors: [{ messageId: 'taintedHtml', line: 4, column: 3 }],
    },
    {
      name: 'koa-router: ctx.response.body written in a helper that gets ctx',
      code: `const Router = require('@koa/router');
const router = new Router();
function render(ctx, html) {
  ctx.response.body = html;
}
router.get('/p', (ctx) => render(ctx, '<p>' + ctx.params.id + '</p>'));`,
      errors: [{ messageId: 'taintedHtml', line: 4, column: 3 }],
    },
    {
      name: 'library: emitter listener reads the request from this (EventEmitter binds this to the emitter)',
      threatModel: 'library',
      code: `const createStream = require('some-stream');
const escapeHtml = require('escape-html');
module.exports = function serve(req, res) {
  const stream = createStream(req);
  stream.on('directory', function redirect() {
    res.end('<a href="' + escapeHtml(this.req.url + '/') + '">moved</a>');
  });
};`,
      errors: [{ messageId: 'taintedUrlAttribute', line: 6, column: 27 }],
    },
    {
      name: 'library: HTML-escaped URL in an href attribute (javascript: URLs survive escaping)',
      threatModel: 'library',
      code: `var escapeHtml = require('escape-html');
module.exports = function redirectPage(url) {
  var u = escapeHtml(url);
  return '<p>Redirecting to <a href="' + u + '">' + u + '</a></p>';
};`,
      errors: [{ messageId: 'taintedUrlAttribute', line: 4, column: 42 }],
    },
    {
      name: 'library: method of an object built by the exported factory reads the URL from this',
      threatModel: 'library',
      code: [
        {
          path: 'index.js',
          code: `const { Page } = require('./page');
module.exports = function create(target) { return new Page(target); };`,
        },
        {
          path: 'page.js',
          code: `const escapeHtml = require('escape-html');
function Page(target) { this.target = target; }
Page.prototype.render = function render() {
  return \`<img src="\${escapeHtml(this.target)}">\`;
};
module.exports = { Page };`,
        },
      ],
      errors: [{ messageId: 'taintedUrlAttribute', file: 'page.js', line: 4, column: 23 }],
    },
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
