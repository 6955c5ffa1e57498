'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

function isValidPaymentReference(reference) {
  return /^([a-zA-Z0-9]+\s?)*$/.test(reference);
}

function isValidPaymentReferenceSafe(reference) {
  return typeof reference === 'string' && reference.length <= 140 && /^[a-zA-Z0-9]+(?: [a-zA-Z0-9]+)*$/.test(reference);
}

module.exports = { isValidPaymentReference, isValidPaymentReferenceSafe };
