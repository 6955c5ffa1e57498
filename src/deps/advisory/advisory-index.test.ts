import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { advisoriesFor, buildAdvisoryIndex, mergeAdvisoryRecords } from './advisory-index.js';
import type { AdvisoryRecord } from './advisory-record.js';
import { normalizeOsvRecord } from './advisory-record.js';
import { loadOsvDirectory, parseOsvJson, parseOsvZip } from './load-osv.js';

const dir = fileURLToPath(new URL('../fixtures/osv/', import.meta.url));
const ids = ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw', 'GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h'];

function record(overrides: Partial<AdvisoryRecord> & Pick<AdvisoryRecord, 'id'>): AdvisoryRecord {
  return {
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    summary: '',
    details: '',
    severity: 'medium',
    cwes: [],
    affected: [{ ecosystem: 'npm', name: 'pkg', ranges: [], versions: ['1.0.0'], functions: [] }],
    references: [],
    ...overrides,
  };
}

describe('OSV import', () => {
  it('normalises a GitHub advisory: aliases, CVSS severity, CWEs, ranges and functions', () => {
    const r = normalizeOsvRecord(JSON.parse(readFileSync(`${dir}GHSA-35jh-r3h4-6jhm.json`, 'utf8')));
    expect(typeof r).toBe('object');
    const rec = r as AdvisoryRecord;
    expect(rec.aliases).toEqual(['CVE-2021-23337']);
    expect(rec.severity).toBe('high');
    expect(rec.cvss).toEqual({ vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2 });
    expect(rec.cwes).toEqual(['CWE-77', 'CWE-94']);
    expect(rec.affected.map((a) => a.name)).toEqual(['lodash', 'lodash-es']);
    expect(rec.affected[0]?.functions).toEqual(['lodash.template']);
    expect(rec.affected[0]?.ranges[0]?.events).toEqual([{ introduced: '0' }, { fixed: '4.17.21' }]);
  });

  it('falls back to the GitHub severity band when there is no CVSS v3 vector', () => {
    const r = normalizeOsvRecord({ id: 'GHSA-x', modified: '2024-01-01T00:00:00Z', database_specific: { severity: 'MODERATE' } });
    expect((r as AdvisoryRecord).severity).toBe('medium');
  });

  it('reports records without id or modified as problems and keeps the others', () => {
    const { records, problems } = parseOsvJson('[{"id":"A","modified":"2024-01-01T00:00:00Z"},{"modified":"x"}]', 'list.json');
    expect(records.map((r) => r.id)).toEqual(['A']);
    expect(problems).toEqual([{ where: 'list.json', message: 'missing "id"' }]);
  });

  it('reads a directory of OSV files', async () => {
    const { records, problems } = await loadOsvDirectory(dir);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.id)).toEqual(ids);
  });

  it('reads the same records from an OSV zip as from the directory', async () => {
    const files: Record<string, Uint8Array> = { 'README.txt': strToU8('not json') };
    for (const id of ids) files[`${id}.json`] = strToU8(readFileSync(`${dir}${id}.json`, 'utf8'));
    const zipped = parseOsvZip(zipSync(files));
    const fromDir = await loadOsvDirectory(dir);
    expect(zipped.problems).toEqual([]);
    expect(zipped.records).toEqual(fromDir.records);
  });

  it('reports an unreadable zip as a problem', () => {
    expect(parseOsvZip(strToU8('not a zip')).problems[0]?.message).toMatch(/not a readable zip/);
  });
});

describe('advisory index', () => {
  it('is idempotent: merging the same records twice gives the same index', async () => {
    const { records } = await loadOsvDirectory(dir);
    const once = buildAdvisoryIndex(records);
    const twice = mergeAdvisoryRecords(once, records);
    expect([...twice.records.entries()]).toEqual([...once.records.entries()]);
    expect([...twice.byPackage.entries()]).toEqual([...once.byPackage.entries()]);
    expect(advisoriesFor(twice, 'minimist').map((g) => g.id)).toEqual(['GHSA-vh95-rmgr-6w4m', 'GHSA-xvch-5gv4-984h']);
  });

  it('keeps the record with the newer modified date, whatever the import order', () => {
    const older = record({ id: 'GHSA-aaaa', summary: 'old', modified: '2023-01-01T00:00:00Z' });
    const newer = record({ id: 'GHSA-aaaa', summary: 'new', modified: '2024-06-01T00:00:00Z' });
    expect(buildAdvisoryIndex([older, newer]).records.get('GHSA-aaaa')?.summary).toBe('new');
    expect(buildAdvisoryIndex([newer, older]).records.get('GHSA-aaaa')?.summary).toBe('new');
    expect(mergeAdvisoryRecords(buildAdvisoryIndex([newer]), [older]).records.get('GHSA-aaaa')?.summary).toBe('new');
  });

  it('merges records that share an alias into one group under the GHSA id', () => {
    const ghsa = record({ id: 'GHSA-aaaa', aliases: ['CVE-2024-1'] });
    const osv = record({ id: 'OSV-2024-9', aliases: ['CVE-2024-1'] });
    const other = record({ id: 'GHSA-bbbb' });
    const groups = advisoriesFor(buildAdvisoryIndex([osv, ghsa, other]), 'pkg');
    expect(groups.map((g) => [g.id, g.aliases, g.records.length])).toEqual([
      ['GHSA-aaaa', ['CVE-2024-1', 'OSV-2024-9'], 2],
      ['GHSA-bbbb', [], 1],
    ]);
  });

  it('leaves withdrawn advisories out of the package lookup', () => {
    const index = buildAdvisoryIndex([record({ id: 'GHSA-cccc', withdrawn: '2024-02-01T00:00:00Z' })]);
    expect(index.records.has('GHSA-cccc')).toBe(true);
    expect(advisoriesFor(index, 'pkg')).toEqual([]);
  });
});
