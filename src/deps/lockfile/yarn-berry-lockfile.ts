import { LockfileError } from '../../core/index.js';
import type { DependencyEdge, DependencyGraph, DependencyKind, RawNode } from '../graph/dependency-graph.js';
import { assembleGraph, nodeId, ROOT_ID } from '../graph/dependency-graph.js';
import type { PackageManifest } from './manifest.js';
import { splitSpec } from './yarn-classic-lockfile.js';
import { parseYamlLockDocument } from './yaml-document.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `npm:^1.2.0` -> `^1.2.0`; other protocols are kept as they are. */
function plainRange(range: string): string {
  return range.startsWith('npm:') ? range.slice(4) : range;
}

/** Parse a yarn berry (v2+) `yarn.lock`, which is YAML with a `__metadata` entry. */
export function parseYarnBerryLockfile(file: string, text: string, manifest?: PackageManifest): DependencyGraph {
  const doc = parseYamlLockDocument(file, text);
  const byDescriptor = new Map<string, string>();
  const nodes: RawNode[] = [];
  const entries: { id: string; line: number; entry: Json }[] = [];
  let rootEntry: Json | undefined;
  let rootName = manifest?.name ?? '';
  for (const [key, entry] of Object.entries(doc.value)) {
    if (key === '__metadata') continue;
    const line = doc.keyLines.get(key) ?? 1;
    if (!isObject(entry)) throw new LockfileError(file, line, `entry "${key}" is not a mapping`);
    const resolution = entry.resolution;
    if (typeof resolution !== 'string') throw new LockfileError(file, line, `entry "${key}" has no resolution`);
    const { name, range } = splitSpec(resolution);
    if (range.startsWith('workspace:.') && range.length === 'workspace:.'.length) {
      rootEntry = entry;
      rootName ||= name;
      continue;
    }
    const version = typeof entry.version === 'string' || typeof entry.version === 'number' ? String(entry.version) : undefined;
    if (version === undefined) throw new LockfileError(file, line, `entry "${key}" has no version`);
    const id = nodeId(name, version);
    for (const descriptor of key.split(',')) byDescriptor.set(descriptor.trim(), id);
    nodes.push({ name, version, line });
    entries.push({ id, line, entry });
  }
  const devNames = new Set(manifest?.dependencies.filter((d) => d.kind === 'dev').map((d) => d.name) ?? []);
  const edgesOf = (from: string, entry: Json): DependencyEdge[] => {
    const out: DependencyEdge[] = [];
    const meta = isObject(entry.dependenciesMeta) ? entry.dependenciesMeta : {};
    const sections: [unknown, DependencyKind][] = [
      [entry.dependencies, 'prod'],
      [entry.peerDependencies, 'peer'],
    ];
    for (const [section, baseKind] of sections) {
      if (!isObject(section)) continue;
      for (const [dep, rawRange] of Object.entries(section)) {
        const range = String(rawRange);
        // Peer ranges are written without the `npm:` protocol the descriptors carry.
        const to = byDescriptor.get(`${dep}@${range}`) ?? byDescriptor.get(`${dep}@npm:${range}`);
        if (!to) continue;
        const depMeta = meta[dep];
        let kind: DependencyKind = isObject(depMeta) && depMeta.optional === true ? 'optional' : baseKind;
        // The workspace entry merges dependencies and devDependencies; package.json tells them apart.
        if (from === ROOT_ID && devNames.has(dep)) kind = 'dev';
        out.push({ from, to, range: plainRange(range), kind });
      }
    }
    return out;
  };
  const edges: DependencyEdge[] = [];
  if (rootEntry) edges.push(...edgesOf(ROOT_ID, rootEntry));
  for (const { id, entry } of entries) edges.push(...edgesOf(id, entry));
  return assembleGraph({ file, format: 'yarn-berry', rootName, rootVersion: manifest?.version ?? '', nodes, edges });
}
