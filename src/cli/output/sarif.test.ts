import { describe, expect, it } from 'vitest';

import { formatSarif, pascalCase, renderSarif, SARIF_FINGERPRINT_KEY } from './sarif.js';
import {
  createFlowFinding,
  createRichReportInput,
  createSecretFinding,
} from './test-support/report-fixture.js';
import { createSchemaValidator } from './test-support/schema-validator.js';

const validateSarif = createSchemaValidator('sarif-schema-2.1.0.json');

/** What a consumer reads: the serialised log, parsed back. */
function parsedSarif(input = createRichReportInput()): ReturnType<typeof renderSarif> {
  return JSON.parse(formatSarif(input)) as ReturnType<typeof renderSarif>;
}

function firstRun(input = createRichReportInput()) {
  const run = parsedSarif(input).runs[0];
  if (!run) throw new Error('no run');
  return run;
}

describe('renderSarif', () => {
  it('produces a log that validates against the official SARIF 2.1.0 schema', () => {
    expect(validateSarif(parsedSarif())).toEqual([]);
  });

  it('keeps a rich log valid without serialising it first (no undefined-valued keys)', () => {
    expect(validateSarif(renderSarif(createRichReportInput()))).toEqual([]);
  });

  it('produces a valid log for a scan with no findings, no diagnostics and no baseline', () => {
    const input = { ...createRichReportInput(), findings: [], absentFindings: [], hasBaseline: false };
    const log = parsedSarif({ ...input, scan: { ...input.scan, diagnostics: [], id: undefined } });
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.automationDetails?.id).toBe('yagura/shop-api/');
  });

  it('rejects a log the schema forbids, so the validation above can fail', () => {
    const log = parsedSarif();
    const broken = { ...log, runs: [{ ...log.runs[0], results: [{ message: {}, level: 'fatal' }] }] };
    expect(validateSarif(broken).length).toBeGreaterThan(0);
  });

  it('describes the driver and every rule that ran', () => {
    const { driver } = firstRun().tool;
    expect(driver).toMatchObject({ name: 'yagura', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://example.com/yagura' });
    const rule = driver.rules?.find((r) => r.id === 'command-injection');
    expect(rule).toEqual({
      id: 'command-injection',
      name: 'CommandInjection',
      shortDescription: { text: 'Detect untrusted data reaching a shell command' },
      fullDescription: { text: expect.stringContaining('A shell parses the command text') as unknown },
      help: {
        text: expect.stringContaining('Fix: Call execFile()') as unknown,
        markdown: expect.stringContaining('**Fix:** Call execFile()') as unknown,
      },
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'external/cwe/cwe-78'],
        'security-severity': '9.5',
        precision: 'high',
        'problem.severity': 'error',
        kind: 'path-problem',
      },
    });
    const secret = driver.rules?.find((r) => r.id === 'hardcoded-secret');
    expect(secret?.properties).toMatchObject({ precision: 'medium', 'security-severity': '5.5', kind: 'problem' });
    expect(secret?.defaultConfiguration?.level).toBe('warning');
  });

  it('adds a minimal rule for findings whose rule is unknown, and indexes results into the rules', () => {
    const run = firstRun();
    const rules = run.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(['command-injection', 'hardcoded-secret', 'semgrep.js-open-redirect']);
    expect(rules[2]).toMatchObject({
      name: 'SemgrepJsOpenRedirect',
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['security', 'external/cwe/cwe-601'], 'security-severity': '3.0' },
    });
    for (const result of run.results ?? []) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('emits results in priority order with locations relative to SRCROOT', () => {
    const run = firstRun();
    expect(run.results?.map((r) => r.ruleId)).toEqual([
      'command-injection',
      'hardcoded-secret',
      'semgrep.js-open-redirect',
      'command-injection',
    ]);
    const first = run.results?.[0];
    expect(first?.level).toBe('error');
    expect(first?.message.text).toBe('Command built from req.query.host reaches child_process.exec().');
    expect(first?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/routes/ping.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 14, startColumn: 3, endLine: 14, endColumn: 31, snippet: { text: 'exec(`ping -c 1 ${host}`)' } },
    });
    expect(run.results?.[1]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('config/aws%20keys.ts');
    expect(run.originalUriBaseIds?.SRCROOT?.uri).toBe('file:///home/dev/shop%20api/');
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('fingerprints results with the yagura/v1 key', () => {
    const result = firstRun().results?.[0];
    expect(result?.partialFingerprints).toEqual({ [SARIF_FINGERPRINT_KEY]: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' });
    expect(result?.fingerprints).toEqual({ 'yagura/v1': '0f1e2d3c4b5a69788796a5b4c3d2e1f0' });
  });

  it('turns each flow step into a thread flow location with its message and kinds, and the source into a related location', () => {
    const result = firstRun().results?.[0];
    const locations = result?.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    expect(locations.map((l) => [l.location?.message?.text, l.kinds, l.executionOrder, l.importance])).toEqual([
      ['req.query.host is read', ['taint', 'source'], 1, 'essential'],
      ['assigned to host', ['taint'], 2, 'important'],
      ['passed to run()', ['call', 'function'], 3, 'important'],
      ['passed to child_process.exec()', ['taint', 'sink'], 4, 'essential'],
    ]);
    expect(locations[2]?.location?.physicalLocation?.artifactLocation?.uri).toBe('src/lib/run.ts');
    expect(result?.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'req.query.host is read' },
        physicalLocation: {
          artifactLocation: { uri: 'src/routes/ping.ts', uriBaseId: 'SRCROOT' },
          region: { startLine: 11, startColumn: 16, endLine: 11, endColumn: 30, snippet: { text: 'req.query.host' } },
        },
      },
    ]);
    expect(firstRun().results?.[1]?.codeFlows).toBeUndefined();
  });

  it('maps baseline states, reintroduced as new, and emits absent findings only with a baseline', () => {
    const results = firstRun().results ?? [];
    expect(results.map((r) => [r.ruleId, r.baselineState, r.properties?.['yagura/baselineState'] as unknown])).toEqual([
      ['command-injection', 'new', 'new'],
      ['hardcoded-secret', 'unchanged', 'unchanged'],
      ['semgrep.js-open-redirect', 'new', 'reintroduced'],
      ['command-injection', 'absent', 'absent'],
    ]);
    const noBaseline = firstRun({ ...createRichReportInput(), hasBaseline: false }).results ?? [];
    expect(noBaseline).toHaveLength(3);
    expect(noBaseline.every((r) => r.baselineState === undefined)).toBe(true);
  });

  it('records confidence, state, origin and the store id in result properties', () => {
    const result = firstRun().results?.[1];
    expect(result?.properties).toMatchObject({
      confidence: 'medium',
      state: 'risk-accepted',
      origin: 'static',
      'yagura/id': 'fnd_02',
      tags: ['security', 'external/cwe/cwe-798'],
    });
    expect(firstRun().results?.[0]?.properties?.['yagura/details']).toEqual({ sinkCallee: 'child_process.exec' });
  });

  it('reports diagnostics as tool execution notifications in the invocation', () => {
    const run = firstRun();
    const invocation = run.invocations?.[0];
    expect(invocation).toMatchObject({
      executionSuccessful: true,
      startTimeUtc: '2026-03-02T10:00:00.000Z',
      endTimeUtc: '2026-03-02T10:00:02.500Z',
    });
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        descriptor: { id: 'PARSE_FAILED', index: 0 },
        level: 'warning',
        message: { text: 'Unexpected token' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.ts', uriBaseId: 'SRCROOT' }, region: { startLine: 3 } } }],
      },
      {
        descriptor: { id: 'RULE_CRASHED', index: 1 },
        level: 'error',
        message: { text: 'Rule "hardcoded-secret" crashed' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/big.ts', uriBaseId: 'SRCROOT' } } }],
        associatedRule: { id: 'hardcoded-secret', index: 1 },
      },
      { descriptor: { id: 'UNRESOLVED_IMPORT', index: 2 }, level: 'warning', message: { text: 'Cannot resolve ./missing.js' } },
    ]);
    expect(run.tool.driver.notifications?.map((n) => n.id)).toEqual(['PARSE_FAILED', 'RULE_CRASHED', 'UNRESOLVED_IMPORT']);
  });

  it('sets the automation id from the project and scan id, grouping scans of a project in one category', () => {
    expect(firstRun().automationDetails?.id).toBe('yagura/shop-api/scan_42');
  });

  it('omits semanticVersion when the version is not semver, and clamps unknown zero positions to 1', () => {
    const base = createRichReportInput();
    const input = {
      ...base,
      tool: { name: 'yagura', version: 'dev-build' },
      findings: [createSecretFinding({ location: { file: 'a.ts', startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } })],
      absentFindings: [],
    };
    const log = parsedSarif(input);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0]?.tool.driver.semanticVersion).toBeUndefined();
    expect(log.runs[0]?.tool.driver.informationUri).toBeUndefined();
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toMatchObject({ startLine: 1, startColumn: 1, endLine: 1 });
  });

  it('percent-encodes file names so every artifact URI is a valid URI reference', () => {
    const file = 'src/a b#c?d%e/ü:x[1].ts';
    const input = { ...createRichReportInput(), findings: [createSecretFinding({ location: { file, startLine: 2, startColumn: 1, endLine: 2, endColumn: 3 } })] };
    const log = parsedSarif(input);
    expect(validateSarif(log)).toEqual([]);
    const uri = log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    expect(uri).toBe('src/a%20b%23c%3Fd%25e/%C3%BC%3Ax%5B1%5D.ts');
    expect(decodeURIComponent(uri)).toBe(file);
  });

  it('gives absolute finding paths (imported findings) a file URI without a base id', () => {
    const input = { ...createRichReportInput(), findings: [createFlowFinding({ location: { file: '/opt/x y.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } })] };
    const location = firstRun(input).results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation;
    expect(location).toEqual({ uri: 'file:///opt/x%20y.ts' });
  });
});

describe('pascalCase', () => {
  it('turns kebab-case and dotted ids into PascalCase names', () => {
    expect(pascalCase('sql-injection')).toBe('SqlInjection');
    expect(pascalCase('semgrep.js-open-redirect')).toBe('SemgrepJsOpenRedirect');
    expect(pascalCase('no-eval')).toBe('NoEval');
  });
});
