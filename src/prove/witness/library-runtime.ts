/**
 * Source of the library witness: a self-contained CommonJS script run with `node` inside the sandbox. It
 * loads the package at `/work`, calls exported entries with payloads and checks an oracle whose marker
 * carries a fresh random nonce, then prints one `YAGURA-WITNESS-RESULT <json>` line.
 *
 * In `search` mode it tries candidates (hinted ones first) until one reproduces; in `replay` mode it makes
 * exactly the one call it is given. The script avoids template literals so it can live in this string.
 */
export const LIBRARY_RUNTIME = String.raw`'use strict';
const CONFIG = __CONFIG__;
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const NONCE = crypto.randomBytes(8).toString('hex');
const KEY = 'yagura_' + NONCE;
const CANARY_DIR = '/tmp/yagura-canary-' + NONCE;
// The content is another random token: a result that merely echoes the canary's path must not count.
const CANARY_TEXT = 'yagura-content-' + crypto.randomBytes(8).toString('hex');
const started = Date.now();
const notes = [];
let done = false;

function finish(reproduced, details) {
  if (done) return;
  done = true;
  const result = Object.assign({ reproduced: reproduced, nonce: NONCE, node: process.version, millis: Date.now() - started, notes: notes.slice(-12) }, details);
  process.stdout.write('\nYAGURA-WITNESS-RESULT ' + JSON.stringify(result) + '\n');
  exitProcess(0);
}
// A package function that exits the process (an abort() helper) must not end the search without a result.
const exitProcess = process.exit.bind(process);
process.exit = function (code) { throw new Error('the package called process.exit(' + code + ')'); };
process.on('uncaughtException', function (e) { notes.push('uncaught: ' + String(e && e.message).slice(0, 200)); });
process.on('unhandledRejection', function (e) { notes.push('unhandled: ' + String(e && e.message).slice(0, 200)); });
setTimeout(function () { finish(false, { reason: 'witness budget exhausted' }); }, CONFIG.budgetMs).unref();

function marker(index) { return '/tmp/yagura-' + NONCE + '-' + index; }
function fill(text, index) {
  return text.split('{{NONCE}}').join(NONCE).split('{{KEY}}').join(KEY).split('{{MARK}}').join(marker(index))
    .split('{{CANARY_ABS}}').join(CANARY_DIR + '/secret.txt')
    .split('{{CANARY_REL}}').join('../../../../../../../../../..' + CANARY_DIR + '/secret.txt');
}
function proxyOf(value) {
  return new Proxy({}, {
    get: function (target, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'constructor' || prop === 'toJSON' ||
          prop === 'valueOf' || prop === 'toString' || prop === 'inspect') return undefined;
      return value;
    },
    has: function () { return true; },
  });
}
function expand(shape, payload, index) {
  if (typeof shape === 'string') return fill(shape.split('{{P}}').join(payload), index);
  if (Array.isArray(shape)) return shape.map(function (s) { return expand(s, payload, index); });
  if (shape && typeof shape === 'object') {
    if ('$json' in shape) return JSON.parse(expand(shape.$json, JSON.stringify(payload).slice(1, -1), index));
    if ('$proxy' in shape) return proxyOf(expand(shape.$proxy, payload, index));
    if ('$fn' in shape) return function () { return undefined; };
    if ('$fnWith' in shape) {
      // A function carrying properties (a callback's name, a constructor's static fields).
      const fn = function () { return undefined; };
      const props = expand(shape.$fnWith, payload, index);
      for (const k of Object.keys(props)) Object.defineProperty(fn, k, { value: props[k], configurable: true, writable: true, enumerable: true });
      return fn;
    }
    if ('$true' in shape) return true;
    const out = {};
    for (const k of Object.keys(shape)) out[fill(k, index)] = expand(shape[k], payload, index);
    return out;
  }
  return shape;
}

function ownMethods(fn) {
  const proto = fn.prototype;
  if (!proto || typeof proto !== 'object') return [];
  return Object.getOwnPropertyNames(proto).filter(function (m) {
    if (m === 'constructor') return false;
    const d = Object.getOwnPropertyDescriptor(proto, m);
    return d !== undefined && typeof d.value === 'function';
  });
}
function candidates() {
  const out = [];
  const seen = new Set();
  function add(module, exportPath, value) {
    if (typeof value !== 'function' || seen.has(value)) return;
    seen.add(value);
    const fnName = typeof value.name === 'string' ? value.name : '';
    out.push({ module: module, exportPath: exportPath, name: exportPath.length ? exportPath.join('.') : '(module)', fnName: fnName });
    for (const m of ownMethods(value).slice(0, 12)) {
      const base = (exportPath.join('.') || '(module)') + '#' + m;
      out.push({ module: module, exportPath: exportPath, construct: true, method: m, name: base, fnName: fnName });
      // The method's parameters are often not the constructor's: also build the instance with no arguments.
      out.push({ module: module, exportPath: exportPath, construct: true, bare: true, method: m, name: base + ' (new without arguments)', fnName: fnName });
    }
  }
  for (const module of CONFIG.modules) {
    let mod;
    try { mod = require(path.resolve('/work', module)); } catch (e) { notes.push('require ' + module + ': ' + String(e && e.message).slice(0, 160)); continue; }
    add(module, [], mod);
    if (mod && (typeof mod === 'object' || typeof mod === 'function')) {
      for (const k of Object.keys(mod).slice(0, 80)) {
        let v;
        try { v = mod[k]; } catch (e) { continue; }
        add(module, [k], v);
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          for (const k2 of Object.keys(v).slice(0, 20)) {
            try { add(module, [k, k2], v[k2]); } catch (e) { continue; }
          }
        }
      }
    }
  }
  if (CONFIG.cls === 'prototype-pollution') primedCandidates(out);
  const hints = CONFIG.hints.map(function (h) { return h.toLowerCase(); });
  function rank(c) {
    const names = c.exportPath.concat(c.method ? [c.method] : c.fnName ? [c.fnName] : []).map(function (n) { return n.toLowerCase(); });
    const hit = hints.findIndex(function (h) { return names.indexOf(h) !== -1; });
    const base = hit === -1 ? 100 : hit;
    return base + (c.construct ? 0.5 : 0) + (c.exportPath.length === 0 ? 0 : 0.1);
  }
  return out.map(function (c, i) { return { c: c, r: rank(c), i: i }; })
    .sort(function (a, b) { return a.r - b.r || a.i - b.i; })
    .map(function (x) { const c = x.c; delete c.fnName; return c; });
}
// State that names the key: a setter (setLocale('__proto__')) called before the method that writes through
// it (updateLocale(values) -> cache[locale][key] = ...). Methods come from constructors' prototypes and from
// objects factory exports return.
function isSetter(name) { return /^set[A-Z_]/.test(name); }
function primedCandidates(out) {
  const extra = [];
  for (const c of out) {
    if (c.construct || extra.length > 60) continue;
    let fn;
    try { fn = resolveCandidate(c).fn; } catch (e) { continue; }
    const methods = ownMethods(fn);
    if (methods.length > 0) {
      for (const s of methods.filter(isSetter)) for (const m of methods) {
        if (m !== s) extra.push(Object.assign({}, c, { construct: true, bare: true, prime: s, method: m, name: c.name + '#' + s + '>' + m }));
      }
      continue;
    }
    let made;
    try { made = fn.apply(resolveCandidate(c).self, []); } catch (e) { continue; }
    if (!made || typeof made !== 'object' || Array.isArray(made)) continue;
    const names = [];
    for (const k in made) { try { if (typeof made[k] === 'function') names.push(k); } catch (e) { continue; } }
    for (const m of names.slice(0, 20)) {
      extra.push(Object.assign({}, c, { factory: true, method: m, name: c.name + '()#' + m }));
      for (const s of names.filter(isSetter)) if (s !== m) extra.push(Object.assign({}, c, { factory: true, prime: s, method: m, name: c.name + '()#' + s + '>' + m }));
    }
  }
  for (const e of extra) out.push(e);
}
function resolveCandidate(c) {
  let value = require(path.resolve('/work', c.module));
  let self;
  for (const k of c.exportPath) { self = value; value = value[k]; }
  return { fn: value, self: self };
}
function invoke(c, args) {
  const r = resolveCandidate(c);
  if (c.factory) {
    const made = r.fn.apply(r.self, []);
    if (c.prime) made[c.prime]('__proto__');
    return made[c.method](...args);
  }
  if (c.construct) {
    let instance;
    try { instance = c.bare ? new r.fn() : new r.fn(...args); } catch (e) { instance = Object.create(r.fn.prototype); }
    if (c.prime) instance[c.prime]('__proto__');
    return instance[c.method](...args);
  }
  try { return r.fn.apply(r.self, args); } catch (e) {
    if (e instanceof TypeError && /class constructor|without 'new'/i.test(String(e.message))) return new r.fn(...args);
    throw e;
  }
}
function settle(value, ms) {
  if (!value || typeof value.then !== 'function') return Promise.resolve(value);
  return Promise.race([value.then(function (v) { return v; }, function () { return undefined; }),
    new Promise(function (resolve) { setTimeout(resolve, ms); })]);
}
function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }
function describe(c, shape, payload) {
  return { module: c.module, exportPath: c.exportPath, construct: c.construct === true, bare: c.bare === true, factory: c.factory === true,
    prime: c.prime, method: c.method, shape: shape, payload: payload };
}

// Property paths the flow reads off the tainted parameter (options.source, res.headers['cache-control']),
// taken from the source lines around each flow step: the payload is placed at the end of each path.
function parameterPaths() {
  const param = CONFIG.param;
  if (!param) return [];
  const esc = param.name.replace(/[$]/g, '\\$');
  const re = new RegExp('(?:^|[^\\w$.])' + esc + '((?:\\s*\\.\\s*[A-Za-z_$][\\w$]*|\\s*\\[\\s*[\'"][^\'"\\]]+[\'"]\\s*\\])+)', 'g');
  const seen = new Set();
  const paths = [];
  for (const site of CONFIG.sites) {
    let lines;
    try { lines = fs.readFileSync(path.resolve('/work', site.file), 'utf8').split('\n'); } catch (e) { continue; }
    const text = lines.slice(Math.max(0, site.line - 4), site.line + 10).join('\n');
    for (const m of text.matchAll(re)) {
      const keys = [];
      for (const k of m[1].matchAll(/\.\s*([A-Za-z_$][\w$]*)|\[\s*['"]([^'"\]]+)['"]\s*\]/g)) keys.push(k[1] || k[2]);
      // A trailing method call (args.slice(0), str.trim()) is not a property holding the value.
      const after = text.slice(m.index + m[0].length).trimStart();
      if (after.startsWith('(')) keys.pop();
      const key = JSON.stringify(keys);
      if (keys.length === 0 || seen.has(key) || paths.length >= 8) continue;
      seen.add(key);
      paths.push(keys);
    }
  }
  return paths;
}
function nested(keys, leaf) {
  let value = leaf;
  for (let i = keys.length - 1; i >= 0; i--) { const o = {}; o[keys[i]] = value; value = o; }
  return value;
}
// Shapes from the flow: the payload at the tainted parameter's position (when known, else the first
// two), as itself, behind each property path, or behind a proxy one level up; earlier arguments filled.
function flowShapes() {
  if (!CONFIG.param) return [];
  const values = [];
  for (const keys of parameterPaths()) {
    values.push(nested(keys, '{{P}}'));
    if (keys.length > 1) values.push(nested(keys.slice(0, -1), { $proxy: '{{P}}' }));
    // The parameter may have to be a function (thenify(fn) reads fn.name).
    values.push({ $fnWith: nested(keys, '{{P}}') });
  }
  values.push('{{P}}', { $proxy: '{{P}}' });
  const positions = typeof CONFIG.param.index === 'number' ? [CONFIG.param.index] : [0, 1];
  const shapes = [];
  for (const at of positions) {
    for (const filler of at === 0 ? [null] : ['x', { $proxy: 'x' }]) {
      for (const v of values) {
        const args = [];
        for (let i = 0; i < at; i++) args.push(filler);
        args.push(v);
        shapes.push(args);
      }
    }
  }
  return shapes;
}
function searchShapes() {
  const out = [];
  const seen = new Set();
  for (const shape of flowShapes().concat(CONFIG.shapes)) {
    const key = JSON.stringify(shape);
    if (!seen.has(key)) { seen.add(key); out.push(shape); }
  }
  return out.slice(0, 48);
}
function textOf(value, depth) {
  if (value === null || value === undefined || depth > 2) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (typeof value === 'object') {
    let s = '';
    try { for (const k of Object.keys(value).slice(0, 50)) s += ' ' + textOf(value[k], depth + 1); } catch (e) { return s; }
    return s;
  }
  return String(value);
}

const ORACLES = {
  'prototype-pollution': {
    before: function () {},
    check: function () { return ({})[KEY] === NONCE || (function () {})[KEY] === NONCE; },
    observe: function () { return (({})[KEY] === NONCE ? 'Object' : 'Function') + '.prototype.' + KEY + ' === nonce ' + NONCE; },
  },
  'code-injection': {
    before: function () {},
    check: function () { return globalThis[KEY] === NONCE; },
    observe: function () { return 'globalThis.' + KEY + ' === nonce ' + NONCE; },
  },
  'unsafe-deserialization': {
    before: function () {},
    check: function () { return globalThis[KEY] === NONCE; },
    observe: function () { return 'globalThis.' + KEY + ' === nonce ' + NONCE + ', set by deserialized code'; },
  },
  'command-injection': {
    before: function () {},
    check: function (index) { return fs.existsSync(marker(index)); },
    observe: function (index) { return 'marker file ' + marker(index) + ' created by a shell'; },
  },
  'path-traversal': {
    before: function () { fs.mkdirSync(CANARY_DIR, { recursive: true }); fs.writeFileSync(CANARY_DIR + '/secret.txt', CANARY_TEXT); },
    check: function (index, result) { return textOf(result, 0).indexOf(CANARY_TEXT) !== -1; },
    observe: function () { return 'the call returned the canary ' + CANARY_TEXT + ' from outside the package root'; },
  },
};

async function tryCall(oracle, c, shape, payload, index) {
  let result;
  let error;
  try {
    const args = expand(shape, payload, index);
    result = invoke(c, args);
    if (typeof result === 'function' && CONFIG.cls !== 'path-traversal') {
      try { result = result(...expand(CONFIG.followUpArgs, payload, index)); } catch (e) { error = e; }
    }
    result = await settle(result, CONFIG.settleMs);
  } catch (e) { error = e; }
  if (oracle.check(index, result)) return true;
  if (CONFIG.cls === 'command-injection') { await sleep(CONFIG.settleMs); return oracle.check(index, result); }
  if (error && notes.length < 40) notes.push(c.name + ': ' + String(error && error.message).slice(0, 120));
  return false;
}

async function runInjection() {
  const oracle = ORACLES[CONFIG.cls];
  oracle.before();
  const list = CONFIG.mode === 'replay' ? [CONFIG.call] : candidates();
  const allShapes = CONFIG.mode === 'replay' ? [] : searchShapes();
  const calls = [];
  let index = 0;
  let tried = 0;
  let exhausted = false;
  search: for (const c of list) {
    const shapes = CONFIG.mode === 'replay' ? [c.shape] : allShapes;
    const payloads = CONFIG.mode === 'replay' ? [c.payload] : CONFIG.payloads;
    for (const shape of shapes) {
      for (const payload of payloads) {
        if (Date.now() - started > CONFIG.searchMs) { exhausted = true; break search; }
        index += 1;
        tried += 1;
        calls[index] = describe(c, shape, payload);
        if (await tryCall(oracle, c, shape, payload, index)) {
          return finish(true, { call: describe(c, shape, payload), observation: oracle.observe(index), tried: tried });
        }
      }
    }
  }
  if (CONFIG.cls === 'command-injection') {
    await sleep(500);
    // A shell that ran late still names its call: the marker's index is the call's.
    for (let i = 1; i <= index; i++) if (oracle.check(i)) return finish(true, { call: calls[i], observation: oracle.observe(i), lateMarker: i, tried: tried });
  }
  return finish(false, { reason: exhausted ? 'search budget exhausted' : 'no call reproduced', tried: tried, candidates: list.length });
}

// Regex accounting: CPU time spent inside RegExp matching, so the ReDoS oracle attributes a slowdown to
// backtracking and never to a quadratic loop elsewhere (a fixed version may still be slow in plain code).
// Only the outermost RegExp call is timed (String#replace -> @@replace -> exec nests); replacer callbacks
// are paused out. Installed before the package loads, so it sees every regex the package builds.
const REGEX = { active: false, t0: null, current: null, totalMs: 0, targetMs: 0 };
function sameSource(re) {
  if (typeof CONFIG.pattern !== 'string' || !re || typeof re.source !== 'string') return false;
  const a = re.source.split('\\/').join('/');
  const b = CONFIG.pattern.split('\\/').join('/');
  return a === b;
}
function regexStart(re) { REGEX.active = true; REGEX.current = re; REGEX.t0 = process.cpuUsage(); }
function regexStop() {
  const u = process.cpuUsage(REGEX.t0);
  const ms = (u.user + u.system) / 1000;
  REGEX.totalMs += ms;
  if (sameSource(REGEX.current)) REGEX.targetMs += ms;
  REGEX.active = false;
}
function pausing(fn) {
  return function () {
    if (!REGEX.active) return fn.apply(this, arguments);
    const re = REGEX.current;
    regexStop();
    try { return fn.apply(this, arguments); } finally { regexStart(re); }
  };
}
function instrumentRegExp() {
  const proto = RegExp.prototype;
  const names = ['exec', 'test', Symbol.match, Symbol.matchAll, Symbol.replace, Symbol.search, Symbol.split];
  for (const name of names) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    const wrapped = function () {
      if (REGEX.active) return original.apply(this, arguments);
      const args = Array.prototype.slice.call(arguments);
      if (name === Symbol.replace && typeof args[1] === 'function') args[1] = pausing(args[1]);
      regexStart(this);
      try { return original.apply(this, args); } finally { regexStop(); }
    };
    Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  }
}
// With the flagged pattern known, only its matches count: another regex slowing down proves nothing about it.
function regexMillis() { return typeof CONFIG.pattern === 'string' ? REGEX.targetMs : REGEX.totalMs; }

let lead = '';
let suffix = CONFIG.suffix;
function attackString(n) {
  let s = lead;
  for (const p of CONFIG.pumps) s += p.prefix + p.pump.repeat(n);
  return s + suffix;
}
// CPU time, not wall time: matching is CPU-bound, and a loaded machine must not look like super-linear growth.
// Returns the whole call's time and the part spent inside regex matching (what the oracle judges).
async function timeCall(c, shape, n) {
  const s = attackString(n);
  const args = expand(shape, s, 0);
  REGEX.totalMs = 0;
  REGEX.targetMs = 0;
  const c0 = process.cpuUsage();
  try { await settle(invoke(c, args), 2000); } catch (e) { /* a throw after the match still took the time */ }
  const used = process.cpuUsage(c0);
  return { total: (used.user + used.system) / 1000, regex: regexMillis() };
}
function round(ms) { return Math.round(ms * 100) / 100; }
function nextPumps(n) { return CONFIG.stepPumps > 0 ? n + CONFIG.stepPumps : Math.max(n + 1, Math.ceil(n * CONFIG.growth)); }
// One schedule for the probe and the measurement: the attack string grows from short, and a call is made
// only when the previous one, times the expected growth of a step, still fits in the budget (a cubic
// pattern on a long string would otherwise run past the sandbox's deadline and leave no result).
async function measure(c, shape) {
  const series = [];
  let n = CONFIG.startPumps;
  let prevTotal = 0;
  for (let step = 0; step < 80; step++) {
    const left = CONFIG.searchMs - (Date.now() - started);
    if (prevTotal * CONFIG.stepCost * 2 > left) return { reproduced: false, series: series, stop: 'budget' };
    // One call per length: a package that memoises results would answer a repeated string from its cache.
    const a = await timeCall(c, shape, n);
    const regex = a.regex;
    const total = a.total;
    const length = attackString(n).length;
    series.push({ length: length, regexMs: round(regex), totalMs: round(total) });
    const prev = series[series.length - 2];
    if (prev && regex >= CONFIG.minMillis && prev.regexMs > 0) {
      const growth = Math.log(regex / Math.max(prev.regexMs, 0.05)) / Math.log(length / prev.length);
      if (growth >= CONFIG.minExponent) return { reproduced: true, series: series, exponent: Math.round(growth * 100) / 100 };
    }
    // Still fast inside regexes on a long attack string: the string does not reach a backtracking match this way.
    if (n >= CONFIG.probePumps && regex < CONFIG.probeMillis) return { reproduced: false, series: series, stop: 'fast' };
    // Long, measurable, and growing no faster than the length: linear matching, not worth a longer string.
    if (n >= CONFIG.probePumps && prev && prev.regexMs >= CONFIG.probeMillis &&
        Math.log(regex / prev.regexMs) / Math.log(length / prev.length) < 1.2) return { reproduced: false, series: series, stop: 'linear' };
    if (total > CONFIG.maxMillis || length > CONFIG.maxLength) return { reproduced: false, series: series, stop: 'limit' };
    prevTotal = total;
    n = nextPumps(n);
  }
  return { reproduced: false, series: series, stop: 'steps' };
}
async function runRedos() {
  const list = CONFIG.mode === 'replay' ? [CONFIG.call] : candidates();
  const allShapes = CONFIG.mode === 'replay' ? [] : searchShapes();
  let tried = 0;
  const slow = [];
  for (const c of list) {
    const shapes = CONFIG.mode === 'replay' ? [c.shape] : allShapes;
    for (const shape of shapes) {
      // The checker's string as is, then wrapped in a non-space character on the right, then on both sides:
      // a package that trims its input would drop a whitespace pump or a trailing newline that fails the match.
      const wraps = CONFIG.mode === 'replay' ? [{ lead: typeof c.lead === 'string' ? c.lead : '', suffix: typeof c.suffix === 'string' ? c.suffix : CONFIG.suffix }]
        : [{ lead: '', suffix: CONFIG.suffix }, { lead: '', suffix: CONFIG.suffix + '!' }, { lead: '!', suffix: CONFIG.suffix + '!' }];
      for (const wrap of wraps) {
        lead = wrap.lead;
        suffix = wrap.suffix;
        if (Date.now() - started > CONFIG.searchMs) return finish(false, { reason: 'search budget exhausted', tried: tried, slow: slow });
        tried += 1;
        const m = await measure(c, shape);
        if (m.reproduced) {
          return finish(true, { call: Object.assign(describe(c, shape, '{{ATTACK}}'), { lead: lead, suffix: suffix }), series: m.series, exponent: m.exponent, tried: tried,
            observation: 'time inside ' + (typeof CONFIG.pattern === 'string' ? 'matches of the flagged regex' : 'regex matching') + ' grows as length^' +
              m.exponent + ' (threshold ' + CONFIG.minExponent + ')' });
        }
        if (CONFIG.mode === 'replay') return finish(false, { reason: 'no super-linear growth', series: m.series, tried: tried });
        // Calls that got slow without the regex time growing: kept so a reader sees why nothing was proven.
        const last = m.series[m.series.length - 1];
        if (last && last.totalMs >= CONFIG.probeMillis && slow.length < 8) slow.push({ call: c.name, shape: shape, last: last, stop: m.stop });
      }
    }
  }
  return finish(false, { reason: 'no call slowed down super-linearly', tried: tried, candidates: list.length, slow: slow });
}

__ARCHIVE__
// Path traversal into a write (zip slip): malicious archives first, then the read canary search.
async function runPathTraversal() {
  if (CONFIG.mode === 'replay' && !CONFIG.call.slip) return runInjection();
  if (CONFIG.mode === 'replay' || CONFIG.writeSink) {
    const found = await runArchive(CONFIG.mode === 'replay' ? CONFIG.searchMs : CONFIG.searchMs * 0.6);
    if (found.call) return finish(true, { call: found.call, observation: found.observation, tried: found.tried });
    if (CONFIG.mode === 'replay') return finish(false, { reason: 'no file escaped the extraction root', tried: found.tried });
  }
  return runInjection();
}

if (CONFIG.cls === 'redos') instrumentRegExp();
(CONFIG.cls === 'redos' ? runRedos() : CONFIG.cls === 'path-traversal' ? runPathTraversal() : runInjection())
  .catch(function (e) { finish(false, { reason: 'witness crashed: ' + String(e && e.message) }); });
`;
