import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadOsvDirectory } from '../deps/index.js';
import { openStore, type Store } from '../store/index.js';
import { NO_ADVISORY_DATA, scanDependencies } from './scan-dependencies.js';

const FIXTURES = join(import.meta.dirname, '../deps/fixtures');
let store: Store;
let dirs: string[] = [];

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'yagura-deps-scan-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

beforeAll(async () => {
  store = await openStore({ memory: true });
  const { records } = await loadOsvDirectory(join(FIXTURES, 'osv'));
  await store.importAdvisoryData({ source: 'osv', location: 'osv', format: 'osv-directory', at: '2026-01-01T00:00:00Z', advisories: records });
  await store.importAdvisoryData({
    source: 'epss',
    location: 'epss.csv',
    format: 'epss-csv',
    at: '2026-01-01T00:00:00Z',
    epss: [{ cve: 'CVE-2021-44906', epss: 0.02, percentile: 0.8 }],
  });
}, 60_000);
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

describe('scanDependencies', () => {
  it('does nothing without a lockfile', async () => {
    expect(await scanDependencies({ root: await project({ 'index.js': '' }), files: [], store })).toEqual({ findings: [], diagnostics: [] });
  });

  it('notes missing advisory data when there is no store', async () => {
    const root = await project({ 'yarn.lock': await readFile(join(FIXTURES, 'lockfiles/yarn-v1.lock'), 'utf8') });
    const result = await scanDependencies({ root, files: [] });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toEqual([{ code: 'ANALYZER_UNAVAILABLE', file: 'yarn.lock', message: NO_ADVISORY_DATA }]);
  });

  it('matches the lockfile against stored advisories and joins EPSS by CVE alias', async () => {
    const root = await project({
      'package.json': await readFile(join(FIXTURES, 'lockfiles/package.json'), 'utf8'),
      'package-lock.json': await readFile(join(FIXTURES, 'lockfiles/package-lock-v3.json'), 'utf8'),
    });
    const result = await scanDependencies({ root, files: [{ path: 'a.js', text: "require('minimist')(process.argv);\n" }], store });
    expect(result.lockfile).toBe('package-lock.json');
    expect(result.findings).toHaveLength(6);
    const f = result.findings.find((x) => x.ruleId === 'GHSA-xvch-5gv4-984h' && x.properties?.version === '1.2.0');
    expect(f?.properties).toMatchObject({ reachability: { status: 'reachable' }, epss: { cve: 'CVE-2021-44906', score: 0.02 } });
  });

  it('prefers npm-shrinkwrap.json and reports a malformed lockfile as a diagnostic', async () => {
    const root = await project({ 'npm-shrinkwrap.json': '{ "lockfileVersion": 3, ', 'package-lock.json': '{}' });
    const result = await scanDependencies({ root, files: [], store });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'PARSE_FAILED', file: 'npm-shrinkwrap.json' })]);
  });

  it('never follows a lockfile link out of the root', async () => {
    const outside = await project({ 'package-lock.json': await readFile(join(FIXTURES, 'lockfiles/package-lock-v3.json'), 'utf8') });
    const root = await project({});
    await symlink(join(outside, 'package-lock.json'), join(root, 'package-lock.json'));
    const result = await scanDependencies({ root, files: [], store });
    expect(result).toEqual({
      findings: [],
      diagnostics: [{ code: 'SYMLINK_OUTSIDE_ROOT', file: 'package-lock.json', message: 'symbolic link points outside the scanned root; not followed' }],
    });
  });
});
