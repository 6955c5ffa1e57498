import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { LockfileError } from '../../core/index.js';
import type { AdvisoryIndex } from '../advisory/advisory-index.js';
import { buildAdvisoryIndex } from '../advisory/advisory-index.js';
import { mergeEpss, parseEpss } from '../advisory/epss.js';
import { mergeKev } from '../advisory/kev.js';
import { loadOsvDirectory } from '../advisory/load-osv.js';
import { auditDependencies, runDependencyAudit } from './audit-dependencies.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const read = (name: string): string => readFileSync(fixtures + name, 'utf8');
const lockText = read('lockfiles/package-lock-v3.json');
const manifest = read('lockfiles/package.json');
const files = [{ path: 'src/cli.js', text: "const parse = require('minimist');\n\nmodule.exports = () => parse(process.argv.slice(2));\n" }];
let index: AdvisoryIndex;

beforeAll(async () => {
  index = buildAdvisoryIndex((await loadOsvDirectory(`${fixtures}osv`)).records);
});

describe('auditDependencies', () => {
  it('builds a dependency finding with the lockfile location, paths, upgrade and reachability', () => {
    const findings = auditDependencies({ lockfile: { path: 'package-lock.json', text: lockText }, manifest, files, index });
    expect(findings).toHaveLength(6);
    const f = findings.find((x) => x.ruleId === 'GHSA-xvch-5gv4-984h' && x.properties?.version === '1.2.0');
    expect(f).toMatchObject({
      origin: 'dependency',
      cwe: ['CWE-1321'],
      severity: 'critical',
      confidence: 'high',
      message: 'minimist@1.2.0 is affected by GHSA-xvch-5gv4-984h: Prototype Pollution in minimist.',
      location: { file: 'package-lock.json', startLine: 23, snippet: '"node_modules/minimist": {' },
    });
    expect(f?.fix).toBe(
      'Upgrade minimist to 1.2.6 or later. The declared range does not allow it (fixture-app requires "1.2.0"): raise that range, or upgrade the package that declares it.',
    );
    expect(f?.flow.map((s) => `${s.kind} ${s.location.file}:${s.location.startLine} ${s.message}`)).toEqual([
      'step package-lock.json:23 fixture-app depends on minimist@1.2.0, affected by GHSA-xvch-5gv4-984h',
      'step src/cli.js:1 minimist is imported',
      'sink src/cli.js:3 minimist() is called',
    ]);
    expect(f?.properties).toMatchObject({
      package: 'minimist',
      version: '1.2.0',
      fixedIn: '1.2.6',
      fixWithinDeclaredRange: false,
      paths: [['minimist@1.2.0']],
      direct: true,
      dev: false,
      reachability: { status: 'reachable', level: 'function' },
      aliases: ['CVE-2021-44906'],
    });
  });

  it('gives the transitive dev copy its path through mkdirp and marks it unreachable with low confidence', () => {
    const findings = auditDependencies({ lockfile: { path: 'package-lock.json', text: lockText }, manifest, files, index });
    const f = findings.find((x) => x.ruleId === 'GHSA-vh95-rmgr-6w4m' && x.properties?.version === '0.0.8');
    expect(f?.confidence).toBe('low');
    expect(f?.flow.map((s) => `${s.kind} ${s.location.startLine} ${s.message}`)).toEqual([
      'step 28 fixture-app depends on mkdirp@0.5.1',
      'sink 40 mkdirp@0.5.1 depends on minimist@0.0.8, affected by GHSA-vh95-rmgr-6w4m',
    ]);
    expect(f?.properties).toMatchObject({ fixedIn: '0.2.1', dev: true, direct: false, reachability: { status: 'unreachable' } });
  });

  it('joins KEV and EPSS by CVE alias', () => {
    const kev = mergeKev(new Map(), [
      {
        cveId: 'CVE-2021-44906',
        vendorProject: 'minimist',
        product: 'minimist',
        vulnerabilityName: 'test entry',
        dateAdded: '2026-01-02',
        shortDescription: '',
        requiredAction: '',
        dueDate: '2026-01-23',
        knownRansomwareCampaignUse: 'Unknown',
        cwes: [],
      },
    ]);
    const epss = mergeEpss(new Map(), parseEpss('cve,epss,percentile\nCVE-2021-44906,0.25,0.97\n').scores);
    const findings = auditDependencies({ lockfile: { path: 'package-lock.json', text: lockText }, manifest, files, index, intel: { kev, epss } });
    const f = findings.find((x) => x.ruleId === 'GHSA-xvch-5gv4-984h');
    expect(f?.properties).toMatchObject({ kev: { cve: 'CVE-2021-44906', dueDate: '2026-01-23' }, epss: { score: 0.25, percentile: 0.97 } });
    expect(f?.explanation).toContain('CISA lists CVE-2021-44906 as known exploited');
    expect(findings.find((x) => x.ruleId === 'GHSA-35jh-r3h4-6jhm')?.properties?.kev).toBeUndefined();
  });

  it('keeps fingerprints stable when unrelated entries move the lines', () => {
    const before = runDependencyAudit({ lockfile: { path: 'package-lock.json', text: lockText }, manifest, files, index }).findings;
    const moved = lockText.replace('"packages": {', '"packages": {\n\n\n');
    const after = runDependencyAudit({ lockfile: { path: 'package-lock.json', text: moved }, manifest, files, index }).findings;
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(after[0]?.location.startLine).not.toBe(before[0]?.location.startLine);
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it('throws LockfileError for a malformed lockfile', () => {
    expect(() => auditDependencies({ lockfile: { path: 'package-lock.json', text: '{ "lockfileVersion": 3, ' }, files, index })).toThrow(LockfileError);
  });
});
