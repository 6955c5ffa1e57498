import { PG_WIRE_RUNTIME } from './pg-wire-runtime.js';

/**
 * Source of the application witness: starts the app in this very process on loopback (so the oracle can
 * see `Object.prototype` and globals), with a PGlite-backed PostgreSQL and a loopback listener for SSRF,
 * sends the HTTP request along the finding's path and checks a nonce-bearing oracle.
 *
 * `search` finds the Express route whose handler reads the source and tries payloads; `replay` sends exactly
 * one recorded request template. No template literals, so it can live in this string.
 */
export const HTTP_RUNTIME = String.raw`'use strict';
const CONFIG = __CONFIG__;
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');
const NONCE = crypto.randomBytes(8).toString('hex');
const KEY = 'yagura_' + NONCE;
const CANARY_DIR = '/tmp/yagura-canary-' + NONCE;
// The content is another random token: a result that merely echoes the canary's path must not count.
const CANARY_TEXT = 'yagura-content-' + crypto.randomBytes(8).toString('hex');
const started = Date.now();
const notes = [];
const appErrors = [];
const dbErrors = [];
const hits = [];
let done = false;
let capturedApp = null;

function finish(reproduced, details) {
  if (done) return;
  done = true;
  const result = Object.assign({ reproduced: reproduced, nonce: NONCE, node: process.version, millis: Date.now() - started, notes: notes.slice(-12) }, details);
  process.stdout.write('\nYAGURA-WITNESS-RESULT ' + JSON.stringify(result) + '\n');
  process.exit(0);
}
function remember(kind, e) { appErrors.push(String((e && (e.stack || e.message)) || e).slice(0, 2000)); if (notes.length < 30) notes.push(kind + ': ' + String(e && e.message).slice(0, 200)); }
process.on('uncaughtException', function (e) { remember('uncaught', e); });
process.on('unhandledRejection', function (e) { remember('unhandled', e); });
const originalError = console.error;
console.error = function () { appErrors.push(Array.prototype.map.call(arguments, function (a) { return String(a && a.stack || a); }).join(' ').slice(0, 2000)); };
console.log = function () {};
setTimeout(function () { finish(false, { reason: 'witness budget exhausted' }); }, CONFIG.budgetMs).unref();

` +
  PG_WIRE_RUNTIME +
  String.raw`
function marker(index) { return '/tmp/yagura-' + NONCE + '-' + index; }
function fill(text, index) {
  return String(text).split('{{NONCE}}').join(NONCE).split('{{KEY}}').join(KEY).split('{{MARK}}').join(marker(index))
    .split('{{LPORT}}').join(String(listenerPort))
    .split('{{CANARY_ABS}}').join(CANARY_DIR + '/secret.txt')
    .split('{{CANARY_REL}}').join('../../../../../../../../../..' + CANARY_DIR + '/secret.txt');
}
function fillDeep(value, index) {
  if (typeof value === 'string') return fill(value, index);
  if (Array.isArray(value)) return value.map(function (v) { return fillDeep(v, index); });
  if (value && typeof value === 'object') { const o = {}; for (const k of Object.keys(value)) o[fill(k, index)] = fillDeep(value[k], index); return o; }
  return value;
}
function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
function freePort() {
  return new Promise(function (resolve) { const s = net.createServer(); s.listen(0, '127.0.0.1', function () { const p = s.address().port; s.close(function () { resolve(p); }); }); });
}
let listenerPort = 0;
function startListener() {
  return new Promise(function (resolve) {
    const s = http.createServer(function (req, res) { hits.push(req.method + ' ' + req.url); res.end('ok'); });
    s.listen(0, '127.0.0.1', function () { listenerPort = s.address().port; resolve(); });
  });
}
function waitForPort(port, ms) {
  const until = Date.now() + ms;
  return new Promise(function (resolve) {
    (function attempt() {
      const c = net.connect(port, '127.0.0.1');
      c.on('connect', function () { c.destroy(); resolve(true); });
      c.on('error', function () { if (Date.now() > until) resolve(false); else setTimeout(attempt, 50); });
    })();
  });
}
function send(port, req, index) {
  const errorsBefore = appErrors.length;
  return new Promise(function (resolve) {
    // An async handler that throws never answers (Express 4): stop waiting once the app reports an error.
    const watch = setInterval(function () {
      if (appErrors.length > errorsBefore) { clearInterval(watch); setTimeout(function () { resolve({ status: 0, headers: {}, body: '', error: 'app error' }); }, 100); }
    }, 25);
    const done = resolve;
    resolve = function (v) { clearInterval(watch); done(v); };
    const query = fillDeep(req.query || {}, index);
    const qs = Object.keys(query).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(query[k]); }).join('&');
    const headers = fillDeep(req.headers || {}, index);
    let body;
    if (req.body !== undefined) { body = fill(req.body, index); headers['content-type'] = 'application/json'; headers['content-length'] = Buffer.byteLength(body); }
    const target = fill(req.path, index).split('/').map(function (s, i) { return i === 0 ? s : encodeURIComponent(s); }).join('/');
    const r = http.request({ host: '127.0.0.1', port: port, method: req.method, path: target + (qs ? '?' + qs : ''), headers: headers }, function (res) {
      const chunks = [];
      res.on('data', function (c) { chunks.push(c); });
      res.on('end', function () { resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }); });
    });
    r.on('error', function (e) { resolve({ status: 0, headers: {}, body: '', error: String(e.message) }); });
    r.setTimeout(CONFIG.requestMs, function () { r.destroy(); resolve({ status: 0, headers: {}, body: '', error: 'timeout' }); });
    if (body !== undefined) r.write(body);
    r.end();
  });
}

const ORACLES = {
  'command-injection': function (index) { return fs.existsSync(marker(index)) ? 'marker file ' + marker(index) + ' created by a shell' : null; },
  'code-injection': function () { return globalThis[KEY] === NONCE ? 'globalThis.' + KEY + ' === nonce, set by evaluated code' : null; },
  'unsafe-deserialization': function () { return globalThis[KEY] === NONCE ? 'globalThis.' + KEY + ' === nonce, set by a deserialised function' : null; },
  'prototype-pollution': function () { return Object.prototype.hasOwnProperty.call(Object.prototype, KEY) && ({})[KEY] === NONCE ? 'Object.prototype.' + KEY + ' === nonce in the app process' : null; },
  'path-traversal': function (index, res) {
    const b64 = Buffer.from(CANARY_TEXT).toString('base64');
    return res.body.indexOf(CANARY_TEXT) !== -1 || res.body.indexOf(b64) !== -1 ? 'the response carries the canary ' + CANARY_TEXT + ' read from outside the app root' : null;
  },
  'xss': function (index, res) {
    const tag = '<svg data-yagura="' + NONCE + '">';
    return res.body.indexOf(tag) !== -1 && /html/i.test(String(res.headers['content-type'])) ? 'the HTML response contains the unescaped tag ' + tag : null;
  },
  'ssrf': function () { const h = hits.find(function (x) { return x.indexOf(NONCE) !== -1; }); return h ? 'the loopback listener received ' + h : null; },
  'open-redirect': function (index, res) {
    const loc = String(res.headers.location || '');
    return res.status >= 300 && res.status < 400 && /^(https?:)?\/\/yagura-/.test(loc) && loc.indexOf(NONCE) !== -1 ? 'the app redirects to ' + loc : null;
  },
  'sql-injection': function () {
    const needle = 'at or near "yagura_' + NONCE + '"';
    const e = dbErrors.find(function (x) { return x.indexOf(needle) !== -1; });
    return e ? 'PostgreSQL (PGlite) parsed the payload as SQL: ' + e : null;
  },
  'regex-injection': function (index, res) {
    const needle = 'Invalid regular expression: /yagura_' + NONCE + '(';
    const all = appErrors.concat([res.body]);
    return all.some(function (x) { return x.indexOf(needle) !== -1; }) ? 'the payload was compiled as a regular expression (' + needle + '...)' : null;
  },
};

function capture() {
  const createServer = http.createServer;
  http.createServer = function () {
    const handler = arguments[0];
    if (typeof handler === 'function' && capturedApp === null) capturedApp = handler;
    return createServer.apply(http, arguments);
  };
}
function mountPrefix(layer) {
  if (layer.path !== undefined && typeof layer.path === 'string') return layer.path;
  const src = layer.regexp ? layer.regexp.source : '';
  if (src === '^\\/?(?=\\/|$)' || src === '^\\/?$') return '';
  const m = /^\^(.*?)\\\/\?\(\?=\\\/\|\$\)$/.exec(src);
  if (!m) return null;
  const p = m[1].replace(/\\\//g, '/');
  return /[()[\]*+?|^$\\]/.test(p) ? null : p;
}
function routes(stack, prefix, out) {
  for (const layer of stack || []) {
    if (layer.route) {
      const handlers = (layer.route.stack || []).map(function (l) { return l.handle; });
      const methods = Object.keys(layer.route.methods || {}).filter(function (m) { return m !== '_all'; });
      for (const p of [].concat(layer.route.path)) if (typeof p === 'string') out.push({ method: (methods[0] || 'get').toUpperCase(), path: prefix + p, handlers: handlers });
    } else if (layer.handle && layer.handle.stack) {
      const pre = mountPrefix(layer);
      if (pre !== null) routes(layer.handle.stack, prefix + pre, out);
    }
  }
  return out;
}
function score(route) {
  let s = 0;
  for (const h of route.handlers) {
    const text = Function.prototype.toString.call(h);
    if (CONFIG.handlerNames.indexOf(h.name) !== -1) s += 10;
    for (const snippet of CONFIG.snippets) if (snippet && text.indexOf(snippet) !== -1) s += 5;
  }
  return s;
}
function readFields(route) {
  const fields = { query: [], body: [], params: [], cookies: [], headers: [] };
  for (const h of route.handlers) {
    const text = Function.prototype.toString.call(h);
    let m;
    if (/req\.body(?![.\w\[])/.test(text) && !/\{[^{}]*\}\s*=\s*req\.body/.test(text)) fields.bodyRoot = true;
    const re = /req\.(query|body|params|cookies)\.(\w+)/g;
    while ((m = re.exec(text)) !== null) if (fields[m[1]].indexOf(m[2]) === -1) fields[m[1]].push(m[2]);
    const de = /\{([^{}]*)\}\s*=\s*req\.(query|body|params|cookies)\b/g;
    while ((m = de.exec(text)) !== null) {
      for (const part of m[1].split(',')) { const name = part.split(':')[0].trim(); if (/^\w+$/.test(name) && fields[m[2]].indexOf(name) === -1) fields[m[2]].push(name); }
    }
  }
  return fields;
}
function injectionPoints(route) {
  if (CONFIG.injection) return [CONFIG.injection];
  const fields = readFields(route);
  const out = [];
  for (const where of ['query', 'body', 'params', 'cookies']) for (const name of fields[where]) out.push({ in: where, name: name });
  if (fields.bodyRoot) out.push({ in: 'bodyRoot', name: '' });
  return out;
}
function buildRequest(route, payload, inj) {
  const fields = readFields(route);
  const req = { method: route.method, path: route.path, query: {}, headers: {} };
  let body = null;
  for (const q of fields.query) req.query[q] = '1';
  if (fields.body.length || inj.in === 'body' || inj.in === 'bodyRoot') { body = {}; for (const b of fields.body) body[b] = '1'; }
  const cookies = {};
  for (const c of fields.cookies) cookies[c] = '1';
  let pathValue = route.path.replace(/:(\w+)\??/g, function (all, name) { return inj.in === 'params' && name === inj.name ? payload : '1'; });
  if (inj.in === 'query') req.query[inj.name] = payload;
  if (inj.in === 'cookies') cookies[inj.name] = payload;
  if (inj.in === 'headers') req.headers[inj.name] = payload;
  let bodyText;
  if (inj.in === 'bodyRoot') bodyText = payload;
  else if (body !== null) {
    if (inj.in === 'body') {
      body[inj.name] = '__YAGURA_PAYLOAD__';
      const raw = JSON.stringify(body);
      bodyText = raw.replace('"__YAGURA_PAYLOAD__"', payload.charAt(0) === '{' ? payload : JSON.stringify(payload));
    } else bodyText = JSON.stringify(body);
  }
  // Placeholders stay readable so send() can fill them (the values that replace them are URL-safe hex).
  const cookieText = Object.keys(cookies).map(function (k) { return k + '=' + encodeURIComponent(cookies[k]).replace(/%7B%7B(\w+)%7D%7D/g, '{{$1}}'); }).join('; ');
  if (cookieText) req.headers.cookie = cookieText;
  req.path = pathValue;
  if (bodyText !== undefined) req.body = bodyText;
  return req;
}

async function main() {
  fs.mkdirSync(CANARY_DIR, { recursive: true });
  fs.writeFileSync(CANARY_DIR + '/secret.txt', CANARY_TEXT);
  await startListener();
  const port = await freePort();
  process.env.PORT = String(port);
  if (CONFIG.pglite) {
    const PGlite = require(CONFIG.pglite).PGlite;
    const pg = await startPgWire(PGlite, function (sql, e) { dbErrors.push(String(e && e.message) + ' [' + String(sql).slice(0, 300) + ']'); });
    const url = 'postgres://yagura@127.0.0.1:' + pg.port + '/yagura';
    for (const name of CONFIG.databaseEnv) process.env[name] = url;
  }
  for (const k of Object.keys(CONFIG.env)) process.env[k] = CONFIG.env[k];
  capture();
  process.chdir('/work');
  require(path.resolve('/work', CONFIG.entry));
  if (!(await waitForPort(port, CONFIG.startMs))) return finish(false, { reason: 'the app did not listen on PORT ' + port, appErrors: appErrors.slice(0, 3) });
  const check = ORACLES[CONFIG.cls];
  let index = 0;
  if (CONFIG.mode === 'replay') {
    index = 1;
    const res = await send(port, CONFIG.request, index);
    for (let i = 0; i < 20; i++) {
      const seen = check(index, res);
      if (seen) return finish(true, { observation: seen, status: res.status, request: CONFIG.request });
      await sleep(50);
    }
    return finish(false, { reason: 'the oracle did not fire', status: res.status, body: res.body.slice(0, 300), appErrors: appErrors.slice(-3), dbErrors: dbErrors.slice(-3) });
  }
  const app = capturedApp;
  const stack = app && (app._router ? app._router.stack : app.router && app.router.stack);
  if (!stack) return finish(false, { reason: 'no Express router found in the app' });
  const candidates = routes(stack, '', []).map(function (r) { return { r: r, s: score(r) }; })
    .filter(function (x) { return x.s > 0; }).sort(function (a, b) { return b.s - a.s; }).map(function (x) { return x.r; });
  if (candidates.length === 0) return finish(false, { reason: 'no route handler matches the finding source', handlers: CONFIG.handlerNames });
  for (const route of candidates.slice(0, 3)) {
    for (const inj of injectionPoints(route)) for (const payload of CONFIG.payloads) {
      if ((inj.in === 'bodyRoot') !== (payload.charAt(0) === '{') && CONFIG.cls === 'prototype-pollution') continue;
      index += 1;
      if (Date.now() - started > CONFIG.searchMs) return finish(false, { reason: 'search budget exhausted' });
      const request = buildRequest(route, payload, inj);
      const res = await send(port, request, index);
      for (let i = 0; i < 6; i++) {
        const seen = check(index, res);
        if (seen) return finish(true, { observation: seen, status: res.status, call: { request: request, route: route.method + ' ' + route.path } });
        await sleep(50);
      }
    }
  }
  return finish(false, { reason: 'no request reproduced', routes: candidates.map(function (r) { return r.method + ' ' + r.path; }), appErrors: appErrors.slice(-3), dbErrors: dbErrors.slice(-3) });
}
main().catch(function (e) { finish(false, { reason: 'witness crashed: ' + String(e && e.stack || e) }); });
`;
