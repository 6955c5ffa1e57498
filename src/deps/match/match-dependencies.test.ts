import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { buildAdvisoryIndex } from '../advisory/advisory-index.js';
import type { AdvisoryIndex } from '../advisory/advisory-index.js';
import { loadOsvDirectory } from '../advisory/load-osv.js';
import { parsePackageManifest } from '../lockfile/manifest.js';
import { parseLockfile } from '../lockfile/parse-lockfile.js';
import { matchDependencies } from './match-dependencies.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const read = (name: string): string => readFileSync(fixtures + name, 'utf8');
const manifest = parsePackageManifest(read('lockfiles/package.json'));
let index: AdvisoryIndex;

beforeAll(async () => {
  index = buildAdvisoryIndex((await loadOsvDirectory(`${fixtures}osv`)).records);
});

describe('matchDependencies', () => {
  it('reports one match per (package version, advisory) with the minimal upgrade', () => {
    const graph = parseLockfile('package-lock.json', read('lockfiles/package-lock-v3.json'), manifest);
    const rows = matchDependencies(graph, index).map((m) => [
      m.node.id,
      m.advisory.id,
      m.fixedIn,
      m.declaredRanges.map((r) => `${r.from} ${r.range} ${r.allowsFix ? 'allows' : 'blocks'}`).join('; '),
    ]);
    expect(rows).toEqual([
      ['lodash@4.17.15', 'GHSA-35jh-r3h4-6jhm', '4.17.21', '<root> ^4.17.15 allows'],
      ['lodash@4.17.15', 'GHSA-p6mc-m468-83gw', '4.17.20', '<root> ^4.17.15 allows'],
      ['minimist@0.0.8', 'GHSA-vh95-rmgr-6w4m', '0.2.1', 'mkdirp@0.5.1 0.0.8 blocks'],
      ['minimist@0.0.8', 'GHSA-xvch-5gv4-984h', '0.2.4', 'mkdirp@0.5.1 0.0.8 blocks'],
      ['minimist@1.2.0', 'GHSA-vh95-rmgr-6w4m', '1.2.3', '<root> 1.2.0 blocks'],
      ['minimist@1.2.0', 'GHSA-xvch-5gv4-984h', '1.2.6', '<root> 1.2.0 blocks'],
    ]);
  });

  it('carries the paths and the vulnerable functions the advisory names', () => {
    const graph = parseLockfile('pnpm-lock.yaml', read('lockfiles/pnpm-lock-v9.yaml'), manifest);
    const matches = matchDependencies(graph, index);
    const nested = matches.find((m) => m.node.id === 'minimist@0.0.8' && m.advisory.id === 'GHSA-vh95-rmgr-6w4m');
    expect(nested?.paths).toEqual([['mkdirp@0.5.1', 'minimist@0.0.8']]);
    expect(nested?.functions).toEqual(['(minimist)']);
    expect(matches.find((m) => m.advisory.id === 'GHSA-35jh-r3h4-6jhm')?.functions).toEqual(['lodash.template']);
  });

  it('does not match a fixed version (yarn resolved lodash 4.18.1)', () => {
    const graph = parseLockfile('yarn.lock', read('lockfiles/yarn-v1.lock'), manifest);
    expect(matchDependencies(graph, index).filter((m) => m.node.name === 'lodash')).toEqual([]);
  });
});
