import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

import { runTriageBench } from './suite.js';

// A real PostgreSQL server is required, as for the store tests; these tests fail when it is unreachable.
const ADMIN_URL = process.env.YAGURA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `yagura_bench_test_${process.pid}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
  } finally {
    await admin.end();
  }
});

describe('triage benchmark', () => {
  it('generates a small synthetic store, prioritises it, and measures the queue and an import', async () => {
    const lines: string[] = [];
    const output = await runTriageBench({
      adminUrl: ADMIN_URL,
      database: DATABASE,
      shape: { assets: 12, findingsPerAsset: 24 },
      importResults: 300,
      log: (line) => lines.push(line),
    });
    const results = output.results as {
      generation: { findings: number; workItems: number; reused: boolean };
      queue: { scenarios: { name: string; rows: number; p95Ms: number }[]; met: boolean };
      import: { results: number; met: boolean; output: string };
    };
    // 24 findings per asset in pairs per sink: 12 work items each.
    expect(results.generation).toMatchObject({ findings: 288, workItems: 144, reused: false });
    expect(results.queue.scenarios.find((s) => s.name === 'first page, no filter')?.rows).toBe(50);
    expect(results.queue.scenarios.every((s) => s.p95Ms >= 0)).toBe(true);
    expect(results.import).toMatchObject({ results: 300, met: true });
    expect(results.import.output).toContain('Imported 300 codeql result(s) into import-target: 300 new');
    expect(output.summary).toMatch(/queue worst p95 [\d.]+ ms/);
  });
});
