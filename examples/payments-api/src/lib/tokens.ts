// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.
import { randomBytes } from 'node:crypto';

const RESET_PAGE_URL = 'https://payments.bank.example/reset-password';

export function buildResetLink(customerId: number): string {
  const resetToken = Math.random().toString(36).slice(2);
  return `${RESET_PAGE_URL}?customer=${customerId}&token=${resetToken}`;
}

export function buildResetLinkSafe(customerId: number): string {
  const resetToken = randomBytes(32).toString('hex');
  return `${RESET_PAGE_URL}?customer=${customerId}&token=${resetToken}`;
}
