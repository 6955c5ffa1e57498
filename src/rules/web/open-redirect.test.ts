import { runRuleTests } from '../test-support/rule-tester.js';
import { openRedirect } from './open-redirect.js';

runRuleTests(openRedirect, {
  valid: [
    {
      name: 'redirect chosen from a map',
      code: `const app = require('express')();
const TARGETS = { home: '/', account: '/account' };
app.get('/go', (req, res) => {
  const to = req.query.to;
  if (to === 'home' || to === 'account') res.redirect(TARGETS[to]);
});`,
    },
    { name: 'constant redirect', code: `const app = require('express')();\napp.get('/old', (req, res) => { res.redirect(301, '/new'); });` },
    {
      name: 'library: a Location its caller passes is the caller\'s choice',
      threatModel: 'library',
      code: `module.exports = function redirect(res, url) {
  res.statusCode = 302;
  res.setHeader('Location', url);
  res.end();
};`,
    },
    {
      name: 'raw http server: request data in another header',
      code: `require('http').createServer((req, res) => {
  res.setHeader('Content-Location', req.url);
  res.setHeader('X-Original-Url', req.url);
  res.end();
}).listen(8080);`,
    },
    {
      name: 'raw http server: writeHead with a fixed Location and a tainted other header',
      code: `require('http').createServer((req, res) => {
  res.writeHead(302, { Location: '/login', 'X-Request-Path': req.url });
  res.end();
}).listen(8080);`,
    },
  ],
  invalid: [
    {
      name: "koa: ctx.set('Location') with a query parameter",
      code: `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  ctx.status = 302;
  ctx.set('Location', ctx.query.next);
});`,
      errors: [{ messageId: 'taintedRedirect', line: 5, column: 3 }],
    },
    {
      name: 'raw http server: request path in the Location header (any case) of a helper that gets res',
      code: `const http = require('http');
function addSlash(req, res) {
  res.statusCode = 301;
  res.setHeader('location', req.url + '/');
  res.end();
}
http.createServer((req, res) => addSlash(req, res)).listen(8080);`,
      errors: [{ messageId: 'taintedRedirect', line: 4, column: 3 }],
    },
    {
      name: 'raw http server: response kept on this, Location set through writeHead options',
      code: `const http = require('http');
class Redirector {
  constructor(res) { this.res = res; }
  to(target) {
    const headers = { Location: target };
    this.res.writeHead(302, headers);
    this.res.end();
  }
}
http.createServer((req, res) => new Redirector(res).to(req.headers.referer)).listen(8080);`,
      errors: [{ messageId: 'taintedRedirect', line: 6, column: 5 }],
    },
    {
      name: 'raw http server: redirect to a query parameter',
      code: `const http = require('http');
const { URL } = require('url');
http.createServer((req, res) => {
  const next = new URL(req.url, 'http://localhost').searchParams.get('next');
  res.writeHead(302, { Location: next });
  res.end();
}).listen(8080);`,
      errors: [{ messageId: 'taintedRedirect', line: 5, column: 3 }],
    },
    {
      name: 'express redirect to next parameter',
      code: `const app = require('express')();
app.get('/login', (req, res) => {
  res.redirect(req.query.next);
});`,
      errors: [{ messageId: 'taintedRedirect', line: 3, column: 3 }],
    },
    {
      name: 'koa ctx.redirect',
      code: `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  ctx.redirect(ctx.query.returnTo);
});`,
      errors: [{ messageId: 'taintedRedirect', line: 4, column: 3 }],
    },
    {
      name: 'fastify reply.redirect',
      code: `const fastify = require('fastify')();
fastify.get('/out', async (request, reply) => {
  return reply.redirect(request.query.url);
});`,
      errors: [{ messageId: 'taintedRedirect', line: 3, column: 10 }],
    },
    {
      name: 'hapi h.redirect',
      code: `const Hapi = require('@hapi/hapi');
const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/r', handler: (request, h) => h.redirect(request.query.to) });`,
      errors: [{ messageId: 'taintedRedirect', line: 3, column: 68 }],
    },
  ],
});
