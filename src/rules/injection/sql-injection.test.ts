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
    {
      name: 'library: SQL Server identifier quoting that strips the brackets',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{ "name": "db", "main": "index.js" }' },
        { path: 'index.js', code: 'module.exports = {};' },
        {
          path: 'dialects/mssql.js',
          code: `module.exports = {
  wrapIdentifierImpl(value) {
    return value === '*' ? '*' : \`[\${value.replace(/[[\\]']+/g, '')}]\`;
  },
};`,
        },
      ],
    },
    {
      name: 'library: SQL string literal whose quotes are doubled, and an escaped value written unquoted',
      threatModel: 'library',
      code: `exports.selectQuery = (name) => "SELECT * FROM t WHERE name = '" + name.replace(/'/g, "''") + "'";
exports.jsonQuery = (column, path) => \`(\${column}->>\${escape(path)})\`;
function escape(s) { return "'" + s.replace(/'/g, "''") + "'"; }`,
    },
    {
      name: 'library: quotes in error text and quoted values from the quoting helper',
      threatModel: 'library',
      code: `exports.whereQuery = (key, table) => {
  if (key === undefined) throw new Error(\`WHERE parameter "\${key}" is invalid\`);
  return \`SELECT * FROM t WHERE c = N'\${quoteTable(table)}'\`;
};
function quoteTable(t) { return '[' + String(t).replace(/[[\\]']/g, '') + ']'; }`,
    },
    {
      name: 'library: quoted text in a function that does not build SQL',
      threatModel: 'library',
      code: "exports.describe = (name) => `option '${name}'`;",
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
    {
      name: 'library: SQL Server identifier quoting that does not escape the closing bracket (dialect module not required)',
      threatModel: 'library',
      code: [
        { path: 'package.json', code: '{ "name": "db", "main": "index.js" }' },
        { path: 'index.js', code: 'module.exports = {};' },
        {
          path: 'dialects/mssql.js',
          code: `module.exports = {
  wrapIdentifierImpl(value) {
    return value !== '*' ? \`[\${value.replace(/\\[/g, '[')}]\` : '*';
  },
};`,
        },
      ],
      errors: [{ messageId: 'taintedQuery', file: 'dialects/mssql.js', line: 3, column: 32 }],
    },
    {
      name: 'library: JSON path written into an SQL string literal unescaped',
      threatModel: 'library',
      code: `class QueryGenerator {
  jsonPathExtractionQuery(column, path) {
    const paths = String(path).split('.').map((p) => '"' + p.replace(/"/g, '') + '"');
    return \`(\${column}->>'\${['$'].concat(paths).join('.')}')\`;
  }
}
module.exports = QueryGenerator;`,
      errors: [{ messageId: 'taintedQuery', line: 4, column: 29 }],
    },
    {
      name: 'library: SQL string literal built by concatenation',
      threatModel: 'library',
      code: `exports.selectQuery = (name) => "SELECT * FROM t WHERE name = '" + name + "'";`,
      errors: [{ messageId: 'taintedQuery', line: 1, column: 68 }],
    },
    {
      name: 'a helper that builds the query text, reported once at the driver call',
      code: `const { Pool } = require('pg');
const pool = new Pool();
const app = require('express')();
function buildQuery(name) { return "SELECT * FROM users WHERE name = '" + name + "'"; }
app.get('/u', async (req, res) => { res.json(await pool.query(buildQuery(req.query.name))); });`,
      errors: [{ messageId: 'taintedQuery', line: 5, column: 52 }],
    },
  ],
});
