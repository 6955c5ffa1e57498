import { LockfileError } from '../../core/index.js';
import type { DependencyEdge, DependencyGraph, DependencyKind, LockfileFormat, RawNode } from '../graph/dependency-graph.js';
import { assembleGraph, nodeId, ROOT_ID } from '../graph/dependency-graph.js';
import type { PackageManifest } from './manifest.js';
import { parseYamlLockDocument } from './yaml-document.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECTIONS: readonly [string, DependencyKind][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
];

type Generation = 5 | 6 | 9;

/** `name` and `version` of a package key, peer suffixes removed, for each lockfile generation. */
export function splitPnpmKey(key: string, generation: Generation): { name: string; version: string } | undefined {
  const bare = key.startsWith('/') ? key.slice(1) : key;
  if (generation === 5) {
    const slash = bare.lastIndexOf('/');
    if (slash <= 0) return undefined;
    const version = bare.slice(slash + 1).split('_')[0] ?? '';
    return { name: bare.slice(0, slash), version };
  }
  const noPeers = bare.replace(/\(.*$/, '');
  const at = noPeers.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: noPeers.slice(0, at), version: noPeers.slice(at + 1) };
}

/** The package key a dependency reference points at (`1.2.3`, `1.2.3(react@18)`, `/other@1.0.0`, `other@1.0.0`). */
function keyOfRef(name: string, ref: string, generation: Generation): string | undefined {
  if (/^(?:link|file|workspace):/.test(ref)) return undefined;
  if (/^\d/.test(ref)) {
    if (generation === 5) return `/${name}/${ref}`;
    if (generation === 6) return `/${name}@${ref}`;
    return `${name}@${ref}`;
  }
  return ref;
}

/** Version of an importer entry: a string (v5) or `{ specifier, version }` (v6, v9). */
function importerRef(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.version === 'string') return value.version;
  return undefined;
}

function importerSpecifier(importer: Json, name: string, value: unknown): string {
  if (isObject(value) && typeof value.specifier === 'string') return value.specifier;
  const specifiers = importer.specifiers;
  if (isObject(specifiers) && typeof specifiers[name] === 'string') return specifiers[name];
  return '*';
}

/** Parse pnpm-lock.yaml: lockfile versions 5.x, 6.x and 9.x. */
export function parsePnpmLockfile(file: string, text: string, manifest?: PackageManifest): DependencyGraph {
  const doc = parseYamlLockDocument(file, text);
  const raw = doc.value.lockfileVersion;
  const versionLine = doc.keyLines.get('lockfileVersion') ?? 1;
  const major = Number.parseFloat(String(raw));
  let generation: Generation;
  if (major >= 5 && major < 6) generation = 5;
  else if (major >= 6 && major < 7) generation = 6;
  else if (major >= 7 && major < 10) generation = 9;
  else throw new LockfileError(file, versionLine, `unsupported pnpm lockfileVersion ${JSON.stringify(raw)}`);
  const format: LockfileFormat = generation === 5 ? 'pnpm-v5' : generation === 6 ? 'pnpm-v6' : 'pnpm-v9';

  const packages = isObject(doc.value.packages) ? doc.value.packages : {};
  const packageLines = doc.nestedKeyLines('packages');
  // From v9 on, the dependency relations live in `snapshots`, keyed with peer suffixes.
  const relations = generation === 9 && isObject(doc.value.snapshots) ? doc.value.snapshots : packages;
  const relationLines = generation === 9 ? doc.nestedKeyLines('snapshots') : packageLines;

  const idOfKey = new Map<string, string>();
  const nodes: RawNode[] = [];
  const addKey = (key: string, line: number): void => {
    const parts = splitPnpmKey(key, generation);
    if (!parts) throw new LockfileError(file, line, `cannot read a package name and version from "${key}"`);
    const id = nodeId(parts.name, parts.version);
    idOfKey.set(key, id);
    nodes.push({ name: parts.name, version: parts.version, line: packageLines.get(key) ?? packageLines.get(key.replace(/\(.*$/, '')) ?? line });
  };
  for (const key of Object.keys(packages)) addKey(key, packageLines.get(key) ?? 1);
  if (relations !== packages) for (const key of Object.keys(relations)) addKey(key, relationLines.get(key) ?? 1);

  const edges: DependencyEdge[] = [];
  for (const [key, entry] of Object.entries(relations)) {
    const from = idOfKey.get(key);
    if (!from || !isObject(entry)) continue;
    for (const [section, kind] of SECTIONS) {
      const deps = entry[section];
      if (!isObject(deps)) continue;
      for (const [dep, ref] of Object.entries(deps)) {
        const target = keyOfRef(dep, String(ref), generation);
        const to = target === undefined ? undefined : idOfKey.get(target);
        if (to) edges.push({ from, to, range: String(ref), kind });
      }
    }
  }
  // Workspaces list every project under `importers`; the root project is `.`.
  const importers = isObject(doc.value.importers) ? doc.value.importers : { '.': doc.value };
  const root = importers['.'];
  if (isObject(root)) {
    for (const [section, kind] of SECTIONS) {
      const deps = root[section];
      if (!isObject(deps)) continue;
      for (const [dep, value] of Object.entries(deps)) {
        const ref = importerRef(value);
        const target = ref === undefined ? undefined : keyOfRef(dep, ref, generation);
        const to = target === undefined ? undefined : idOfKey.get(target);
        if (to) edges.push({ from: ROOT_ID, to, range: importerSpecifier(root, dep, value), kind });
      }
    }
  }
  return assembleGraph({ file, format, rootName: manifest?.name ?? '', rootVersion: manifest?.version ?? '', nodes, edges });
}
