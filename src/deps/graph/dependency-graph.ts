/** Package managers whose lockfiles Yagura reads, with the lockfile generation. */
export type LockfileFormat =
  | 'npm-v1'
  | 'npm-v2'
  | 'npm-v3'
  | 'yarn-v1'
  | 'yarn-berry'
  | 'pnpm-v5'
  | 'pnpm-v6'
  | 'pnpm-v9';

/** How a package depends on another: the manifest section the edge comes from. */
export type DependencyKind = 'prod' | 'dev' | 'optional' | 'peer';

/** Id of the root project in {@link DependencyGraph.edges}. */
export const ROOT_ID = '<root>';

/** One installed package (one name at one version, wherever it is installed in the tree). */
export interface DependencyNode {
  /** `name@version`. */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** 1-based line of the package's entry in the lockfile (the first one when it is installed twice). */
  readonly line: number;
  /** Whether the root project depends on it directly. */
  readonly direct: boolean;
  /** Whether it is reachable only through development dependencies. */
  readonly dev: boolean;
}

/** A dependency edge: `from` (a node id or {@link ROOT_ID}) requires `to` with the declared `range`. */
export interface DependencyEdge {
  readonly from: string;
  readonly to: string;
  readonly range: string;
  readonly kind: DependencyKind;
}

/** The installed dependency tree read from a lockfile. */
export interface DependencyGraph {
  /** Path of the lockfile, as given to the parser. */
  readonly file: string;
  readonly format: LockfileFormat;
  readonly rootName: string;
  readonly rootVersion: string;
  /** Nodes by id, in lockfile order. */
  readonly nodes: ReadonlyMap<string, DependencyNode>;
  readonly edges: readonly DependencyEdge[];
}

/** A node before `direct` and `dev` are derived from the edges. */
export interface RawNode {
  readonly name: string;
  readonly version: string;
  readonly line: number;
}

/** Build `name@version`. */
export function nodeId(name: string, version: string): string {
  return `${name}@${version}`;
}

/**
 * Assemble a graph from parsed nodes and edges. `direct` and `dev` are derived from the edges the
 * same way for every format: a package is dev when no chain of prod/optional/peer edges reaches it
 * from the root, which is what `npm ci --omit=dev` would install.
 */
export function assembleGraph(input: {
  file: string;
  format: LockfileFormat;
  rootName: string;
  rootVersion: string;
  nodes: readonly RawNode[];
  edges: readonly DependencyEdge[];
}): DependencyGraph {
  const edges = dedupeEdges(input.edges);
  const out = new Map<string, RawNode>();
  for (const n of input.nodes) {
    const id = nodeId(n.name, n.version);
    const seen = out.get(id);
    if (!seen || n.line < seen.line) out.set(id, n);
  }
  const adjacency = adjacencyOf(edges);
  const prodReachable = reach(adjacency, (e) => e.from !== ROOT_ID || e.kind !== 'dev');
  const direct = new Set(edges.filter((e) => e.from === ROOT_ID).map((e) => e.to));
  const nodes = new Map<string, DependencyNode>();
  for (const [id, n] of out) {
    nodes.set(id, { id, name: n.name, version: n.version, line: n.line, direct: direct.has(id), dev: !prodReachable.has(id) });
  }
  return { file: input.file, format: input.format, rootName: input.rootName, rootVersion: input.rootVersion, nodes, edges };
}

function dedupeEdges(edges: readonly DependencyEdge[]): DependencyEdge[] {
  const seen = new Map<string, DependencyEdge>();
  for (const e of edges) {
    const key = `${e.from}\u0000${e.to}`;
    const old = seen.get(key);
    // A package listed both as dev and prod dependency of the root is installed for production.
    if (!old || (old.kind === 'dev' && e.kind !== 'dev')) seen.set(key, e);
  }
  return [...seen.values()];
}

function adjacencyOf(edges: readonly DependencyEdge[]): Map<string, DependencyEdge[]> {
  const adjacency = new Map<string, DependencyEdge[]>();
  for (const e of edges) {
    const list = adjacency.get(e.from);
    if (list) list.push(e);
    else adjacency.set(e.from, [e]);
  }
  return adjacency;
}

function reach(adjacency: ReadonlyMap<string, readonly DependencyEdge[]>, follow: (e: DependencyEdge) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [ROOT_ID];
  // The queue grows while it is iterated: a breadth-first walk.
  for (const from of queue) {
    for (const e of adjacency.get(from) ?? []) {
      if (!follow(e) || seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push(e.to);
    }
  }
  return seen;
}

/** A chain of node ids from a direct dependency of the root to a package. */
export type DependencyPath = readonly string[];

/**
 * Paths from the root to `targetId`, shortest first, at most `limit` of them. Each path starts with a
 * direct dependency and ends with the target; cycles are never followed.
 */
export function findPaths(graph: DependencyGraph, targetId: string, limit = 20): DependencyPath[] {
  const parents = new Map<string, DependencyEdge[]>();
  for (const e of graph.edges) {
    const list = parents.get(e.to);
    if (list) list.push(e);
    else parents.set(e.to, [e]);
  }
  // Walk backwards from the target breadth-first, so the shortest paths come first.
  const results: DependencyPath[] = [];
  let frontier: string[][] = [[targetId]];
  let budget = 10_000;
  while (frontier.length > 0 && results.length < limit && budget > 0) {
    const next: string[][] = [];
    for (const path of frontier) {
      const head = path[0] ?? targetId;
      for (const e of parents.get(head) ?? []) {
        if (--budget <= 0) break;
        if (e.from === ROOT_ID) {
          results.push(path);
          if (results.length >= limit) break;
        } else if (!path.includes(e.from)) next.push([e.from, ...path]);
      }
      if (results.length >= limit || budget <= 0) break;
    }
    frontier = next;
  }
  return dedupePaths(results);
}

function dedupePaths(paths: readonly DependencyPath[]): DependencyPath[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = p.join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The declared range with which `from` (a node id or {@link ROOT_ID}) requires `to`, if it does. */
export function declaredRange(graph: DependencyGraph, from: string, to: string): string | undefined {
  return graph.edges.find((e) => e.from === from && e.to === to)?.range;
}
