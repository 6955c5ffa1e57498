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
  ],
  invalid: [
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
