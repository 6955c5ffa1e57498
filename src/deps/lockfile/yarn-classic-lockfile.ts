import { LockfileError } from '../../core/index.js';
import type { DependencyEdge, DependencyGraph, DependencyKind, RawNode } from '../graph/dependency-graph.js';
import { assembleGraph, nodeId, ROOT_ID } from '../graph/dependency-graph.js';
import type { PackageManifest } from './manifest.js';

interface ClassicEntry {
  readonly specs: readonly string[];
  readonly line: number;
  version?: string;
  readonly deps: { name: string; range: string; kind: DependencyKind }[];
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? (JSON.parse(t) as string) : t;
}

/** Split `name@range` (the name may be scoped: `@babel/core@^7`). */
export function splitSpec(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@', 1);
  return at < 0 ? { name: spec, range: '*' } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/** The installed package name of a spec, following `npm:` aliases (`foo@npm:bar@^1` installs bar). */
function realName(spec: string): string {
  const { name, range } = splitSpec(spec);
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@/.exec(range);
  return alias?.[1] ?? name;
}

/** Split a header key list: `"a@^1", a@~1.2:` into specs. */
function splitHeader(header: string): string[] {
  const out: string[] = [];
  for (const m of header.matchAll(/"((?:[^"\\]|\\.)*)"|([^,\s][^,]*)/g)) {
    const spec = m[1] ?? m[2]?.trim();
    if (spec) out.push(spec);
  }
  return out;
}

/** Parse a yarn classic (v1) `yarn.lock`: an indentation-based format of its own, not YAML. */
export function parseYarnClassicLockfile(file: string, text: string, manifest?: PackageManifest): DependencyGraph {
  const entries: ClassicEntry[] = [];
  let current: ClassicEntry | undefined;
  let section: DependencyKind | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const lineNo = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (indent === 0) {
      if (!body.endsWith(':')) throw new LockfileError(file, lineNo, `expected "<package>@<range>:" but found ${JSON.stringify(body)}`);
      current = { specs: splitHeader(body.slice(0, -1)), line: lineNo, deps: [] };
      section = undefined;
      entries.push(current);
    } else if (!current) {
      throw new LockfileError(file, lineNo, 'indented line before the first package entry');
    } else if (indent === 2) {
      section = undefined;
      if (body.endsWith(':')) {
        const key = body.slice(0, -1);
        if (key === 'dependencies') section = 'prod';
        else if (key === 'optionalDependencies') section = 'optional';
        else if (key === 'peerDependencies') section = 'peer';
        continue;
      }
      const m = /^("(?:[^"\\]|\\.)*"|\S+)\s+(.+)$/.exec(body);
      if (!m?.[1] || !m[2]) throw new LockfileError(file, lineNo, `expected "<field> <value>" but found ${JSON.stringify(body)}`);
      if (unquote(m[1]) === 'version') current.version = unquote(m[2]);
    } else if (section) {
      const m = /^("(?:[^"\\]|\\.)*"|\S+)\s+(.+)$/.exec(body);
      if (!m?.[1] || !m[2]) throw new LockfileError(file, lineNo, `expected "<package> <range>" but found ${JSON.stringify(body)}`);
      current.deps.push({ name: unquote(m[1]), range: unquote(m[2]), kind: section });
    }
  }
  const bySpec = new Map<string, string>();
  const nodes: RawNode[] = [];
  for (const e of entries) {
    const first = e.specs[0];
    if (!first) throw new LockfileError(file, e.line, 'package entry without a name');
    if (e.version === undefined) throw new LockfileError(file, e.line, `package "${first}" has no version`);
    const name = realName(first);
    const id = nodeId(name, e.version);
    for (const spec of e.specs) bySpec.set(spec, id);
    nodes.push({ name, version: e.version, line: e.line });
  }
  const edges: DependencyEdge[] = [];
  entries.forEach((e) => {
    const from = bySpec.get(e.specs[0] ?? '');
    if (!from) return;
    for (const d of e.deps) {
      const to = bySpec.get(`${d.name}@${d.range}`);
      if (to) edges.push({ from, to, range: d.range, kind: d.kind === 'peer' ? 'peer' : d.kind });
    }
  });
  if (manifest) {
    for (const d of manifest.dependencies) {
      const to = bySpec.get(`${d.name}@${d.range}`);
      if (to) edges.push({ from: ROOT_ID, to, range: d.range, kind: d.kind });
    }
  } else {
    // Without package.json, the packages nobody requires are the root's dependencies.
    const required = new Set(edges.map((e) => e.to));
    entries.forEach((e) => {
      const id = bySpec.get(e.specs[0] ?? '');
      if (id && !required.has(id)) edges.push({ from: ROOT_ID, to: id, range: splitSpec(e.specs[0] ?? '').range, kind: 'prod' });
    });
  }
  return assembleGraph({
    file,
    format: 'yarn-v1',
    rootName: manifest?.name ?? '',
    rootVersion: manifest?.version ?? '',
    nodes,
    edges,
  });
}
