import type { AdvisoryGroup, AdvisoryIndex } from '../advisory/advisory-index.js';
import { advisoriesFor } from '../advisory/advisory-index.js';
import type { AffectedPackage } from '../advisory/advisory-record.js';
import type { DependencyGraph, DependencyNode, DependencyPath } from '../graph/dependency-graph.js';
import { findPaths } from '../graph/dependency-graph.js';
import { isAffected, lowestFixedVersion, satisfiesRange } from './osv-range.js';

/** The range with which one package on a path requires the vulnerable package. */
export interface DeclaredRange {
  /** Node id of the requiring package, or `<root>` for a direct dependency. */
  readonly from: string;
  readonly range: string;
  /** Whether `fixedIn` satisfies this range, so a lockfile refresh (`npm update`) is enough. */
  readonly allowsFix: boolean;
}

/** One installed package affected by one advisory group. */
export interface DependencyMatch {
  readonly advisory: AdvisoryGroup;
  readonly node: DependencyNode;
  /** Every path (up to a bound) from a direct dependency to the package. */
  readonly paths: readonly DependencyPath[];
  /** The lowest fixed version above the installed one, when the advisory names one. */
  readonly fixedIn?: string;
  /** The ranges that pull the package in, and whether each already allows `fixedIn`. */
  readonly declaredRanges: readonly DeclaredRange[];
  /** Vulnerable functions the advisory names for this package (may be empty). */
  readonly functions: readonly string[];
}

/** Options of {@link matchDependencies}. */
export interface MatchOptions {
  readonly ecosystem?: string;
  /** At most this many paths per match (default 20). */
  readonly maxPaths?: number;
}

function affectedEntries(group: AdvisoryGroup, name: string, ecosystem: string): AffectedPackage[] {
  return group.records.flatMap((r) => r.affected.filter((a) => a.name === name && a.ecosystem === ecosystem));
}

/**
 * Match every installed package of `graph` against the advisories of `index`: one match per
 * (package version, advisory group), sorted by package then advisory id.
 */
export function matchDependencies(graph: DependencyGraph, index: AdvisoryIndex, options: MatchOptions = {}): DependencyMatch[] {
  const ecosystem = options.ecosystem ?? 'npm';
  const matches: DependencyMatch[] = [];
  for (const node of graph.nodes.values()) {
    for (const group of advisoriesFor(index, node.name, ecosystem)) {
      const entries = affectedEntries(group, node.name, ecosystem);
      if (!entries.some((a) => isAffected(node.version, a))) continue;
      const fixedIn = lowestFixedVersion(node.version, entries);
      const declaredRanges = graph.edges
        .filter((e) => e.to === node.id)
        .map((e) => ({ from: e.from, range: e.range, allowsFix: fixedIn !== undefined && satisfiesRange(fixedIn, e.range) }));
      const functions = [...new Set(entries.filter((a) => isAffected(node.version, a)).flatMap((a) => a.functions))];
      matches.push({
        advisory: group,
        node,
        paths: findPaths(graph, node.id, options.maxPaths ?? 20),
        ...(fixedIn === undefined ? {} : { fixedIn }),
        declaredRanges,
        functions,
      });
    }
  }
  return matches.sort((a, b) => a.node.id.localeCompare(b.node.id) || a.advisory.id.localeCompare(b.advisory.id));
}
