import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { UsageError, type AdvisoryData, type EpssData, type KevData } from '../core/index.js';
import type { Store } from './index.js';

/** What the advisory contract needs from the enclosing store contract. */
export interface AdvisoryContractContext {
  readonly store: () => Store;
}

/** A normalised advisory of package `pkg`; every test uses its own package and ids (tables are global). */
function advisory(id: string, pkg: string, overrides: Partial<AdvisoryData> = {}): AdvisoryData {
  return {
    id,
    aliases: [],
    modified: '2024-01-01T00:00:00Z',
    published: '2023-12-01T00:00:00Z',
    summary: `Prototype pollution in ${pkg}`,
    details: 'Details.',
    severity: 'high',
    cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 },
    cwes: ['CWE-1321'],
    affected: [{ ecosystem: 'npm', name: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.6' }] }], versions: [], functions: [] }],
    references: ['https://example.org/advisory'],
    ...overrides,
  };
}

function kev(cveId: string, overrides: Partial<KevData> = {}): KevData {
  return {
    cveId,
    vendorProject: 'Example',
    product: 'lib',
    vulnerabilityName: 'Example flaw',
    dateAdded: '2024-03-01',
    shortDescription: 'A flaw.',
    requiredAction: 'Apply updates.',
    dueDate: '2024-03-22',
    knownRansomwareCampaignUse: 'Unknown',
    cwes: ['CWE-94'],
    ...overrides,
  };
}

const unique = (): string => randomUUID().slice(0, 8);
const cve = (): string => `CVE-2099-${String(Math.floor(Math.random() * 9e8) + 1e8)}`;
const at = '2026-05-01T10:00:00.000Z';

/** Offline advisory data: idempotent, incremental imports and lookups; called inside `describeStoreContract`. */
export function describeAdvisoryContract(ctx: AdvisoryContractContext): void {
  describe('advisory data', () => {
    it('imports advisories once: a second import of the same records changes nothing', async () => {
      const pkg = `pkg-${unique()}`;
      const records = [advisory(`GHSA-${unique()}`, pkg, { aliases: [cve()] }), advisory(`GHSA-${unique()}`, pkg)];
      const first = await ctx.store().importAdvisoryData({ source: 'osv', location: 'osv/', format: 'osv-directory', at, advisories: records });
      expect(first).toMatchObject({ source: 'osv', records: 2, added: 2, updated: 0, unchanged: 0, problems: 0, importedAt: at });
      const loaded = await ctx.store().loadAdvisories([pkg]);
      const second = await ctx.store().importAdvisoryData({ source: 'osv', location: 'osv/', format: 'osv-directory', at, advisories: records });
      expect(second).toMatchObject({ records: 2, added: 0, updated: 0, unchanged: 2 });
      expect(await ctx.store().loadAdvisories([pkg])).toEqual(loaded);
      expect(loaded).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)));
    });

    it('keeps the newer modified version of an advisory and merges the aliases of every version', async () => {
      const pkg = `pkg-${unique()}`;
      const other = `pkg-${unique()}`;
      const id = `GHSA-${unique()}`;
      const [c1, c2] = [cve(), cve()];
      await ctx.store().importAdvisoryData({ source: 'osv', location: 'a', format: 'osv-json', at, advisories: [advisory(id, pkg, { aliases: [c1] })] });
      const newer = advisory(id, other, { modified: '2024-06-01T00:00:00Z', summary: 'Newer text', aliases: [c1] });
      const update = await ctx.store().importAdvisoryData({ source: 'osv', location: 'b', format: 'osv-json', at, advisories: [newer] });
      expect(update).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
      // An older version does not replace the record, but the alias it names is kept.
      const older = advisory(id, pkg, { modified: '2023-01-01T00:00:00Z', summary: 'Old text', aliases: [c2] });
      const stale = await ctx.store().importAdvisoryData({ source: 'osv', location: 'c', format: 'osv-json', at, advisories: [older] });
      expect(stale).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
      const loaded = await ctx.store().loadAdvisories([other]);
      expect(loaded).toEqual([{ ...newer, aliases: [c1, c2].sort() }]);
      // The affected packages follow the newest version.
      expect(await ctx.store().loadAdvisories([pkg])).toEqual([]);
    });

    it('keeps the newest of duplicate ids within one import', async () => {
      const pkg = `pkg-${unique()}`;
      const id = `GHSA-${unique()}`;
      const records = [advisory(id, pkg, { summary: 'old' }), advisory(id, pkg, { summary: 'new', modified: '2025-01-01T00:00:00Z' })];
      const result = await ctx.store().importAdvisoryData({ source: 'osv', location: 'z', format: 'osv-zip', at, advisories: records });
      expect(result).toMatchObject({ records: 1, added: 1 });
      expect((await ctx.store().loadAdvisories([pkg])).map((a) => a.summary)).toEqual(['new']);
    });

    it('loads only the advisories of the named packages in the ecosystem', async () => {
      const [a, b] = [`pkg-${unique()}`, `pkg-${unique()}`];
      const records = [advisory(`GHSA-${unique()}`, a), advisory(`GHSA-${unique()}`, b)];
      await ctx.store().importAdvisoryData({ source: 'osv', location: 'x', format: 'osv-json', at, advisories: records });
      expect((await ctx.store().loadAdvisories([a])).map((r) => r.id)).toEqual([records[0]?.id]);
      expect(await ctx.store().loadAdvisories([a], 'PyPI')).toEqual([]);
      expect(await ctx.store().loadAdvisories([])).toEqual([]);
    });

    it('imports KEV entries idempotently; a later dateAdded or a corrected entry replaces the stored one', async () => {
      const [c1, c2] = [cve(), cve()];
      const entries = [kev(c1), kev(c2)];
      expect(await ctx.store().importAdvisoryData({ source: 'kev', location: 'kev.json', format: 'kev-json', at, kev: entries })).toMatchObject({
        records: 2,
        added: 2,
        updated: 0,
        unchanged: 0,
      });
      expect(await ctx.store().importAdvisoryData({ source: 'kev', location: 'kev.json', format: 'kev-json', at, kev: entries })).toMatchObject({
        added: 0,
        updated: 0,
        unchanged: 2,
      });
      const corrected = [kev(c1, { knownRansomwareCampaignUse: 'Known' }), kev(c2, { dateAdded: '2023-01-01' })];
      expect(await ctx.store().importAdvisoryData({ source: 'kev', location: 'kev.csv', format: 'kev-csv', at, kev: corrected })).toMatchObject({
        updated: 1,
        unchanged: 1,
      });
      const intel = await ctx.store().loadThreatIntel([c2, c1, 'GHSA-not-a-cve']);
      expect(intel.kev).toEqual([kev(c1, { knownRansomwareCampaignUse: 'Known' }), kev(c2)].sort((x, y) => (x.cveId < y.cveId ? -1 : 1)));
    });

    it('imports EPSS scores idempotently; a later scoreDate replaces the score', async () => {
      const c = cve();
      const day1: EpssData = { cve: c, epss: 0.1, percentile: 0.5, modelVersion: 'v2025.03.14', scoreDate: '2026-01-01T00:00:00.000Z' };
      const day2: EpssData = { ...day1, epss: 0.4, percentile: 0.9, scoreDate: '2026-01-02T00:00:00.000Z' };
      expect(await ctx.store().importAdvisoryData({ source: 'epss', location: 'e1.csv', format: 'epss-csv', at, epss: [day1] })).toMatchObject({ added: 1 });
      expect(await ctx.store().importAdvisoryData({ source: 'epss', location: 'e2.csv', format: 'epss-csv', at, epss: [day2] })).toMatchObject({ updated: 1 });
      expect(await ctx.store().importAdvisoryData({ source: 'epss', location: 'e1.csv', format: 'epss-csv', at, epss: [day1] })).toMatchObject({
        added: 0,
        updated: 0,
        unchanged: 1,
      });
      expect((await ctx.store().loadThreatIntel([c])).epss).toEqual([day2]);
    });

    it('reports what is loaded and the last import of each source', async () => {
      const pkg = `pkg-${unique()}`;
      const before = await ctx.store().advisoryDataStatus();
      const later = '2099-01-01T00:00:00.000Z';
      const id = `GHSA-${unique()}`;
      await ctx.store().importAdvisoryData({
        source: 'osv',
        location: 'status/',
        format: 'osv-directory',
        at: later,
        problems: 3,
        advisories: [advisory(id, pkg, { modified: '2098-01-01T00:00:00Z' }), advisory(`GHSA-${unique()}`, pkg, { withdrawn: '2024-02-01T00:00:00Z' })],
      });
      const after = await ctx.store().advisoryDataStatus();
      expect(after.advisories - before.advisories).toBe(2);
      expect(after.withdrawnAdvisories - before.withdrawnAdvisories).toBe(1);
      expect(after.packages - before.packages).toBe(1);
      expect(after.latestModified).toBe('2098-01-01T00:00:00.000Z');
      expect(after.lastImports[0]).toMatchObject({ source: 'osv', location: 'status/', importedAt: later, added: 2, problems: 3 });
      expect(new Set(after.lastImports.map((i) => i.source)).size).toBe(after.lastImports.length);
      expect((await ctx.store().listAdvisoryImports(1))[0]).toEqual(after.lastImports[0]);
    });

    it('rejects invalid records with UsageError and keeps nothing of that import', async () => {
      const pkg = `pkg-${unique()}`;
      const imports = (await ctx.store().listAdvisoryImports(1000)).length;
      const bad = [advisory(`GHSA-${unique()}`, pkg), advisory(`GHSA-${unique()}`, pkg, { modified: 'yesterday' })];
      await expect(ctx.store().importAdvisoryData({ source: 'osv', location: 'bad', format: 'osv-json', at, advisories: bad })).rejects.toBeInstanceOf(UsageError);
      await expect(ctx.store().importAdvisoryData({ source: 'kev', location: 'bad', format: 'kev-json', at, kev: [kev('CVE-1')] })).rejects.toBeInstanceOf(UsageError);
      await expect(
        ctx.store().importAdvisoryData({ source: 'epss', location: 'bad', format: 'epss-csv', at, epss: [{ cve: cve(), epss: 2, percentile: 0.1 }] }),
      ).rejects.toBeInstanceOf(UsageError);
      expect(await ctx.store().loadAdvisories([pkg])).toEqual([]);
      expect((await ctx.store().listAdvisoryImports(1000)).length).toBe(imports);
    });
  });
}
