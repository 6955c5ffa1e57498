'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const express = require('express');

const { deepMerge, deepMergeSafe } = require('../lib/merge');

const settingsByCustomer = new Map();

const settingsRouter = express.Router();

function defaultNotificationSettings() {
  return { email: { statements: true, transfers: true }, sms: { transfers: false }, language: 'en' };
}

function updateNotificationSettings(req, res) {
  const current = settingsByCustomer.get(req.params.customerId) ?? defaultNotificationSettings();
  const updated = deepMerge(current, req.body);
  settingsByCustomer.set(req.params.customerId, updated);
  res.json(updated);
}

function updateNotificationSettingsSafe(req, res) {
  const current = settingsByCustomer.get(req.params.customerId) ?? defaultNotificationSettings();
  const updated = deepMergeSafe(current, req.body);
  settingsByCustomer.set(req.params.customerId, updated);
  res.json(updated);
}

settingsRouter.put('/customers/:customerId/settings', updateNotificationSettings);
settingsRouter.put('/customers/:customerId/settings/safe', updateNotificationSettingsSafe);

module.exports = { settingsRouter };
