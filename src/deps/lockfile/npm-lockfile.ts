import { LockfileError } from '../../core/index.js';
import type { DependencyEdge, DependencyGraph, DependencyKind, RawNode } from '../graph/dependency-graph.js';
import { assembleGraph, nodeId, ROOT_ID } from '../graph/dependency-graph.js';
import { JsonSyntaxError, parseJsonWithLines } from './json-with-lines.js';
import type { LocatedJson } from './json-with-lines.js';
import type { PackageManifest } from './manifest.js';

type Json = Record<string, unknown>;

const DEP_SECTIONS: readonly [string, DependencyKind][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
  ['devDependencies', 'dev'],
];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): [string, string][] {
  if (!isObject(value)) return [];
  return Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** Parse package-lock.json / npm-shrinkwrap.json (lockfileVersion 1, 2 or 3). */
export function parseNpmLockfile(file: string, text: string, manifest?: PackageManifest): DependencyGraph {
  let located: LocatedJson;
  try {
    located = parseJsonWithLines(text);
  } catch (error: unknown) {
    if (error instanceof JsonSyntaxError) throw new LockfileError(file, error.line, error.message, { cause: error });
    throw error;
  }
  const doc = located.value;
  if (!isObject(doc)) throw new LockfileError(file, 1, 'expected a JSON object');
  const version = doc.lockfileVersion;
  if (version !== 1 && version !== 2 && version !== 3) {
    throw new LockfileError(file, located.lineOf(['lockfileVersion']) ?? 1, `unsupported lockfileVersion ${JSON.stringify(version)}`);
  }
  const rootName = typeof doc.name === 'string' ? doc.name : '';
  const rootVersion = typeof doc.version === 'string' ? doc.version : '';
  // v2 carries both sections; `packages` is the complete one.
  if (version !== 1 && isObject(doc.packages)) {
    return parsePackagesSection(file, doc.packages, located, version === 2 ? 'npm-v2' : 'npm-v3', rootName, rootVersion);
  }
  if (version !== 1) throw new LockfileError(file, 1, `lockfileVersion ${version} without a "packages" object`);
  return parseDependenciesTree(file, doc, located, rootName, rootVersion, manifest);
}

function nameFromPath(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  return at < 0 ? path : path.slice(at + 'node_modules/'.length);
}

function parsePackagesSection(
  file: string,
  packages: Json,
  located: LocatedJson,
  format: 'npm-v2' | 'npm-v3',
  rootName: string,
  rootVersion: string,
): DependencyGraph {
  const byPath = new Map<string, { id: string; entry: Json }>();
  const links = new Map<string, string>();
  const workspaces: [string, Json][] = [];
  const nodes: RawNode[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    const line = located.lineOf(['packages', path]) ?? 1;
    if (!isObject(entry)) throw new LockfileError(file, line, `package entry "${path}" is not an object`);
    if (path === '') continue;
    if (entry.link === true) {
      if (typeof entry.resolved === 'string') links.set(path, entry.resolved);
      continue;
    }
    // Workspace folders (`packages/a`) are the project's own code: their dependencies count as the root's.
    if (!path.startsWith('node_modules/') && !path.includes('/node_modules/')) {
      workspaces.push([path, entry]);
      continue;
    }
    const name = typeof entry.name === 'string' ? entry.name : nameFromPath(path);
    if (typeof entry.version !== 'string') throw new LockfileError(file, line, `package "${path}" has no version`);
    const id = nodeId(name, entry.version);
    byPath.set(path, { id, entry });
    nodes.push({ name, version: entry.version, line });
  }
  const resolve = (fromPath: string, dep: string): string | undefined => {
    // Node's resolution: nearest node_modules folder walking up from the requiring package.
    let base = fromPath;
    for (;;) {
      const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
      const target = links.get(candidate) ?? candidate;
      const hit = byPath.get(target);
      if (hit) return hit.id;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const edges: DependencyEdge[] = [];
  const root = packages[''];
  const sources: [string, string, Json][] = [['', ROOT_ID, isObject(root) ? root : {}], ...workspaces.map(([path, entry]): [string, string, Json] => [path, ROOT_ID, entry])];
  for (const [path, { id, entry }] of byPath) sources.push([path, id, entry]);
  for (const [path, from, entry] of sources) {
    for (const [section, kind] of DEP_SECTIONS) {
      for (const [dep, range] of stringMap(entry[section])) {
        const to = resolve(path, dep);
        if (to) edges.push({ from, to, range, kind });
      }
    }
  }
  return assembleGraph({ file, format, rootName, rootVersion, nodes, edges });
}

function parseDependenciesTree(
  file: string,
  doc: Json,
  located: LocatedJson,
  rootName: string,
  rootVersion: string,
  manifest?: PackageManifest,
): DependencyGraph {
  const nodes: RawNode[] = [];
  const edges: DependencyEdge[] = [];
  // Each scope maps the names installed at one node_modules level to their ids.
  interface Scope {
    readonly parent: Scope | undefined;
    readonly names: Map<string, string>;
  }
  const pending: { from: string; scope: Scope; requires: [string, string][] }[] = [];
  const topLevel: { id: string; dev: boolean; optional: boolean; name: string }[] = [];
  const walk = (deps: Json, path: string[], scope: Scope, depth: number): void => {
    for (const [name, entry] of Object.entries(deps)) {
      const entryPath = [...path, name];
      const line = located.lineOf(entryPath) ?? 1;
      if (!isObject(entry) || typeof entry.version !== 'string') {
        throw new LockfileError(file, line, `dependency "${name}" has no version`);
      }
      // Aliases (`npm:other@1.0.0`) and git/file specs record the spec as version.
      const aliased = /^npm:((?:@[^/]+\/)?[^@]+)@(.+)$/.exec(entry.version);
      const realName = aliased?.[1] ?? name;
      const version = aliased?.[2] ?? entry.version;
      const id = nodeId(realName, version);
      scope.names.set(name, id);
      nodes.push({ name: realName, version, line });
      if (depth === 0) topLevel.push({ id, name, dev: entry.dev === true, optional: entry.optional === true });
      const inner: Scope = { parent: scope, names: new Map() };
      pending.push({ from: id, scope: inner, requires: stringMap(entry.requires) });
      if (isObject(entry.dependencies)) walk(entry.dependencies, [...entryPath, 'dependencies'], inner, depth + 1);
    }
  };
  const rootScope: Scope = { parent: undefined, names: new Map() };
  if (isObject(doc.dependencies)) walk(doc.dependencies, ['dependencies'], rootScope, 0);
  const lookup = (scope: Scope | undefined, name: string): string | undefined => {
    for (let s = scope; s; s = s.parent) {
      const id = s.names.get(name);
      if (id) return id;
    }
    return undefined;
  };
  for (const { from, scope, requires } of pending) {
    for (const [dep, range] of requires) {
      const to = lookup(scope, dep);
      if (to) edges.push({ from, to, range, kind: 'prod' });
    }
  }
  edges.push(...rootEdges(topLevel, edges, manifest));
  return assembleGraph({ file, format: 'npm-v1', rootName, rootVersion, nodes, edges });
}

/**
 * v1 lockfiles do not record the root's own dependencies: take them from package.json when given,
 * else treat every top-level package nobody requires as direct (its `dev` flag gives the kind).
 */
function rootEdges(
  topLevel: readonly { id: string; name: string; dev: boolean; optional: boolean }[],
  edges: readonly DependencyEdge[],
  manifest: PackageManifest | undefined,
): DependencyEdge[] {
  const byName = new Map(topLevel.map((t) => [t.name, t]));
  if (manifest) {
    const out: DependencyEdge[] = [];
    for (const { name, range, kind } of manifest.dependencies) {
      const hit = byName.get(name);
      if (hit) out.push({ from: ROOT_ID, to: hit.id, range, kind });
    }
    return out;
  }
  const required = new Set(edges.map((e) => e.to));
  return topLevel
    .filter((t) => !required.has(t.id))
    .map((t) => ({ from: ROOT_ID, to: t.id, range: '*', kind: t.dev ? 'dev' : t.optional ? 'optional' : 'prod' }));
}
