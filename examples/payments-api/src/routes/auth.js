'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');

const db = require('../lib/db');
const { sendMail } = require('../lib/mailer');
const { hashPassword, hashPasswordSafe } = require('../lib/passwords');
const { buildResetLink, buildResetLinkSafe } = require('../lib/tokens');

const authRouter = express.Router();

async function registerCustomer(req, res) {
  const customer = await db.createCustomer(req.body.email, hashPassword(req.body.password));
  res.status(201).json({ id: customer.id });
}

async function registerCustomerSafe(req, res) {
  const customer = await db.createCustomer(req.body.email, hashPasswordSafe(req.body.password));
  res.status(201).json({ id: customer.id });
}

async function requestPasswordReset(req, res) {
  const customer = await db.findCustomerByEmail(req.body.email);
  if (customer) {
    await sendMail(customer.email, 'Reset your password', buildResetLink(customer.id));
  }
  res.status(202).json({ queued: true });
}

async function requestPasswordResetSafe(req, res) {
  const customer = await db.findCustomerByEmail(req.body.email);
  if (customer) {
    await sendMail(customer.email, 'Reset your password', buildResetLinkSafe(customer.id));
  }
  res.status(202).json({ queued: true });
}

authRouter.post('/customers', registerCustomer);
authRouter.post('/customers/safe', registerCustomerSafe);
authRouter.post('/password-reset', requestPasswordReset);
authRouter.post('/password-reset/safe', requestPasswordResetSafe);

module.exports = { authRouter };
