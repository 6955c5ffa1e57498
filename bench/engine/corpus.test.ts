import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { loadCorpus, validateCorpus } from './corpus.js';
import { cweOfClass, isVulnerabilityClass } from './vulnerability-class.js';

const MANIFEST = fileURLToPath(new URL('./corpus.json', import.meta.url));
const MAJOR_CLASSES = ['prototype-pollution', 'command-injection', 'path-traversal', 'redos', 'code-injection'];

describe('engine corpus manifest', () => {
  it('holds at least 60 valid entries with unique ids', async () => {
    const corpus = await loadCorpus(MANIFEST);
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  it('gives every entry a known rule id whose CWE matches the entry', async () => {
    for (const entry of await loadCorpus(MANIFEST)) {
      expect(isVulnerabilityClass(entry.ruleId), entry.id).toBe(true);
      expect(entry.cwe, entry.id).toBe(cweOfClass(entry.ruleId));
      expect(entry.threatModel, entry.id).toBe('library');
      expect(entry.sink.line, entry.id).toBeGreaterThan(0);
    }
  });

  it('has at least three entries for every major class', async () => {
    const corpus = await loadCorpus(MANIFEST);
    for (const cls of MAJOR_CLASSES) {
      expect(corpus.filter((e) => e.ruleId === cls).length, cls).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('validateCorpus', () => {
  const good = {
    id: 'x-1.0.0',
    package: 'x',
    vulnerableVersion: '1.0.0',
    fixedVersion: '1.0.1',
    ruleId: 'redos',
    cwe: 'CWE-1333',
    advisory: 'CVE-2020-0001',
    sink: { file: 'index.js', line: 3 },
    threatModel: 'library',
  };

  it('accepts a well-formed entry', () => {
    expect(validateCorpus([good])).toEqual([]);
  });

  it('reports duplicate ids, unknown rule ids and bad sinks', () => {
    const problems = validateCorpus([
      good,
      { ...good, ruleId: 'no-such-rule' },
      { ...good, id: 'y', sink: { file: 'package/index.js', line: 0 } },
      { ...good, id: 'z', advisory: 'see the readme', fixedVersion: '1.0.0' },
    ]);
    expect(problems).toContain('x-1.0.0: duplicate id');
    expect(problems).toContain('x-1.0.0: unknown ruleId no-such-rule');
    expect(problems).toContain('y: sink.file must be relative to the package root, without package/');
    expect(problems).toContain('y: sink.line must be a positive integer');
    expect(problems).toContain('z: advisory see the readme is not a GHSA, CVE or Snyk id');
    expect(problems).toContain('z: vulnerable and fixed versions are equal');
  });

  it('requires evidence in the note of a fixed release marked still vulnerable', () => {
    const evidence = 'on Node 20 the advisory payload still writes outside the root on 1.0.1 and on every later release up to 1.4.2';
    expect(validateCorpus([{ ...good, fixedStillVulnerable: true, note: evidence }])).toEqual([]);
    expect(validateCorpus([{ ...good, fixedStillVulnerable: true }])).toEqual(['x-1.0.0: fixedStillVulnerable needs the evidence in note']);
    expect(validateCorpus([{ ...good, fixedStillVulnerable: 'yes' }])).toEqual(['x-1.0.0: fixedStillVulnerable must be a boolean']);
  });

  it('reports missing required fields', () => {
    const withoutPackage: Record<string, unknown> = { ...good };
    delete withoutPackage.package;
    expect(validateCorpus([withoutPackage])).toEqual(['x-1.0.0: package is missing']);
    expect(validateCorpus({})).toEqual(['the manifest is not an array']);
  });
});
