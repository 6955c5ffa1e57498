'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const accounts = new Map([
  ['acc-1001', { owner: 'alice', iban: 'DE89370400440532013000', balanceCents: 1250000 }],
  ['acc-2002', { owner: 'bob', iban: 'GB29NWBK60161331926819', balanceCents: 310000 }],
]);

function getAccountSummary(session, accountId) {
  const account = accounts.get(String(accountId));
  if (!account) {
    return undefined;
  }
  return { accountId, iban: account.iban, balanceCents: account.balanceCents };
}

function getAccountSummarySafe(session, accountId) {
  const account = accounts.get(String(accountId));
  if (!account || account.owner !== session.user) {
    return undefined;
  }
  return { accountId, iban: account.iban, balanceCents: account.balanceCents };
}

module.exports = { getAccountSummary, getAccountSummarySafe };
