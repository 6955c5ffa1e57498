import type { AdvisoryRecord } from './advisory-record.js';

/** Advisories that name the same vulnerability (linked by ids and aliases), under one canonical id. */
export interface AdvisoryGroup {
  /** A GHSA id when the group has one, else the smallest record id. */
  readonly id: string;
  /** Every other id and alias (CVE, GHSA, OSV ids), sorted. */
  readonly aliases: readonly string[];
  /** The non-withdrawn records of the group, by id. */
  readonly records: readonly AdvisoryRecord[];
}

/**
 * Advisories in memory, by package, built from plain records. Immutable: merging returns a new
 * index, so the store layer can rebuild it from its rows and merge imports into it.
 */
export interface AdvisoryIndex {
  /** Every record by id, including withdrawn ones (the newest `modified` of each id). */
  readonly records: ReadonlyMap<string, AdvisoryRecord>;
  /** Groups by `ecosystem\u0000package name`. */
  readonly byPackage: ReadonlyMap<string, readonly AdvisoryGroup[]>;
}

function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${name}`;
}

function isNewer(candidate: AdvisoryRecord, current: AdvisoryRecord): boolean {
  const a = Date.parse(candidate.modified);
  const b = Date.parse(current.modified);
  if (Number.isNaN(a) || Number.isNaN(b)) return candidate.modified > current.modified;
  return a > b;
}

/** Build an index from records (same as merging them into an empty index). */
export function buildAdvisoryIndex(records: Iterable<AdvisoryRecord>): AdvisoryIndex {
  return mergeAdvisoryRecords({ records: new Map(), byPackage: new Map() }, records);
}

/**
 * Merge records into an index. Idempotent: merging the same records again gives an equal index.
 * For a given id the record with the newer `modified` wins; on a tie the one already held stays.
 */
export function mergeAdvisoryRecords(index: AdvisoryIndex, records: Iterable<AdvisoryRecord>): AdvisoryIndex {
  const byId = new Map(index.records);
  for (const r of records) {
    const current = byId.get(r.id);
    if (!current || isNewer(r, current)) byId.set(r.id, r);
  }
  return { records: byId, byPackage: groupByPackage(byId) };
}

/** The advisory groups that name `name` in `ecosystem` (npm by default). */
export function advisoriesFor(index: AdvisoryIndex, name: string, ecosystem = 'npm'): readonly AdvisoryGroup[] {
  return index.byPackage.get(packageKey(ecosystem, name)) ?? [];
}

function groupByPackage(byId: ReadonlyMap<string, AdvisoryRecord>): Map<string, AdvisoryGroup[]> {
  // Union-find over ids and aliases: GHSA-x aliasing CVE-y and OSV-z aliasing CVE-y are one vulnerability.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const live = [...byId.values()].filter((r) => r.withdrawn === undefined);
  for (const r of live) {
    if (!parent.has(r.id)) parent.set(r.id, r.id);
    for (const alias of r.aliases) {
      if (!parent.has(alias)) parent.set(alias, alias);
      union(r.id, alias);
    }
  }
  const members = new Map<string, AdvisoryRecord[]>();
  for (const r of live) {
    const root = find(r.id);
    const list = members.get(root);
    if (list) list.push(r);
    else members.set(root, [r]);
  }
  const byPackage = new Map<string, AdvisoryGroup[]>();
  for (const list of members.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = new Set(list.flatMap((r) => [r.id, ...r.aliases]));
    const canonical = list.find((r) => r.id.startsWith('GHSA-'))?.id ?? list[0]?.id ?? '';
    const group: AdvisoryGroup = { id: canonical, aliases: [...ids].filter((i) => i !== canonical).sort(), records: list };
    const keys = new Set(list.flatMap((r) => r.affected.map((a) => packageKey(a.ecosystem, a.name))));
    for (const key of keys) {
      const groups = byPackage.get(key);
      if (groups) groups.push(group);
      else byPackage.set(key, [group]);
    }
  }
  for (const groups of byPackage.values()) groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return byPackage;
}
