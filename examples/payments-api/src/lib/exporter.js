'use strict';
// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.

const { exec, execFile } = require('child_process');
const crypto = require('crypto');
const { readFile } = require('fs/promises');

function exportLedger(table, outFile) {
  return new Promise((resolve, reject) => {
    exec(`pg_dump --data-only --table=${table} payments > ${outFile}`, (error) => (error ? reject(error) : resolve(outFile)));
  });
}

function exportLedgerSafe(table, outFile) {
  return new Promise((resolve, reject) => {
    execFile('pg_dump', ['--data-only', `--table=${table}`, `--file=${outFile}`, 'payments'], (error) => (error ? reject(error) : resolve(outFile)));
  });
}

async function checksumExport(outFile) {
  const content = await readFile(outFile);
  return crypto.createHash('sha256').update(content).digest('hex');
}

module.exports = { exportLedger, exportLedgerSafe, checksumExport };
