import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildJsonReport, JSON_REPORT_SCHEMA_VERSION, renderJson } from './json.js';
import { DIAGNOSTIC_DESCRIPTIONS } from './report-input.js';
import { createFlowFinding, createRichReportInput } from './test-support/report-fixture.js';
import { createSchemaValidator } from './test-support/schema-validator.js';

const validateReport = createSchemaValidator('yagura-report.schema.json');

function parsed(input = createRichReportInput()): Record<string, unknown> {
  return JSON.parse(renderJson(input)) as Record<string, unknown>;
}

describe('renderJson', () => {
  it('produces a document that validates against the report schema', () => {
    expect(validateReport(parsed())).toEqual([]);
  });

  it('validates without a baseline, scan id, findings or diagnostics', () => {
    const base = createRichReportInput();
    const input = {
      ...base,
      hasBaseline: false,
      findings: [],
      absentFindings: [],
      scan: { ...base.scan, id: undefined, threatModelReason: undefined, diagnostics: [] },
    };
    const doc = parsed(input);
    expect(validateReport(doc)).toEqual([]);
    expect(doc).toMatchObject({ findings: [], absent: [], diagnostics: [] });
    expect(doc.summary).not.toHaveProperty('baseline');
  });

  it('fails validation when a finding lacks a required field, so the schema check can fail', () => {
    const doc = parsed();
    const findings = doc.findings as Record<string, unknown>[];
    const withoutFix = findings.map((f) => Object.fromEntries(Object.entries(f).filter(([key]) => key !== 'fix')));
    expect(validateReport({ ...doc, findings: withoutFix })).toContain('/findings/0 must have required property \'fix\'');
  });

  it('summarises findings by severity, baseline and diagnostics', () => {
    const report = buildJsonReport(createRichReportInput());
    expect(report.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(report.summary).toEqual({
      findings: 3,
      bySeverity: { info: 0, low: 1, medium: 1, high: 0, critical: 1 },
      baseline: { new: 1, unchanged: 1, reintroduced: 1, absent: 1 },
      diagnostics: 3,
      diagnosticsByCode: { PARSE_FAILED: 1, RULE_CRASHED: 1, UNRESOLVED_IMPORT: 1 },
    });
    expect(report.scan.durationMillis).toBe(2500);
  });

  it('prefers the caller\'s baseline counts to counting the findings', () => {
    const base = createRichReportInput();
    const counts = { new: 5, unchanged: 6, reintroduced: 0, absent: 2 };
    expect(buildJsonReport({ ...base, scan: { ...base.scan, counts } }).summary.baseline).toEqual(counts);
  });

  it('lists findings in priority order with every Finding field, store fields and the excerpt', () => {
    const report = buildJsonReport(createRichReportInput());
    expect(report.findings.map((f) => f.ruleId)).toEqual(['command-injection', 'hardcoded-secret', 'semgrep.js-open-redirect']);
    const first = report.findings[0];
    const source = createFlowFinding();
    expect(first).toEqual({
      ...source,
      id: 'fnd_01',
      state: 'open',
      baselineState: 'new',
      firstSeenAt: '2026-03-02T10:00:00.000Z',
      lastSeenAt: '2026-03-02T10:00:00.000Z',
      excerpt: { startLine: 10, lines: expect.any(Array) as unknown },
    });
    expect(Object.keys(first ?? {}).slice(0, 3)).toEqual(['fingerprint', 'id', 'ruleId']);
  });

  it('lists absent findings separately, and none without a baseline', () => {
    expect(buildJsonReport(createRichReportInput()).absent.map((f) => [f.id, f.baselineState])).toEqual([['fnd_04', 'absent']]);
    const noBaseline = buildJsonReport({ ...createRichReportInput(), hasBaseline: false });
    expect(noBaseline.absent).toEqual([]);
    expect(noBaseline.findings.every((f) => f.baselineState === undefined)).toBe(true);
  });

  it('keeps diagnostics and the metadata of the rules that ran', () => {
    const report = buildJsonReport(createRichReportInput());
    expect(report.diagnostics[1]).toEqual({
      code: 'RULE_CRASHED',
      message: 'Rule "hardcoded-secret" crashed',
      file: 'src/big.ts',
      ruleId: 'hardcoded-secret',
    });
    expect(report.rules).toEqual([
      { id: 'command-injection', description: 'Detect untrusted data reaching a shell command', severity: 'critical', cwe: ['CWE-78'], status: 'stable' },
      { id: 'hardcoded-secret', description: 'Disallow credentials written in source code', severity: 'medium', cwe: ['CWE-798'], status: 'experimental' },
    ]);
  });

  it('ends with a newline and is stable for the same input', () => {
    const text = renderJson(createRichReportInput());
    expect(text.endsWith('}\n')).toBe(true);
    expect(renderJson(createRichReportInput())).toBe(text);
  });
});

describe('yagura-report.schema.json', () => {
  it('accepts the example of docs/json-report.md, so the documentation stays true', () => {
    const doc = readFileSync(new URL('../../../docs/json-report.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    expect(validateReport(JSON.parse(example ?? 'null'))).toEqual([]);
  });

  it('names exactly the diagnostic codes of src/core', () => {
    const schema = JSON.parse(
      readFileSync(new URL('./schemas/yagura-report.schema.json', import.meta.url), 'utf8'),
    ) as { definitions: { diagnosticCode: { enum: string[] } } };
    expect([...schema.definitions.diagnosticCode.enum].sort()).toEqual(Object.keys(DIAGNOSTIC_DESCRIPTIONS).sort());
  });
});
