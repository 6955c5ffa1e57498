import { runRuleTests } from '../test-support/rule-tester.js';
import { commandInjection } from './command-injection.js';

runRuleTests(commandInjection, {
  valid: [
    {
      name: 'library checks a host name with an anchored pattern of letters, digits, dots and dashes',
      threatModel: 'library',
      code: `const { exec } = require('child_process');
exports.lookup = function lookup(host) {
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(host)) throw new Error('bad host');
  return exec('host ' + host);
};`,
    },
    {
      name: 'constant command',
      code: `const { exec } = require('child_process');
const express = require('express');
const app = express();
app.get('/', (req, res) => { exec('ls -la'); res.send('ok'); });`,
    },
    {
      name: 'argument array without a shell',
      code: `const cp = require('child_process');
const app = require('express')();
app.get('/', (req, res) => { cp.execFile('git', ['log', req.query.ref]); });`,
    },
    {
      name: 'quoted with shell-quote',
      code: `const { exec } = require('child_process');
const { quote } = require('shell-quote');
const app = require('express')();
app.get('/', (req, res) => { exec('ls ' + quote([req.query.dir])); });`,
    },
    {
      name: 'quoted with shellwords.escape and shescape',
      code: `const { exec } = require('child_process');
const shellwords = require('shellwords');
const { Shescape } = require('shescape');
const shescape = new Shescape({ shell: true });
const app = require('express')();
app.get('/', (req, res) => {
  exec('notify-send ' + shellwords.escape(req.query.title));
  exec(\`ls \${shescape.quote(req.query.dir)}\`);
});`,
    },
    {
      name: 'library backslash-escapes ", $, backtick and backslash, then writes the value inside double quotes',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => s.replace(/(["$\`\\\\])/g, '\\\\$1');
exports.title = (title) => cp.exec('notify-send "' + escapeQuotes(title) + '"');
exports.body = (body) => cp.exec(\`notify-send -u low "\${escapeQuotes(body)}"\`);
function quoted(msg, extra) {
  const wrapper = extra.wrapper === undefined ? '"' : extra.wrapper;
  return wrapper + escapeQuotes(msg) + wrapper;
}
exports.wrapped = (msg) => cp.exec('notify-send -a app ' + quoted(msg, {}));`,
    },
    {
      name: 'library reads an option its own call never sets: an object literal lacks the field, its other fields do not fill it',
      threatModel: 'library',
      code: `const cp = require('child_process');
function run(line, extra) {
  const prefix = extra.prefix === undefined ? 'notify-send' : extra.prefix;
  return cp.exec(prefix + ' ' + line);
}
exports.notify = (title) => run('-t x', { initial: [title] });`,
    },
    {
      name: 'library escapes unless a flag its caller does not pass says otherwise',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => s.replace(/(["$\`\\\\])/g, '\\\\$1');
function build(options, extra) {
  const noEscape = extra.noEscape !== undefined;
  const quote = (arg) => {
    if (!noEscape) arg = escapeQuotes(arg);
    return '"' + arg + '"';
  };
  const args = [];
  for (const key in options) args.push('-x', quote(options[key]));
  return args;
}
exports.notify = (options) => cp.exec('notify-send ' + build(options, { wrapper: '"' }).join(' '));
const line = (title, raw) => (typeof raw === 'undefined' ? '"' + escapeQuotes(title) + '"' : title);
exports.title = (options) => cp.exec('notify-send ' + line(options.title));`,
    },
    {
      name: 'library passes non-strings through its escaping once arrays were handled: their string form is fixed text',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => (typeof s === 'string' ? s.replace(/(["$\`\\\\])/g, '\\\\$1') : s);
const isArray = (a) => Object.prototype.toString.call(a) === '[object Array]';
function quote(arg) {
  if (isArray(arg)) return arg.map(quote).join(',');
  return '"' + escapeQuotes(arg) + '"';
}
exports.notify = (options) => cp.exec('notify-send ' + quote(options.icon));
exports.urgency = (level) => cp.exec('notify-send -u "' + (Array.isArray(level) ? 'low' : escapeQuotes(level)) + '"');`,
    },
    {
      name: 'library writes only keys of an allow-list its caller passes as a constant',
      threatModel: 'library',
      code: `const cp = require('child_process');
const inArray = (arr, val) => arr.indexOf(val) !== -1;
function flags(options, extra) {
  const allowed = extra.allowed || [];
  const check = extra.allowed !== undefined;
  const args = [];
  for (const key in options) {
    if (!check || inArray(allowed, key)) args.push('--' + key);
  }
  return args;
}
const ALLOWED = ['urgency', 'icon'];
exports.notify = (options) => cp.exec('notify-send ' + flags(options, { allowed: ALLOWED }).join(' '));`,
    },
    {
      name: 'numeric coercion',
      code: `const { exec } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => { exec('kill ' + parseInt(req.query.pid, 10)); });`,
    },
    {
      name: 'library runs the program its caller names, arguments in an array and no shell',
      threatModel: 'library',
      code: `const { spawn } = require('child_process');
module.exports = function notify(msg, options) {
  const args = [options.exec || 'notify-send'];
  args.push('-m', msg);
  const program = args.shift();
  return spawn(program, args);
};`,
    },
    {
      name: 'library passes a composed string to execFileSync (no shell: the whole string is a file name)',
      threatModel: 'library',
      code: `const { execFileSync } = require('node:child_process');
exports.coverage = function coverage(opts) {
  const cmd = 'find ' + opts.root + ' -name "*.gcno" -exec ' + (opts.tool || 'gcov') + ' {} +';
  return execFileSync(cmd);
};`,
    },
    {
      name: 'library passes its argument to an aliased execFile and to execa',
      threatModel: 'library',
      code: `const run = require('child_process').execFile;
const { execa } = require('execa');
module.exports = function tool(bin, args) {
  run(bin, args);
  return execa(bin, ['--version']);
};`,
    },
    {
      name: 'library method exposed through a binding defineProperty getter runs a constant command',
      threatModel: 'library',
      code: `const { exec } = require('child_process');
function Notifier() {}
function notifyRaw(options) { exec('notify-send --version'); }
Object.defineProperty(Notifier.prototype, 'notify', {
  get: function () {
    if (!this._notify) this._notify = notifyRaw.bind(this);
    return this._notify;
  },
});
module.exports = new Notifier();`,
    },
    {
      name: 'library joins an argument list another helper built from numbers',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{"name":"notify","main":"index.js"}' },
        { path: 'index.js', code: `const { build, run } = require('./args');\nmodule.exports = function notify(options) {\n  return run(build(options));\n};` },
        { path: 'args.js', code: `const cp = require('child_process');\nexports.build = (options) => { const args = []; args.push('-t', parseInt(options.timeout, 10)); return args; };\nexports.run = (list) => cp.exec('notify-send ' + list.join(' '));` },
      ],
    },
    {
      name: 'command built from a number-checked pid and run by a wrapper of exec',
      threatModel: 'library',
      code: `const cp = require('child_process');
const utils = {
  exec(cmd, callback) {
    cp.exec(cmd, { maxBuffer: 1024 * 1024 }, callback);
  },
};
module.exports = function findByPid(pid, callback) {
  if (typeof pid !== 'number') throw new TypeError('pid must be a number');
  utils.exec(\`ps -p \${pid} -o pid,args\`, callback);
};`,
    },
    {
      name: 'finder table dispatched by key after the pid finder was refused a non-number value',
      threatModel: 'library',
      code: `const cp = require('child_process');
const finders = {
  pid(value) {
    return cp.execSync(\`ps -p \${value}\`).toString();
  },
  name(value) {
    return cp.execSync('ps ax').toString().split('\\n').filter((line) => line.includes(value));
  },
};
module.exports = function find(by, value) {
  return new Promise((resolve, reject) => {
    if (!(by in finders)) reject(new Error('unknown finder'));
    else if (by === 'pid' && typeof value !== 'number') reject(new Error('pid must be a number'));
    else resolve(finders[by](value));
  });
};`,
    },
  ],
  invalid: [
    {
      name: 'library checks a host name with an anchored pattern that still admits spaces and semicolons',
      threatModel: 'library',
      code: `const { exec } = require('child_process');
exports.lookup = function lookup(host) {
  if (!/^[\\w.; -]+$/.test(host)) throw new Error('bad host');
  return exec('host ' + host);
};`,
      errors: [{ messageId: 'taintedCommand', line: 4, column: 10 }],
    },
    {
      name: 'library escapes for double quotes but writes the value unquoted',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => s.replace(/(["$\`\\\\])/g, '\\\\$1');
exports.title = (title) => cp.exec('notify-send ' + escapeQuotes(title));`,
      errors: [{ messageId: 'taintedCommand', line: 3, column: 28 }],
    },
    {
      name: 'library escapes only quotes and backslashes, or only the first special character, inside double quotes',
      threatModel: 'library',
      code: `const cp = require('child_process');
exports.title = (t) => cp.exec('notify-send "' + t.replace(/(["\\\\])/g, '\\\\$1') + '"');
exports.body = (b) => cp.exec('notify-send "' + b.replace(/(["$\`\\\\])/, '\\\\$1') + '"');`,
      errors: [
        { messageId: 'taintedCommand', line: 2, column: 24 },
        { messageId: 'taintedCommand', line: 3, column: 23 },
      ],
    },
    {
      name: 'request chooses the program spawned',
      code: `const { spawn } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => {
  spawn(req.query.tool, ['--help']);
});`,
      errors: [{ messageId: 'taintedCommand', line: 4, column: 3 }],
    },
    {
      name: 'library builds a command line for spawn with shell: true',
      threatModel: 'library',
      code: `const cp = require('child_process');
module.exports = function zip(src, dest) {
  return cp.spawn('zip -r ' + dest + ' ' + src, { shell: true });
};`,
      // One finding per parameter (src, dest).
      errors: [
        { messageId: 'taintedCommand', line: 3, column: 10 },
        { messageId: 'taintedCommand', line: 3, column: 10 },
      ],
    },
    {
      name: 'library builds a command line for execa with a shell in a helper module',
      threatModel: 'library',
      code: [
        { path: 'index.js', code: `const { sh } = require('./sh');\nmodule.exports = function ping(host) {\n  return sh(\`ping -c 1 \${host}\`);\n};` },
        { path: 'sh.js', code: `const { execa } = require('execa');\nexports.sh = (line) => execa(line, [], { shell: true });` },
      ],
      // Both modules are entry points without a package.json: sh(line) runs its parameter, and ping(host) builds the
      // command it hands to that wrapper (reported at its call of sh()).
      errors: [
        { messageId: 'taintedCommand', file: 'index.js', line: 3, column: 10 },
        { messageId: 'taintedCommand', file: 'sh.js', line: 2, column: 24 },
      ],
    },
    {
      name: 'request query in exec',
      code: `const { exec } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => {
  exec('ls ' + req.query.dir);
});`,
      errors: [{ messageId: 'taintedCommand', line: 4, column: 3 }],
    },
    {
      name: 'aliased module and template literal',
      code: `const cp = require('node:child_process');
const app = require('express')();
app.post('/run', (req, res) => {
  const run = cp.execSync;
  run(\`ping -c 1 \${req.body.host}\`);
});`,
      errors: [{ messageId: 'taintedCommand', line: 5, column: 3 }],
    },
    {
      name: 'spawn with shell: true',
      code: `const { spawn } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => {
  spawn('git', ['log', req.query.ref], { shell: true });
});`,
      errors: [{ messageId: 'taintedCommand', line: 4, column: 3 }],
    },
    {
      name: 'cross-file wrapper',
      code: [
        {
          path: 'app.js',
          code: `const { runTool } = require('./tools');
const app = require('express')();
app.get('/', (req, res) => { runTool(req.query.name); });`,
        },
        {
          path: 'tools.js',
          code: `const shell = require('shelljs');
exports.runTool = function runTool(name) {
  return shell.exec('tool ' + name);
};`,
        },
      ],
      errors: [{ messageId: 'taintedCommand', file: 'tools.js', line: 3, column: 10 }],
    },
    {
      name: 'exported function parameter under the library threat model',
      threatModel: 'library',
      code: `const { execSync } = require('child_process');
module.exports = function open(file) {
  return execSync('xdg-open ' + file);
};`,
      errors: [{ messageId: 'taintedCommand', line: 3, column: 10 }],
    },
    {
      name: 'library method exposed through a binding defineProperty getter',
      threatModel: 'library',
      code: `const { exec } = require('child_process');
function Notifier() {}
function notifyRaw(options) { exec('notify-send ' + options.message); }
Object.defineProperty(Notifier.prototype, 'notify', {
  get: function () {
    if (!this._notify) this._notify = notifyRaw.bind(this);
    return this._notify;
  },
});
module.exports = new Notifier();`,
      errors: [{ messageId: 'taintedCommand', line: 3, column: 31 }],
    },
    {
      name: 'library joins an argument list another helper built from its options',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{"name":"notify","main":"index.js"}' },
        { path: 'index.js', code: `const { build, run } = require('./args');\nmodule.exports = function notify(options) {\n  return run(build(options));\n};` },
        { path: 'args.js', code: `const cp = require('child_process');\nexports.build = (options) => { const args = []; args.push('-i', options.icon); return args; };\nexports.run = (list) => cp.exec('notify-send ' + list.join(' '));` },
      ],
      errors: [{ messageId: 'taintedCommand', file: 'args.js', line: 3, column: 25 }],
    },
    {
      name: 'library skips its escaping when the caller passes the flag that turns it off',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => s.replace(/(["$\`\\\\])/g, '\\\\$1');
function build(options, extra) {
  const noEscape = extra.noEscape !== undefined;
  const quote = (arg) => {
    if (!noEscape) arg = escapeQuotes(arg);
    return '"' + arg + '"';
  };
  const args = [];
  for (const key in options) args.push('-x', quote(options[key]));
  return args;
}
exports.notify = (options) => cp.exec('notify-send ' + build(options, { wrapper: '"' }).join(' '));
exports.raw = (options) => cp.exec('toast ' + build(options, { noEscape: true }).join(' '));
exports.unknown = (options, extra) => cp.exec('toast ' + build(options, extra).join(' '));
const line = (title, raw) => (typeof raw === 'undefined' ? '"' + escapeQuotes(title) + '"' : title);
exports.title = (options) => cp.exec('notify-send ' + line(options.title, true));`,
      errors: [
        { messageId: 'taintedCommand', line: 14, column: 28 },
        { messageId: 'taintedCommand', line: 15, column: 39 },
        { messageId: 'taintedCommand', line: 17, column: 30 },
      ],
    },
    {
      name: 'library skips its escaping on a flag its caller does not pass or on another test it cannot decide',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => s.replace(/(["$\`\\\\])/g, '\\\\$1');
const isLong = (s) => s.length > 80;
function quoted(s, extra) {
  if (extra.raw !== undefined || isLong(s)) return s;
  return '"' + escapeQuotes(s) + '"';
}
exports.notify = (title) => cp.exec('notify-send ' + quoted(title, {}));`,
      errors: [{ messageId: 'taintedCommand', line: 8, column: 29 }],
    },
    {
      name: 'library leaves non-strings alone in its escaping, and an array joins its elements unescaped',
      threatModel: 'library',
      code: `const cp = require('child_process');
const escapeQuotes = (s) => (typeof s === 'string' ? s.replace(/(["$\`\\\\])/g, '\\\\$1') : s);
exports.notify = (options) => cp.exec('notify-send "' + escapeQuotes(options.icon) + '"');
exports.first = (options) => {
  const icon = Array.isArray(options) ? options : escapeQuotes(options);
  if (typeof icon !== 'string') return cp.exec('notify-send -i ' + icon.name);
};`,
      errors: [
        { messageId: 'taintedCommand', line: 3, column: 31 },
        { messageId: 'taintedCommand', line: 6, column: 40 },
      ],
    },
    {
      name: 'library checks keys against an allow-list the caller chooses, or none',
      threatModel: 'library',
      code: `const cp = require('child_process');
const inArray = (arr, val) => arr.indexOf(val) !== -1;
function flags(options, extra) {
  const allowed = extra.allowed || [];
  const check = extra.allowed !== undefined;
  const args = [];
  for (const key in options) {
    if (!check || inArray(allowed, key)) args.push('--' + key);
  }
  return args;
}
exports.all = (options) => cp.exec('notify-send ' + flags(options, {}).join(' '));
exports.theirs = (options) => cp.exec('notify-send ' + flags(options, { allowed: options.allowed }).join(' '));`,
      errors: [
        { messageId: 'taintedCommand', line: 12, column: 28 },
        { messageId: 'taintedCommand', line: 13, column: 31 },
      ],
    },
    {
      name: 'command built by the caller of a wrapper that hands its parameter unchanged to exec (reported at the wrapper call)',
      threatModel: 'library',
      code: `const cp = require('child_process');
const utils = {
  exec(cmd, callback) {
    cp.exec(cmd, { maxBuffer: 1024 * 1024 }, callback);
  },
};
module.exports = function findByPid(pid, callback) {
  const cmd = \`ps -p \${pid} -o pid,args\`;
  utils.exec(cmd, callback);
};`,
      errors: [{ messageId: 'taintedCommand', line: 9, column: 3 }],
    },
    {
      name: 'helper that builds the command from its parameter itself (reported at its exec)',
      threatModel: 'library',
      code: `const cp = require('child_process');
function git(args, callback) {
  cp.exec('git ' + args, callback);
}
module.exports = function blame(file, callback) {
  git('blame ' + file, callback);
};`,
      errors: [{ messageId: 'taintedCommand', line: 3, column: 3 }],
    },
    {
      name: 'finder table dispatched by key whose number check guards another key',
      threatModel: 'library',
      code: `const cp = require('child_process');
const finders = {
  pid(value) {
    return cp.execSync(\`ps -p \${value}\`).toString();
  },
  name(value) {
    return cp.execSync('ps ax').toString().split('\\n').filter((line) => line.includes(value));
  },
};
module.exports = function find(by, value) {
  if (by === 'port' && typeof value !== 'number') throw new Error('port must be a number');
  else return finders[by](value);
};`,
      errors: [{ messageId: 'taintedCommand', line: 4, column: 12 }],
    },
  ],
});
