'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const crypto = require('crypto');

const config = require('../config');

function encryptCardNumber(pan) {
  const key = Buffer.from(config.cardVaultKeyHex, 'hex').subarray(0, 8);
  const cipher = crypto.createCipheriv('des-ecb', key, null);
  return Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]).toString('base64');
}

function encryptCardNumberSafe(pan) {
  const key = Buffer.from(config.cardVaultKeyHex, 'hex');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(pan, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString('base64')).join('.');
}

module.exports = { encryptCardNumber, encryptCardNumberSafe };
