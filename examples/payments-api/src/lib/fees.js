'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

function evaluateFeeFormula(formula, amountCents) {
  const amount = amountCents / 100;
  const fee = eval(formula);
  return Math.round(fee * 100);
}

function evaluateFeeRateSafe(ratePercent, amountCents) {
  const rate = Number(ratePercent);
  const computeFee = new Function('amountCents', `return Math.round((amountCents * ${rate}) / 100);`);
  return computeFee(amountCents);
}

module.exports = { evaluateFeeFormula, evaluateFeeRateSafe };
