import { describe, expect, it } from 'vitest';

import { renderSummary } from './summary.js';
import { createFlowFinding, createRichReportInput } from '../test-support/report-fixture.js';

describe('renderSummary', () => {
  it('counts by severity, compares with the baseline, counts diagnostics, and says what was scanned', () => {
    expect(renderSummary(createRichReportInput(), { color: false })).toMatchInlineSnapshot(`
      "3 findings: 1 critical, 1 medium, 1 low
      Since the previous scan: 1 new, 1 reintroduced, 1 unchanged, 1 no longer found
      3 diagnostics (results may be incomplete): 1 PARSE_FAILED, 1 RULE_CRASHED, 1 UNRESOLVED_IMPORT
      Scanned 120 files (8,432 lines) in 2.5 s; threat model: application (package.json depends on express)
      "
    `);
  });

  it('says when there are no findings', () => {
    const input = { ...createRichReportInput(), findings: [] };
    expect(renderSummary(input, { color: false }).split('\n')[0]).toBe('No findings.');
  });

  it('colors severity counts only when asked', () => {
    expect(renderSummary(createRichReportInput(), { color: true })).toContain('\u001b[1;31m1 critical\u001b[0m');
    expect(renderSummary(createRichReportInput(), { color: false })).not.toContain('\u001b');
  });

  it('leaves out the baseline line without a baseline and uses singular words for one', () => {
    const base = createRichReportInput();
    const input = {
      ...base,
      hasBaseline: false,
      findings: [createFlowFinding()],
      scan: {
        ...base.scan,
        threatModel: 'library' as const,
        threatModelReason: undefined,
        diagnostics: [{ code: 'BUDGET_EXCEEDED' as const, message: 'slow' }],
        stats: { ...base.scan.stats, files: 1, lines: 1 },
        finishedAt: '2026-03-02T10:04:05.000Z',
      },
    };
    expect(renderSummary(input, { color: false })).toMatchInlineSnapshot(`
      "1 finding: 1 critical
      1 diagnostic (results may be incomplete): 1 BUDGET_EXCEEDED
      Scanned 1 file (1 line) in 4 min 05 s; threat model: library
      "
    `);
  });
});
