import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { ImportError } from '../../core/index.js';
import { cweFromTags, parseSarif } from './parse-sarif.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseSarif', () => {
  it('reads CodeQL results with rules in the query-pack extension, CWE from external/cwe tags, and the path', () => {
    const [run] = parseSarif(fixture('codeql.sarif'), { file: 'codeql.sarif' });
    expect(run).toMatchObject({ tool: 'codeql', toolVersion: '2.17.6', skipped: 0 });
    expect(run?.findings.map((f) => [f.ruleId, f.cwe, f.severity, f.location.file, f.location.startLine])).toEqual([
      ['js/sql-injection', ['CWE-89', 'CWE-90', 'CWE-943'], 'high', 'src/db.js', 10],
      ['js/command-line-injection', ['CWE-78', 'CWE-88'], 'critical', 'src/server.js', 5],
    ]);
    const sql = run?.findings[0];
    expect(sql).toMatchObject({ origin: 'import', confidence: 'high', message: 'This query string depends on a user-provided value.' });
    expect(sql?.flow.map((s) => [s.kind, s.location.file, s.message])).toEqual([
      ['source', 'src/app.js', 'req.query.id'],
      ['sink', 'src/db.js', 'sql'],
    ]);
    expect(sql?.fix).toMatch(/^If a database query/);
    expect(sql?.fingerprint).toMatch(/^codeql:[0-9a-f]{32}$/);
  });

  it('reads Semgrep results with CWE from "CWE-89: ..." tags and the snippet', () => {
    const [run] = parseSarif(fixture('semgrep.sarif'), { file: 'semgrep.sarif' });
    expect(run?.tool).toBe('semgrep');
    expect(run?.findings.map((f) => [f.cwe, f.severity, f.location.file, f.location.startLine, f.location.snippet])).toEqual([
      [['CWE-89'], 'medium', 'src/db.js', 10, 'return pool.query(sql);'],
      [['CWE-79'], 'medium', 'src/render.js', 7, "res.send('<h1>' + req.query.name + '</h1>');"],
    ]);
  });

  it('reads ESLint results with absolute file URIs under the root and CWE from the rule map', () => {
    const [run] = parseSarif(fixture('eslint.sarif'), { file: 'eslint.sarif', rootPath: '/home/runner/work/shop' });
    expect(run?.findings.map((f) => [f.ruleId, f.cwe, f.location.file])).toEqual([
      ['security/detect-child-process', ['CWE-78'], 'src/server.js'],
      ['security/detect-object-injection', ['CWE-1321'], 'src/merge.js'],
    ]);
  });

  it('gives stable, distinct fingerprints to repeated results and honours a given tool name', () => {
    const first = parseSarif(fixture('semgrep.sarif'), { file: 's', tool: 'semgrep-ci' });
    const again = parseSarif(fixture('semgrep.sarif'), { file: 's', tool: 'semgrep-ci' });
    expect(first[0]?.tool).toBe('semgrep-ci');
    expect(first[0]?.findings.map((f) => f.fingerprint)).toEqual(again[0]?.findings.map((f) => f.fingerprint));
    expect(new Set(first[0]?.findings.map((f) => f.fingerprint)).size).toBe(2);
  });

  it('rejects text that is not a SARIF 2.1.0 log with ImportError naming the file', () => {
    expect(() => parseSarif('{', { file: 'bad.sarif' })).toThrow(ImportError);
    expect(() => parseSarif('{"version":"2.0.0","runs":[]}', { file: 'old.sarif' })).toThrow('old.sarif: not a SARIF 2.1.0 log');
  });

  it('parses CWE tags of each tool', () => {
    expect(cweFromTags(['external/cwe/cwe-079', 'CWE-352: Cross-Site Request Forgery (CSRF)', 'security', 7])).toEqual(['CWE-352', 'CWE-79']);
  });
});
