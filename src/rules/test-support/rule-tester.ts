import { describe, expect, it } from 'vitest';

import type { AnalysisInput, AnalysisResult, Finding, Rule, ThreatModel } from '../../core/index.js';
import { analyze } from '../../engine/index.js';
import { ALL_MODELS } from '../../models/index.js';

/** A file of a multi-file case. */
export interface RuleTestFile {
  readonly path: string;
  readonly code: string;
}

/** Code that must produce no finding of the rule under test. */
export interface ValidCase {
  /** Test title; defaults to the first line of the code. */
  readonly name?: string;
  /** One file (`index.js`) or several (cross-file cases). */
  readonly code: string | readonly RuleTestFile[];
  readonly threatModel?: ThreatModel;
  readonly optInSources?: readonly ('argv' | 'env' | 'files' | 'sockets')[];
}

/** One expected finding, located by its primary location. */
export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  /** For multi-file cases; defaults to the first file. */
  readonly file?: string;
}

/** Code that must produce exactly these findings of the rule under test. */
export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedError[];
}

/** The table of a rule's test. */
export interface RuleTestTable {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

function filesOf(testCase: ValidCase): RuleTestFile[] {
  if (typeof testCase.code === 'string') return [{ path: 'index.js', code: testCase.code }];
  return [...testCase.code];
}

function titleOf(testCase: ValidCase): string {
  if (testCase.name) return testCase.name;
  const files = filesOf(testCase);
  const firstLine = files[0]?.code.trim().split('\n')[0] ?? '';
  return firstLine.length > 70 ? `${firstLine.slice(0, 67)}...` : firstLine;
}

/** Run the real engine with every model and only the rule under test. */
export async function runRule(rule: Rule, testCase: ValidCase): Promise<AnalysisResult> {
  const input: AnalysisInput = {
    root: 'rule-test',
    files: filesOf(testCase).map((f) => ({ path: f.path, text: f.code })),
  };
  return analyze(input, {
    rules: [rule],
    models: ALL_MODELS,
    threatModel: testCase.threatModel ?? 'application',
    ...(testCase.optInSources ? { optInSources: testCase.optInSources } : {}),
  });
}

function describeFinding(f: Finding): string {
  return `${f.ruleId}/${f.location.file}:${f.location.startLine}:${f.location.startColumn} ${f.message}`;
}

/**
 * Declare the Vitest cases of a rule: every `valid` case yields no finding of the rule, every `invalid`
 * case yields exactly its `errors` (message id, file, line and column of the primary location).
 *
 * @example
 * runRuleTests(sqlInjection, { valid: [{ code: 'db.query("SELECT 1")' }], invalid: [...] });
 */
export function runRuleTests(rule: Rule, table: RuleTestTable): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const testCase of table.valid) {
        it(`does not report: ${titleOf(testCase)}`, async () => {
          const result = await runRule(rule, testCase);
          const findings = result.findings.filter((f) => f.ruleId === rule.id);
          expect(findings.map(describeFinding)).toEqual([]);
          expect(result.diagnostics.filter((d) => d.code === 'RULE_CRASHED')).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of table.invalid) {
        it(`reports: ${titleOf(testCase)}`, async () => {
          const result = await runRule(rule, testCase);
          const defaultFile = filesOf(testCase)[0]?.path ?? 'index.js';
          const actual = result.findings
            .filter((f) => f.ruleId === rule.id)
            .map((f) => ({
              messageId: messageIdOf(rule, f),
              file: f.location.file,
              line: f.location.startLine,
              column: f.location.startColumn,
            }))
            .sort(byPosition);
          const expected = testCase.errors
            .map((e) => ({ messageId: e.messageId, file: e.file ?? defaultFile, line: e.line, column: e.column }))
            .sort(byPosition);
          expect(result.diagnostics.filter((d) => d.code === 'RULE_CRASHED')).toEqual([]);
          expect(actual, `actual findings: ${JSON.stringify(actual)}`).toEqual(expected);
        });
      }
    });
  });
}

function byPosition(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/**
 * Findings carry the formatted message, not its id: recover the id as the template whose fixed text
 * (placeholders removed) matches the message.
 */
function messageIdOf(rule: Rule, finding: Finding): string {
  for (const [id, template] of Object.entries(rule.meta.messages)) {
    const pattern = template
      .split(/\{\{\s*\w+\s*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*');
    if (new RegExp(`^${pattern}$`).test(finding.message)) return id;
  }
  return `<no message of ${rule.id} matches "${finding.message}">`;
}
