'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const outbox = [];

async function sendMail(to, subject, body) {
  outbox.push({ to, subject, body, queuedAt: new Date().toISOString() });
}

module.exports = { sendMail, outbox };
