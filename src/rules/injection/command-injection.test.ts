import { runRuleTests } from '../test-support/rule-tester.js';
import { commandInjection } from './command-injection.js';

runRuleTests(commandInjection, {
  valid: [
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
      name: 'numeric coercion',
      code: `const { exec } = require('child_process');
const app = require('express')();
app.get('/', (req, res) => { exec('kill ' + parseInt(req.query.pid, 10)); });`,
    },
  ],
  invalid: [
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
  ],
});
