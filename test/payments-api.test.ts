import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnalysisResult, Finding, SourceFile } from '../src/core/index.js';
import { analyze } from '../src/engine/index.js';
import { ALL_MODELS } from '../src/models/index.js';
import { ALL_RULES } from '../src/rules/index.js';

// End-to-end check of the real engine, models and rules against the Quick start example.
const EXAMPLE_ROOT = fileURLToPath(new URL('../examples/payments-api/', import.meta.url));
const EXPECTED_FILE = 'expected-findings.json';

/** The CWE each rule class must carry (docs/rules and the rules' brief). */
const CWE_BY_RULE: Readonly<Record<string, string>> = {
  'command-injection': 'CWE-78',
  'code-injection': 'CWE-94',
  'path-traversal': 'CWE-22',
  'prototype-pollution': 'CWE-1321',
  redos: 'CWE-1333',
  'regex-injection': 'CWE-730',
  'sql-injection': 'CWE-89',
  xss: 'CWE-79',
  ssrf: 'CWE-918',
  'open-redirect': 'CWE-601',
  'unsafe-deserialization': 'CWE-502',
  'hardcoded-secret': 'CWE-798',
  'weak-crypto': 'CWE-327',
  'insecure-randomness': 'CWE-338',
};

/** Rules whose findings are not data flows and so carry an empty `flow`. */
const NON_FLOW_RULES = new Set(['hardcoded-secret', 'weak-crypto']);

/** Lines added at the top of a file to check that fingerprints ignore line numbers. */
const UNRELATED_PREFIX = "\nfunction formatStatementMonth(month) {\n  return String(month).padStart(2, '0');\n}\n";
const UNRELATED_PREFIX_LINES = 4;
const SHIFTED_FILE = 'src/routes/statements.js';

interface ExpectedFinding {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
}

/** Whether a file is one the scanner reads by default (`DEFAULT_INCLUDES` of src/config): sources and package.json. */
function isScannedFile(path: string): boolean {
  return /\.(?:[cm]?[jt]s|[jt]sx)$/.test(path) || path === 'package.json' || path.endsWith('/package.json');
}

/** Read every scanned file under `root`, with root-relative `/` paths, in a stable order. */
function readTree(root: string): SourceFile[] {
  const paths = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(join(root, entry)).isFile())
    .map((entry) => entry.split(sep).join('/'))
    .filter(isScannedFile)
    .sort();
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

function scanTree(root: string): Promise<AnalysisResult> {
  return analyze({ root: 'payments-api', files: readTree(root) }, { rules: ALL_RULES, models: ALL_MODELS, threatModel: 'auto' });
}

function readExpected(): ExpectedFinding[] {
  return JSON.parse(readFileSync(join(EXAMPLE_ROOT, EXPECTED_FILE), 'utf8')) as ExpectedFinding[];
}

function keyOf(finding: ExpectedFinding): string {
  return `${finding.ruleId} ${finding.file}:${finding.line}`;
}

function toExpectedShape(finding: Finding): ExpectedFinding {
  return { ruleId: finding.ruleId, file: finding.location.file, line: finding.location.startLine };
}

function fingerprintsOf(result: AnalysisResult): string[] {
  return result.findings.map((finding) => finding.fingerprint).sort();
}

describe('examples/payments-api', () => {
  let first: AnalysisResult;

  beforeAll(async () => {
    first = await scanTree(EXAMPLE_ROOT);
  });

  it('lists at least one expected finding for every rule class, each on a non-blank line of an existing file', () => {
    const expected = readExpected();
    expect(new Set(expected.map((finding) => finding.ruleId))).toEqual(new Set(Object.keys(CWE_BY_RULE)));
    expect(new Set(expected.map(keyOf)).size).toBe(expected.length);
    for (const finding of expected) {
      const lines = readFileSync(join(EXAMPLE_ROOT, finding.file), 'utf8').split('\n');
      expect(lines[finding.line - 1]?.trim(), keyOf(finding)).toBeTruthy();
    }
  });

  it('resolves the auto threat model to application for an Express service', () => {
    expect(first.threatModel).toBe('application');
    expect(first.threatModelReason).not.toBe('');
  });

  it('parses every file, resolves every relative import and runs every rule without crashing', () => {
    const failures = first.diagnostics.filter((d) => ['PARSE_FAILED', 'UNRESOLVED_IMPORT', 'RULE_CRASHED'].includes(d.code));
    expect(failures).toEqual([]);
    const sourceFiles = readTree(EXAMPLE_ROOT).filter((file) => !file.path.endsWith('package.json'));
    expect(first.stats.files).toBeGreaterThanOrEqual(sourceFiles.length);
  });

  it('reports exactly the findings of expected-findings.json and nothing for the safe look-alikes', () => {
    const expectedKeys = new Set(readExpected().map(keyOf));
    const actual = first.findings.map((finding) => ({ key: keyOf(toExpectedShape(finding)), message: finding.message }));
    const actualKeys = new Set(actual.map((finding) => finding.key));
    const missing = [...expectedKeys].filter((key) => !actualKeys.has(key)).sort();
    const unexpected = actual
      .filter((finding) => !expectedKeys.has(finding.key))
      .map((finding) => `${finding.key} (${finding.message})`)
      .sort();
    expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
  });

  it('reports each expected sink once, so a safe call sharing a wrapper with a vulnerable one stays silent', () => {
    // db.query() is reached by a vulnerable and a parameterised caller: a second finding on its sink is the safe one.
    const byKey = new Map<string, string[]>();
    for (const finding of first.findings) {
      const source = finding.flow[0]?.location;
      const sources = byKey.get(keyOf(toExpectedShape(finding))) ?? [];
      sources.push(source ? `${source.file}:${source.startLine}` : '(no flow)');
      byKey.set(keyOf(toExpectedShape(finding)), sources);
    }
    const repeated = [...byKey].filter(([, sources]) => sources.length > 1).map(([key, sources]) => `${key} from ${sources.join(', ')}`);
    expect(repeated).toEqual([]);
  });

  it('gives every finding its CWE, an explanation, a fix, a 32-hex fingerprint and, for flows, a source-to-sink path', () => {
    expect(first.findings.length).toBeGreaterThan(0);
    for (const finding of first.findings) {
      const label = keyOf(toExpectedShape(finding));
      expect(finding.cwe, label).toContain(CWE_BY_RULE[finding.ruleId]);
      expect(finding.message.trim(), label).not.toBe('');
      expect(finding.explanation.trim(), label).not.toBe('');
      expect(finding.fix.trim(), label).not.toBe('');
      expect(finding.fingerprint, label).toMatch(/^[0-9a-f]{32}$/);
      if (NON_FLOW_RULES.has(finding.ruleId)) {
        expect(finding.flow, label).toEqual([]);
        continue;
      }
      expect(finding.flow.length, label).toBeGreaterThan(0);
      expect(finding.flow[0]?.kind, label).toBe('source');
      expect(finding.flow.at(-1)?.kind, label).toBe('sink');
      expect(finding.flow.at(-1)?.location.startLine, label).toBe(finding.location.startLine);
    }
  });

  it('never prints the hard-coded secret itself in a finding', () => {
    const config = readFileSync(join(EXAMPLE_ROOT, 'src/config.js'), 'utf8');
    const secret = /'(sk_live_\w+)'/.exec(config)?.[1];
    expect(secret).toBeDefined();
    const secretFindings = first.findings.filter((finding) => finding.ruleId === 'hardcoded-secret');
    expect(secretFindings.length).toBeGreaterThan(0);
    for (const finding of secretFindings) expect(JSON.stringify(finding)).not.toContain(secret);
  });

  it('gives identical fingerprints when the same tree is analysed twice', async () => {
    const second = await scanTree(EXAMPLE_ROOT);
    expect(fingerprintsOf(second)).toEqual(fingerprintsOf(first));
    expect(new Set(fingerprintsOf(first)).size).toBe(first.findings.length);
  });

  describe('after a blank line and an unrelated function are added at the top of a file', () => {
    let copy: string;
    let shifted: AnalysisResult;

    beforeAll(async () => {
      copy = mkdtempSync(join(tmpdir(), 'yagura-payments-api-'));
      cpSync(EXAMPLE_ROOT, copy, { recursive: true });
      const target = join(copy, SHIFTED_FILE);
      writeFileSync(target, UNRELATED_PREFIX + readFileSync(target, 'utf8'));
      shifted = await scanTree(copy);
    });

    afterAll(() => {
      rmSync(copy, { recursive: true, force: true });
    });

    it('moves the findings of that file down by the added lines', () => {
      const linesIn = (result: AnalysisResult): number[] =>
        result.findings
          .filter((f) => f.location.file === SHIFTED_FILE)
          .map((f) => f.location.startLine)
          .sort((a, b) => a - b);
      expect(linesIn(first).length).toBeGreaterThan(0);
      expect(linesIn(shifted)).toEqual(linesIn(first).map((line) => line + UNRELATED_PREFIX_LINES));
    });

    it('leaves the findings of the other files on their lines', () => {
      const elsewhere = (result: AnalysisResult): string[] =>
        result.findings.filter((f) => f.location.file !== SHIFTED_FILE).map((f) => keyOf(toExpectedShape(f))).sort();
      expect(elsewhere(shifted)).toEqual(elsewhere(first));
    });

    it('keeps every fingerprint unchanged', () => {
      expect(fingerprintsOf(shifted)).toEqual(fingerprintsOf(first));
    });
  });
});
