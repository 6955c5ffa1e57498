'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const axios = require('axios');

const REGISTERED_CALLBACK_URLS = [
  'https://erp.partner-bank.example/hooks/transfers',
  'https://ledger.payments.bank.example/hooks/transfers',
];

async function notifyWebhook(callbackUrl, event) {
  await axios.post(callbackUrl, event, { timeout: 5000 });
}

async function notifyWebhookSafe(callbackUrl, event) {
  if (!REGISTERED_CALLBACK_URLS.includes(callbackUrl)) {
    throw new Error('callback URL is not registered for this partner');
  }
  await axios.post(callbackUrl, event, { timeout: 5000 });
}

module.exports = { notifyWebhook, notifyWebhookSafe };
