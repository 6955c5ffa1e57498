import { describe, expect, it } from 'vitest';

import { mergeKev, parseKev } from './kev.js';

// The published formats: https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json and .csv
const json = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2021.12.10',
  dateReleased: '2021-12-10T18:00:00.0000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2021-44228',
      vendorProject: 'Apache',
      product: 'Log4j2',
      vulnerabilityName: 'Apache Log4j2 Remote Code Execution Vulnerability',
      dateAdded: '2021-12-10',
      shortDescription: 'Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints, allowing for remote code execution.',
      requiredAction: 'For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks.',
      dueDate: '2021-12-24',
      knownRansomwareCampaignUse: 'Known',
      notes: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
      cwes: ['CWE-20', 'CWE-400', 'CWE-502'],
    },
    { vendorProject: 'Broken' },
  ],
});
const csv = [
  'cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes',
  'CVE-2021-44228,Apache,Log4j2,Apache Log4j2 Remote Code Execution Vulnerability,2021-12-10,"Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints, allowing for remote code execution.","For all affected software assets for which updates exist, the only acceptable remediation actions are: 1) Apply updates; OR 2) remove affected assets from agency networks.",2021-12-24,Known,https://nvd.nist.gov/vuln/detail/CVE-2021-44228,"CWE-20, CWE-400, CWE-502"',
  '',
].join('\r\n');

describe('parseKev', () => {
  it('reads the JSON catalog and reports rows without a CVE id', () => {
    const { entries, problems } = parseKev(json);
    expect(entries.map((e) => [e.cveId, e.dateAdded, e.dueDate, e.knownRansomwareCampaignUse, e.cwes])).toEqual([
      ['CVE-2021-44228', '2021-12-10', '2021-12-24', 'Known', ['CWE-20', 'CWE-400', 'CWE-502']],
    ]);
    expect(problems).toEqual([{ where: 'vulnerabilities[1]', message: 'no valid cveID' }]);
  });

  it('reads the CSV catalog, with quoted commas, into the same entries as the JSON one', () => {
    const fromCsv = parseKev(csv);
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.entries).toEqual(parseKev(json).entries);
  });

  it('reports a CSV without the published header', () => {
    expect(parseKev('a,b\n1,2\n').problems[0]?.message).toMatch(/header lacks cveID/);
  });

  it('merges idempotently, keeping the later dateAdded', () => {
    const { entries } = parseKev(json);
    const once = mergeKev(new Map(), entries);
    expect([...mergeKev(once, entries)]).toEqual([...once]);
    const first = entries[0];
    expect(first).toBeDefined();
    if (!first) return;
    const later = { ...first, dateAdded: '2022-01-01' };
    expect(mergeKev(mergeKev(new Map(), [later]), [first]).get('CVE-2021-44228')?.dateAdded).toBe('2022-01-01');
  });
});
