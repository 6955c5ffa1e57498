'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');

const { encryptCardNumber, encryptCardNumberSafe } = require('../lib/card-vault');
const db = require('../lib/db');
const { isValidPaymentReference, isValidPaymentReferenceSafe } = require('../lib/validation');
const { notifyWebhook, notifyWebhookSafe } = require('../lib/webhook');

const transfersRouter = express.Router();

async function listTransfersByStatus(req, res) {
  const sql = "SELECT id, amount_cents, status FROM transfers WHERE status = '" + req.query.status + "' ORDER BY created_at DESC";
  const rows = await db.query(sql);
  res.json(rows);
}

async function listTransfersByStatusSafe(req, res) {
  const rows = await db.query('SELECT id, amount_cents, status FROM transfers WHERE status = $1 ORDER BY created_at DESC', [req.query.status]);
  res.json(rows);
}

async function createTransfer(req, res) {
  const { fromAccount, toIban, amountCents, reference, callbackUrl } = req.body;
  if (!isValidPaymentReference(reference)) {
    return res.status(400).json({ error: 'invalid payment reference' });
  }
  const transfer = await db.insertTransfer(fromAccount, toIban, Number(amountCents), reference);
  await notifyWebhook(callbackUrl, { transferId: transfer.id, status: transfer.status });
  return res.status(201).json(transfer);
}

async function createTransferSafe(req, res) {
  const { fromAccount, toIban, amountCents, reference, callbackUrl } = req.body;
  if (!isValidPaymentReferenceSafe(reference)) {
    return res.status(400).json({ error: 'invalid payment reference' });
  }
  const transfer = await db.insertTransfer(fromAccount, toIban, Number(amountCents), reference);
  await notifyWebhookSafe(callbackUrl, { transferId: transfer.id, status: transfer.status });
  return res.status(201).json(transfer);
}

async function registerPayoutCard(req, res) {
  await db.savePayoutCard(Number(req.params.accountId), encryptCardNumber(req.body.cardNumber));
  res.status(204).end();
}

async function registerPayoutCardSafe(req, res) {
  await db.savePayoutCard(Number(req.params.accountId), encryptCardNumberSafe(req.body.cardNumber));
  res.status(204).end();
}

transfersRouter.get('/transfers', listTransfersByStatus);
transfersRouter.get('/transfers/safe', listTransfersByStatusSafe);
transfersRouter.post('/transfers', createTransfer);
transfersRouter.post('/transfers/safe', createTransferSafe);
transfersRouter.put('/accounts/:accountId/payout-card', registerPayoutCard);
transfersRouter.put('/accounts/:accountId/payout-card/safe', registerPayoutCardSafe);

module.exports = { transfersRouter };
