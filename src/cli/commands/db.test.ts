import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { UsageError } from '../../core/index.js';
import { readAdvisoryData } from './db.js';

const OSV = join(import.meta.dirname, '../../deps/fixtures/osv');
const KEV_CSV =
  'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes\n' +
  'CVE-2021-44228,Apache,Log4j2,Log4j2 RCE,2021-12-10,JNDI lookup,Apply updates,2021-12-24,Known,,CWE-917\n';
const KEV_JSON = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.01.01',
  vulnerabilities: [{ cveID: 'CVE-2021-44228', vendorProject: 'Apache', product: 'Log4j2', vulnerabilityName: 'x', dateAdded: '2021-12-10', shortDescription: '', requiredAction: '', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Known', cwes: ['CWE-917'] }],
});
const EPSS_CSV = '#model_version:v2025.03.14,score_date:2026-01-01T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44906,0.01,0.7\nCVE-2021-23337,0.02,0.8\n';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yagura-db-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, data: string | Uint8Array): Promise<string> {
  await writeFile(join(dir, name), data);
  return join(dir, name);
}

describe('readAdvisoryData', () => {
  it('reads an OSV directory, an OSV zip and a single OSV JSON file', async () => {
    const fromDir = await readAdvisoryData(OSV);
    expect(fromDir).toMatchObject({ source: 'osv', format: 'osv-directory', problemList: [] });
    expect(fromDir.advisories).toHaveLength(4);
    const one = await readFile(join(OSV, 'GHSA-xvch-5gv4-984h.json'), 'utf8');
    const zip = await readAdvisoryData(await file('npm.bin', zipSync({ 'GHSA-xvch-5gv4-984h.json': strToU8(one) })));
    expect(zip).toMatchObject({ source: 'osv', format: 'osv-zip' });
    expect(zip.advisories?.map((a) => a.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    const json = await readAdvisoryData(await file('advisory.txt', one));
    expect(json).toMatchObject({ source: 'osv', format: 'osv-json' });
    expect(json.advisories?.[0]?.aliases).toEqual(['CVE-2021-44906']);
  });

  it('tells the KEV catalog in JSON and CSV, and EPSS CSV plain or gzipped, by content', async () => {
    const kevJson = await readAdvisoryData(await file('kev-a', KEV_JSON));
    expect(kevJson).toMatchObject({ source: 'kev', format: 'kev-json', kev: [{ cveId: 'CVE-2021-44228', knownRansomwareCampaignUse: 'Known' }] });
    const kevCsv = await readAdvisoryData(await file('kev-b', KEV_CSV));
    expect(kevCsv).toMatchObject({ source: 'kev', format: 'kev-csv', kev: [{ cveId: 'CVE-2021-44228', cwes: ['CWE-917'] }] });
    const epss = await readAdvisoryData(await file('epss-a', EPSS_CSV));
    expect(epss).toMatchObject({ source: 'epss', format: 'epss-csv' });
    expect(epss.epss?.map((s) => [s.cve, s.epss, s.modelVersion])).toEqual([
      ['CVE-2021-44906', 0.01, 'v2025.03.14'],
      ['CVE-2021-23337', 0.02, 'v2025.03.14'],
    ]);
    expect(await readAdvisoryData(await file('epss-b.gz', gzipSync(EPSS_CSV)))).toEqual(epss);
  });

  it('refuses unknown content, GitHub REST API advisories and missing paths with UsageError', async () => {
    await expect(readAdvisoryData(await file('notes.txt', 'hello\nworld\n'))).rejects.toThrow(/Cannot tell the format/);
    await expect(readAdvisoryData(await file('rest.json', JSON.stringify([{ ghsa_id: 'GHSA-x', vulnerabilities: [] }])))).rejects.toThrow(/REST API format/);
    await expect(readAdvisoryData(join(dir, 'missing'))).rejects.toBeInstanceOf(UsageError);
  });
});
