import { runRuleTests } from '../test-support/rule-tester.js';
import { pathTraversal } from './path-traversal.js';

runRuleTests(pathTraversal, {
  valid: [
    {
      name: 'basename',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => { res.send(fs.readFileSync(path.join('/srv/files', path.basename(req.query.name)))); });`,
    },
    {
      name: 'resolve and startsWith guard',
      code: `const fs = require('fs');
const path = require('path');
const ROOT = '/srv/files/';
const app = require('express')();
app.get('/f', (req, res) => {
  const full = path.resolve(ROOT, req.query.name);
  if (!full.startsWith(ROOT)) return res.sendStatus(403);
  res.send(fs.readFileSync(full));
});`,
    },
    {
      name: 'sendFile with a root option',
      code: `const app = require('express')();
app.get('/f', (req, res) => { res.sendFile(req.params.name, { root: '/srv/files' }); });`,
    },
  ],
  invalid: [
    {
      name: 'readFile of a joined query path',
      code: `const fs = require('fs');
const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => {
  fs.readFile(path.join(__dirname, 'public', req.query.file), (err, data) => res.send(data));
});`,
      errors: [{ messageId: 'taintedPath', line: 5, column: 3 }],
    },
    {
      name: 'fs/promises through an alias',
      code: `import { readFile as rf } from 'node:fs/promises';
import express from 'express';
const app = express();
app.get('/f', async (req, res) => {
  const name = req.params.name;
  res.send(await rf('/data/' + name));
});`,
      errors: [{ messageId: 'taintedPath', line: 6, column: 18 }],
    },
    {
      name: 'sendFile without root',
      code: `const path = require('path');
const app = require('express')();
app.get('/f', (req, res) => { res.sendFile(path.join(__dirname, req.query.f)); });`,
      errors: [{ messageId: 'taintedPath', line: 3, column: 31 }],
    },
    {
      name: 'static server on raw http',
      code: `const http = require('http');
const fs = require('fs');
http.createServer((req, res) => {
  fs.createReadStream('./public' + req.url).pipe(res);
}).listen(8080);`,
      errors: [{ messageId: 'taintedPath', line: 4, column: 3 }],
    },
  ],
});
