'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.
// Every key below is fake.

module.exports = {
  port: Number(process.env.PORT) || 3000,
  databaseUrl: process.env.DATABASE_URL,
  publicBaseUrl: 'https://payments.bank.example',
  stripePublishableKey: 'pk_live_51YaguraDemoKeyNotReal8fQ2xLm9TzR4wV7bN3kPq',
  stripeSecretKey: 'sk_live_51YaguraDemoKeyNotReal8fQ2xLm9TzR4wV7bN3kPq',
  webhookSigningSecret: process.env.WEBHOOK_SIGNING_SECRET,
  cardVaultKeyHex: process.env.CARD_VAULT_KEY_HEX,
};
