'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');
const path = require('path');

const { exportLedger, exportLedgerSafe, checksumExport } = require('../lib/exporter');
const { evaluateFeeFormula, evaluateFeeRateSafe } = require('../lib/fees');

const EXPORT_DIR = path.resolve(__dirname, '..', '..', 'var', 'exports');

const adminRouter = express.Router();

async function exportLedgerTable(req, res) {
  const outFile = path.join(EXPORT_DIR, `ledger-${Date.now()}.sql`);
  await exportLedger(req.query.table, outFile);
  res.json({ file: path.basename(outFile), sha256: await checksumExport(outFile) });
}

async function exportLedgerTableSafe(req, res) {
  const outFile = path.join(EXPORT_DIR, `ledger-${Date.now()}.sql`);
  await exportLedgerSafe(req.query.table, outFile);
  res.json({ file: path.basename(outFile), sha256: await checksumExport(outFile) });
}

function previewFee(req, res) {
  const feeCents = evaluateFeeFormula(req.body.formula, Number(req.body.amountCents));
  res.json({ feeCents });
}

function previewFeeSafe(req, res) {
  const feeCents = evaluateFeeRateSafe(req.body.ratePercent, Number(req.body.amountCents));
  res.json({ feeCents });
}

adminRouter.get('/ledger/export', exportLedgerTable);
adminRouter.get('/ledger/export/safe', exportLedgerTableSafe);
adminRouter.post('/fees/preview', previewFee);
adminRouter.post('/fees/preview/safe', previewFeeSafe);

module.exports = { adminRouter };
