// Part of payments-api, a deliberately vulnerable demo for Yagura (see README.md). Never deploy it.
import { Router } from 'express';
import type { Request, Response } from 'express';

import { listRecentTransactions } from '../lib/db';

interface TransactionRow {
  id: number;
  memo: string;
  category: string;
  amount_cents: number;
}

const SEARCHABLE_CATEGORIES: readonly string[] = ['rent', 'salary', 'groceries', 'utilities', 'card'];

export const reportsRouter = Router();

export async function searchTransactionsByMemo(req: Request, res: Response): Promise<void> {
  const rows: TransactionRow[] = await listRecentTransactions(Number(req.query.accountId));
  const matcher = new RegExp(req.query.memo as string, 'i');
  res.json(rows.filter((row) => matcher.test(row.memo)));
}

export async function searchTransactionsByCategorySafe(req: Request, res: Response): Promise<void> {
  const category = req.query.category as string;
  if (!SEARCHABLE_CATEGORIES.includes(category)) {
    res.status(400).json({ error: 'unknown category' });
    return;
  }
  const rows: TransactionRow[] = await listRecentTransactions(Number(req.query.accountId));
  const matcher = new RegExp(`^${category}$`, 'i');
  res.json(rows.filter((row) => matcher.test(row.category)));
}

reportsRouter.get('/reports/search', searchTransactionsByMemo);
reportsRouter.get('/reports/category/safe', searchTransactionsByCategorySafe);
