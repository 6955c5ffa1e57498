import { describe, expect, it } from 'vitest';

import { dependencyKey, groupByRootCause, normalizePath } from './root-cause.js';
import { storedFinding } from './test-support/findings.js';

describe('groupByRootCause', () => {
  it('collapses paths from different sources and tools to one sink with an overlapping CWE', () => {
    const groups = groupByRootCause([
      storedFinding('1'),
      storedFinding('2', { tool: 'codeql' }, { cwe: ['CWE-89', 'CWE-943'], location: { file: './src/db.js', startLine: 10, startColumn: 14, endLine: 10, endColumn: 17 } }),
      storedFinding('3', {}, { ruleId: 'xss', cwe: ['CWE-79'] }),
      storedFinding('4', {}, { location: { file: 'src/db.js', startLine: 22, startColumn: 1, endLine: 22, endColumn: 9 } }),
    ]);
    expect(groups.map((g) => [g.key, g.findings.map((f) => f.fingerprint)])).toEqual([
      ['sink|src/db.js|10|CWE-79', ['fp-3']],
      ['sink|src/db.js|10|CWE-89', ['fp-1', 'fp-2']],
      ['sink|src/db.js|22|CWE-89', ['fp-4']],
    ]);
    expect(groups[1]?.cwe).toEqual(['CWE-89', 'CWE-943']);
  });

  it('merges findings of one vulnerable dependency reported under a GHSA and a CVE id', () => {
    const dep = (key: string, properties: Record<string, unknown>) =>
      storedFinding(key, {}, { ruleId: 'vulnerable-dependency', cwe: ['CWE-1321'], origin: 'dependency', properties });
    const groups = groupByRootCause([
      dep('a', { package: 'lodash', version: '4.17.20', advisory: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] }),
      dep('b', { package: 'lodash', version: '4.17.20', advisory: 'CVE-2021-23337' }),
      dep('c', { package: 'lodash', version: '4.17.21', advisory: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] }),
    ]);
    expect(groups.map((g) => [g.key, g.kind, g.findings.length])).toEqual([
      ['dep|lodash@4.17.20|CVE-2021-23337', 'dependency', 2],
      ['dep|lodash@4.17.21|CVE-2021-23337', 'dependency', 1],
    ]);
  });

  it('keeps findings without CWE apart unless they have the same rule', () => {
    const groups = groupByRootCause([
      storedFinding('1', {}, { ruleId: 'a', cwe: [] }),
      storedFinding('2', {}, { ruleId: 'a', cwe: [] }),
      storedFinding('3', {}, { ruleId: 'b', cwe: [] }),
    ]);
    expect(groups.map((g) => [g.key, g.findings.length])).toEqual([
      ['sink|src/db.js|10|rule:a', 2],
      ['sink|src/db.js|10|rule:b', 1],
    ]);
  });

  it('normalises paths and reads no dependency key from a code finding', () => {
    expect(normalizePath('file:///src\\a.ts')).toBe('src/a.ts');
    expect(normalizePath('./src/a.ts')).toBe('src/a.ts');
    expect(dependencyKey(storedFinding('x'))).toBeUndefined();
  });
});
