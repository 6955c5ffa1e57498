import { runRuleTests } from '../test-support/rule-tester.js';
import { ssrf } from './ssrf.js';

runRuleTests(ssrf, {
  valid: [
    {
      name: 'fixed host, encoded path segment',
      code: `const axios = require('axios');
const app = require('express')();
app.get('/', async (req, res) => {
  res.json((await axios.get('https://api.example.com/users/' + encodeURIComponent(req.query.id))).data);
});`,
    },
    {
      name: 'allow-listed host',
      code: `const axios = require('axios');
const app = require('express')();
const HOSTS = new Set(['api.example.com']);
app.get('/', async (req, res) => {
  const host = req.query.host;
  if (!HOSTS.has(host)) return res.sendStatus(400);
  res.json((await axios.get('https://' + host + '/status')).data);
});`,
    },
    {
      name: 'a library requesting the URL its caller passes (an HTTP client adapter) does what it is asked',
      threatModel: 'library',
      code: `const https = require('https');
const axios = require('axios');
module.exports = function adapter(config) {
  const url = new URL(config.baseURL + config.url);
  https.request({ hostname: url.hostname, path: url.pathname }, () => {});
  return axios.get(config.url);
};`,
    },
    {
      name: 'a library parsing its caller URL without a default host',
      threatModel: 'library',
      code: `const https = require('https');
module.exports = function adapter(config) {
  const parsed = new URL(config.url);
  https.request({ hostname: parsed.hostname, path: parsed.pathname }, () => {});
};`,
    },
    {
      name: 'a library resolving a path against localhost only to read it, with no request',
      threatModel: 'library',
      code: `module.exports = function pathOf(url) {
  return new URL(url, 'http://localhost').pathname;
};`,
    },
    {
      name: 'follow-redirects with a fixed host and an encoded path segment',
      code: `const { https } = require('follow-redirects');
const app = require('express')();
app.get('/user', (req, res) => {
  https.get('https://api.example.com/users/' + encodeURIComponent(req.query.id), (r) => r.pipe(res));
});`,
    },
  ],
  invalid: [
    {
      name: 'axios.get of a query URL',
      code: `const axios = require('axios');
const app = require('express')();
app.get('/proxy', async (req, res) => {
  const r = await axios.get(req.query.url);
  res.send(r.data);
});`,
      errors: [{ messageId: 'taintedUrl', line: 4, column: 19 }],
    },
    {
      name: 'axios config object',
      code: `const axios = require('axios');
const app = require('express')();
app.get('/proxy', async (req, res) => {
  res.json((await axios({ method: 'get', url: req.query.url })).data);
});`,
      errors: [{ messageId: 'taintedUrl', line: 4, column: 19 }],
    },
    {
      name: 'node-fetch in a koa handler',
      code: `const Koa = require('koa');
const fetch = require('node-fetch');
const app = new Koa();
app.use(async (ctx) => {
  const r = await fetch(ctx.query.target);
  ctx.status = r.status;
});`,
      errors: [{ messageId: 'taintedUrl', line: 5, column: 19 }],
    },
    {
      name: 'a library route fetching a URL from the request, under the library threat model',
      threatModel: 'library',
      code: `const https = require('https');
const app = require('express')();
app.get('/fetch', (req, res) => {
  https.get(req.query.url, (r) => r.pipe(res));
});
module.exports = app;`,
      errors: [{ messageId: 'taintedUrl', line: 4, column: 3 }],
    },
    {
      name: 'follow-redirects https.get of a query URL',
      code: `const { https } = require('follow-redirects');
const app = require('express')();
app.get('/fetch', (req, res) => {
  https.get(req.query.url, (r) => r.pipe(res));
});`,
      errors: [{ messageId: 'taintedUrl', line: 4, column: 3 }],
    },
    {
      name: "a library resolving its caller's URL against http://localhost before requesting it",
      threatModel: 'library',
      code: `const https = require('https');
module.exports = function adapter(config) {
  const parsed = new URL(config.baseURL + config.url, 'http://localhost');
  const options = { hostname: parsed.hostname, port: parsed.port, path: parsed.pathname };
  https.request(options, () => {});
};`,
      errors: [{ messageId: 'defaultHost', line: 3, column: 18 }],
    },
  ],
});
