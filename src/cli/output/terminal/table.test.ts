import { describe, expect, it } from 'vitest';

import { renderTable } from './table.js';
import { displayWidth } from './terminal-text.js';
import { createFlowFinding, createImportedFinding, createRichReportInput } from '../test-support/report-fixture.js';

describe('renderTable', () => {
  it('lists findings in priority order with the summary below', () => {
    expect(renderTable(createRichReportInput(), { color: false, width: 120 })).toMatchInlineSnapshot(`
      "SEVERITY  RULE                      LOCATION                MESSAGE
      CRITICAL  command-injection         src/routes/ping.ts:14   Command built from req.query.host reaches child_process.exe…
      MEDIUM    hardcoded-secret          config/aws keys.ts:3    An AWS access key is written in the source.
      LOW       semgrep.js-open-redirect  src/routes/login.ts:40  Redirect target taken from the request.

      3 findings: 1 critical, 1 medium, 1 low
      Since the previous scan: 1 new, 1 reintroduced, 1 unchanged, 1 no longer found
      3 diagnostics (results may be incomplete): 1 PARSE_FAILED, 1 RULE_CRASHED, 1 UNRESOLVED_IMPORT
      Scanned 120 files (8,432 lines) in 2.5 s; threat model: application (package.json depends on express)
      "
    `);
  });

  it('cuts messages to the terminal width and keeps the end of long paths', () => {
    const base = createRichReportInput();
    const input = {
      ...base,
      findings: [
        createFlowFinding({
          location: { file: 'packages/very/deeply/nested/module/src/handlers/user-profile.ts', startLine: 120, startColumn: 1, endLine: 120, endColumn: 9 },
        }),
      ],
    };
    const text = renderTable(input, { color: false, width: 80 });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toMatchInlineSnapshot(`
      [
        "SEVERITY  RULE               LOCATION                       MESSAGE",
        "CRITICAL  command-injection  …handlers/user-profile.ts:120  Command built from …",
      ]
    `);
    expect(Math.max(...lines.slice(0, 2).map((l) => displayWidth(l)))).toBeLessThanOrEqual(80);
  });

  it('gives way on the location, then the rule, on a very narrow terminal', () => {
    const lines = renderTable(createRichReportInput(), { color: false, width: 60 }).split('\n');
    expect(Math.max(...lines.slice(0, 4).map((l) => displayWidth(l)))).toBe(60);
    expect(lines.slice(0, 4)).toMatchInlineSnapshot(`
      [
        "SEVERITY  RULE            LOCATION      MESSAGE",
        "CRITICAL  command-injec…  …/ping.ts:14  Command built from …",
        "MEDIUM    hardcoded-sec…  …s keys.ts:3  An AWS access key i…",
        "LOW       semgrep.js-op…  …login.ts:40  Redirect target tak…",
      ]
    `);
  });

  it('falls back to 80 columns when the width is unknown', () => {
    const input = createRichReportInput();
    expect(renderTable(input, { color: false, width: Number.NaN })).toBe(renderTable(input, { color: false, width: 80 }));
    expect(renderTable(input, { color: false, width: 0 })).toBe(renderTable(input, { color: false, width: 80 }));
  });

  it('prints only the summary when there are no findings', () => {
    const base = createRichReportInput();
    const input = { ...base, findings: [], absentFindings: [], hasBaseline: false, scan: { ...base.scan, diagnostics: [] } };
    expect(renderTable(input, { color: false, width: 100 })).toMatchInlineSnapshot(`
      "No findings.
      Scanned 120 files (8,432 lines) in 2.5 s; threat model: application (package.json depends on express)
      "
    `);
  });

  it('neutralises terminal escape sequences and bidi overrides in finding text', () => {
    const input = {
      ...createRichReportInput(),
      findings: [
        createImportedFinding({
          ruleId: 'evil\u001b]0;pwned\u0007',
          message: 'line one\nline two \u001b[2J\u202eexe.ts',
          location: { file: 'src/\u001b[31mred.ts', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        }),
      ],
    };
    const text = renderTable(input, { color: false, width: 200 });
    for (const dangerous of ['\u001b', '\u0007', '\u202e']) expect(text).not.toContain(dangerous);
    expect(text).toContain('line one line two ?[2J?exe.ts');
    expect(text).toContain('src/?[31mred.ts:1');
  });

  it('colors severities and the header only when asked', () => {
    const input = createRichReportInput();
    const colored = renderTable(input, { color: true, width: 120 });
    expect(colored).toContain('\u001b[1;31mCRITICAL');
    expect(colored).toContain('\u001b[1mSEVERITY');
    expect(renderTable(input, { color: false, width: 120 })).not.toContain('\u001b');
  });
});
