'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');
const { readFile } = require('fs/promises');
const path = require('path');
const escapeHtml = require('escape-html');

const db = require('../lib/db');

const STATEMENTS_DIR = path.resolve(__dirname, '..', '..', 'var', 'statements');

const statementsRouter = express.Router();

async function downloadStatement(req, res) {
  const filePath = path.join(STATEMENTS_DIR, req.query.file);
  const content = await readFile(filePath);
  res.json({ pdfBase64: content.toString('base64') });
}

async function downloadStatementSafe(req, res) {
  const filePath = path.join(STATEMENTS_DIR, path.basename(req.query.file));
  const content = await readFile(filePath);
  res.json({ pdfBase64: content.toString('base64') });
}

async function downloadArchivedStatementSafe(req, res) {
  const filePath = path.resolve(STATEMENTS_DIR, 'archive', req.query.file);
  if (!filePath.startsWith(STATEMENTS_DIR + path.sep)) {
    return res.status(403).json({ error: 'forbidden' });
  }
  const content = await readFile(filePath);
  return res.json({ pdfBase64: content.toString('base64') });
}

async function renderStatementSummary(req, res) {
  const account = await db.findAccountByIban(req.query.iban);
  const html = `<h1>Statement for ${req.query.month}</h1><p>Balance: ${account.balance_cents / 100} EUR</p>`;
  res.send(html);
}

async function renderStatementSummarySafe(req, res) {
  const account = await db.findAccountByIbanSafe(req.query.iban);
  const html = `<h1>Statement for ${escapeHtml(req.query.month)}</h1><p>Balance: ${account.balance_cents / 100} EUR</p>`;
  res.send(html);
}

statementsRouter.get('/statements/download', downloadStatement);
statementsRouter.get('/statements/download/safe', downloadStatementSafe);
statementsRouter.get('/statements/archive/safe', downloadArchivedStatementSafe);
statementsRouter.get('/statements/summary', renderStatementSummary);
statementsRouter.get('/statements/summary/safe', renderStatementSummarySafe);

module.exports = { statementsRouter };
