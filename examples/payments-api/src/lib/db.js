'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const { Pool } = require('pg');

const config = require('../config');

const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });

async function query(text, values) {
  const result = await pool.query(text, values);
  return result.rows;
}

async function findAccountByIban(iban) {
  const result = await pool.query(`SELECT id, iban, owner_name, balance_cents FROM accounts WHERE iban = '${iban}'`);
  return result.rows[0];
}

async function findAccountByIbanSafe(iban) {
  const result = await pool.query('SELECT id, iban, owner_name, balance_cents FROM accounts WHERE iban = $1', [iban]);
  return result.rows[0];
}

async function listRecentTransactions(accountId) {
  const sql = 'SELECT id, memo, category, amount_cents FROM transactions WHERE account_id = ' + accountId + ' ORDER BY booked_at DESC LIMIT 200';
  const result = await pool.query(sql);
  return result.rows;
}

async function insertTransfer(fromAccount, toIban, amountCents, reference) {
  const result = await pool.query(
    'INSERT INTO transfers (from_account, to_iban, amount_cents, reference, status) VALUES ($1, $2, $3, $4, $5) RETURNING id, status',
    [fromAccount, toIban, amountCents, reference, 'pending'],
  );
  return result.rows[0];
}

async function savePayoutCard(accountId, encryptedPan) {
  await pool.query('INSERT INTO payout_cards (account_id, encrypted_pan) VALUES ($1, $2)', [accountId, encryptedPan]);
}

async function findCustomerByEmail(email) {
  const result = await pool.query('SELECT id, email FROM customers WHERE email = $1', [email]);
  return result.rows[0];
}

async function createCustomer(email, passwordHash) {
  const result = await pool.query('INSERT INTO customers (email, password_hash) VALUES ($1, $2) RETURNING id', [email, passwordHash]);
  return result.rows[0];
}

module.exports = {
  query,
  findAccountByIban,
  findAccountByIbanSafe,
  listRecentTransactions,
  insertTransfer,
  savePayoutCard,
  findCustomerByEmail,
  createCustomer,
};
