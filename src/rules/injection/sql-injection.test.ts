import { runRuleTests } from '../test-support/rule-tester.js';
import { sqlInjection } from './sql-injection.js';

runRuleTests(sqlInjection, {
  valid: [
    {
      name: 'parameterised pg query',
      code: `const { Pool } = require('pg');
const pool = new Pool();
const app = require('express')();
app.get('/u', async (req, res) => {
  res.json(await pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]));
});`,
    },
    {
      name: 'mysql escape',
      code: `const mysql = require('mysql');
const conn = mysql.createConnection({});
const app = require('express')();
app.get('/u', (req, res) => { conn.query('SELECT * FROM t WHERE n = ' + mysql.escape(req.query.n)); });`,
    },
    {
      name: 'numeric id',
      code: `const mysql = require('mysql');
const conn = mysql.createConnection({});
const app = require('express')();
app.get('/u', (req, res) => { conn.query('SELECT * FROM t WHERE id = ' + Number(req.query.id)); });`,
    },
  ],
  invalid: [
    {
      name: 'concatenated pg query',
      code: `const { Pool } = require('pg');
const pool = new Pool();
const app = require('express')();
app.get('/u', async (req, res) => {
  res.json(await pool.query("SELECT * FROM users WHERE name = '" + req.query.name + "'"));
});`,
      errors: [{ messageId: 'taintedQuery', line: 5, column: 18 }],
    },
    {
      name: 'mysql connection query with template literal',
      code: `const mysql = require('mysql');
const conn = mysql.createConnection({});
const app = require('express')();
app.get('/u', (req, res) => {
  conn.query(\`SELECT * FROM t WHERE id = \${req.params.id}\`, (err, rows) => res.json(rows));
});`,
      errors: [{ messageId: 'taintedQuery', line: 5, column: 3 }],
    },
    {
      name: 'knex whereRaw',
      code: `const knex = require('knex')({ client: 'pg' });
const app = require('express')();
app.get('/u', async (req, res) => {
  res.json(await knex('users').whereRaw('name = ' + req.query.name));
});`,
      errors: [{ messageId: 'taintedQuery', line: 4, column: 18 }],
    },
    {
      name: 'sequelize query through a helper in another file',
      code: [
        {
          path: 'routes.js',
          code: `const { findByName } = require('./db');
const app = require('express')();
app.get('/u', async (req, res) => { res.json(await findByName(req.query.name)); });`,
        },
        {
          path: 'db.js',
          code: `const { Sequelize } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:');
exports.findByName = (name) => sequelize.query("SELECT * FROM users WHERE name = '" + name + "'");`,
        },
      ],
      errors: [{ messageId: 'taintedQuery', file: 'db.js', line: 3, column: 32 }],
    },
  ],
});
