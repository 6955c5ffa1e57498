import type { FindingRecord, WorkItemKind } from '../store/index.js';

/** Findings that share one root cause, with the key that names it across scans and tools. */
export interface RootCauseGroup {
  readonly key: string;
  readonly kind: WorkItemKind;
  readonly file: string;
  readonly line: number;
  readonly cwe: readonly string[];
  readonly findings: readonly FindingRecord[];
}

/** `./src/a.ts`, `src\a.ts` and `file:///src/a.ts` name the same file as `src/a.ts`. */
export function normalizePath(path: string): string {
  // Most paths are already clean; skip the replacements for them.
  if (!path.startsWith('.') && !path.startsWith('/') && !path.startsWith('file:') && !path.includes('\\')) return path;
  return path
    .replace(/^file:\/\//, '')
    .replaceAll('\\', '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

/** Upper-case CWE ids (`CWE-79`), sorted and unique. */
function cwes(finding: FindingRecord): string[] {
  return [...new Set(finding.cwe.map((c) => c.toUpperCase()))].sort();
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Key of a vulnerable-dependency finding: `dep|<package>@<version>|<advisory>`, where the advisory is the
 * smallest CVE among its ids (so GHSA and CVE reports of one flaw meet), else its advisory id.
 */
export function dependencyKey(finding: FindingRecord): string | undefined {
  const p = finding.properties ?? {};
  const name = str(p.package) ?? str(p.packageName);
  const version = str(p.version) ?? str(p.installedVersion);
  if (!name || !version) return undefined;
  const aliases = Array.isArray(p.aliases) ? p.aliases.filter((a): a is string => typeof a === 'string') : [];
  const advisory = str(p.advisory) ?? str(p.advisoryId);
  const ids = [...aliases, ...(advisory ? [advisory] : [])];
  const cve = ids.filter((id) => /^CVE-/i.test(id)).sort()[0];
  return `dep|${name}@${version}|${(cve ?? advisory ?? ids.sort()[0] ?? finding.ruleId).toUpperCase()}`;
}

/** Union-find over indexes. */
function unionFind(size: number): { find: (i: number) => number; union: (a: number, b: number) => void } {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  return { find, union: (a, b) => void (parent[find(a)] = find(b)) };
}

/**
 * Collapse findings by root cause: the same vulnerable dependency (package@version + advisory), or the same
 * sink site (file + line) with an overlapping CWE, whatever the tool, the scan or the source of the path.
 * Findings without a CWE merge with others at the site only when they have the same rule.
 */
export function groupByRootCause(findings: readonly FindingRecord[]): RootCauseGroup[] {
  const groups: RootCauseGroup[] = [];
  const bySite = new Map<string, FindingRecord[]>();
  const byDependency = new Map<string, FindingRecord[]>();
  for (const finding of findings) {
    const dep = dependencyKey(finding);
    if (dep !== undefined) {
      byDependency.set(dep, [...(byDependency.get(dep) ?? []), finding]);
      continue;
    }
    const site = `${normalizePath(finding.location.file)}|${finding.location.startLine}`;
    const list = bySite.get(site);
    if (list) list.push(finding);
    else bySite.set(site, [finding]);
  }
  for (const [key, members] of byDependency) {
    const first = members[0];
    if (!first) continue;
    const cwe = [...new Set(members.flatMap(cwes))].sort();
    groups.push({ key, kind: 'dependency', file: normalizePath(first.location.file), line: first.location.startLine, cwe, findings: members });
  }
  for (const [site, members] of bySite) {
    const sets = members.map(cwes);
    const uf = unionFind(members.length);
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = sets[i] ?? [];
        const b = sets[j] ?? [];
        const overlap = a.some((c) => b.includes(c));
        const sameRule = a.length === 0 && b.length === 0 && members[i]?.ruleId === members[j]?.ruleId;
        if (overlap || sameRule) uf.union(i, j);
      }
    }
    const parts = new Map<number, number[]>();
    members.forEach((_, i) => {
      const root = uf.find(i);
      parts.set(root, [...(parts.get(root) ?? []), i]);
    });
    const [file = '', line = '0'] = site.split('|');
    for (const indexes of parts.values()) {
      const part = indexes.map((i) => members[i]).filter((f): f is FindingRecord => f !== undefined);
      const cwe = [...new Set(indexes.flatMap((i) => sets[i] ?? []))].sort();
      const key = cwe[0] !== undefined ? `sink|${file}|${line}|${cwe[0]}` : `sink|${file}|${line}|rule:${part[0]?.ruleId ?? ''}`;
      groups.push({ key, kind: part.length > 1 || cwe.length > 0 ? 'sink' : 'finding', file, line: Number(line), cwe, findings: part });
    }
  }
  return groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
