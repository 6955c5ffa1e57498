import type { Diagnostic, FlowStep, SourceFile } from '../../core/index.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyMatch } from '../match/match-dependencies.js';
import type { PackageUsage } from './package-usage.js';
import { collectPackageUsage, MODULE_CALL } from './package-usage.js';
import { vulnerableFunctions } from './vulnerable-functions.js';

/** Whether the project can run the vulnerable code. */
export type ReachabilityStatus = 'reachable' | 'unreachable' | 'unknown';

/** The verdict on one match, with its evidence. */
export interface Reachability {
  readonly status: ReachabilityStatus;
  /** `function`: judged on calls of the vulnerable functions; `package`: on imports only. */
  readonly level: 'function' | 'package';
  /** One sentence for a human. */
  readonly reason: string;
  /** Import then call, as file:line steps in the project's code (reachable verdicts only). */
  readonly evidence: readonly FlowStep[];
  /** Vulnerable functions the verdict used (empty at package level). */
  readonly functions: readonly string[];
}

/** Verdicts for matches, in the same order, and the analysis gaps met on the way. */
export interface ReachabilityResult {
  readonly verdicts: readonly Reachability[];
  readonly diagnostics: readonly Diagnostic[];
}

function display(fn: string, pkg: string): string {
  return fn === MODULE_CALL ? `${pkg}()` : `${pkg}.${fn}()`;
}

function judge(match: DependencyMatch, usage: PackageUsage, directNames: ReadonlySet<string> | undefined): Reachability {
  const pkg = match.node.name;
  // The project's `require('x')` loads the version installed for the root: this node when it is a
  // direct dependency, or when no direct dependency of that name exists (a hoisted phantom import).
  const importable = match.node.direct || !directNames?.has(pkg);
  const functions = vulnerableFunctions([match.advisory.id, ...match.advisory.aliases], pkg, match.functions);
  const importSites = importable ? usage.imports.filter((i) => i.pkg === pkg) : [];
  const firstImport = importSites[0];
  if (firstImport) {
    const importStep: FlowStep = { kind: 'step', location: firstImport.location, message: `${pkg} is imported` };
    if (functions.length === 0) {
      return {
        status: 'reachable',
        level: 'package',
        reason: `${pkg} is imported and the advisory names no vulnerable function.`,
        evidence: [importStep],
        functions,
      };
    }
    const call = usage.calls.find((c) => c.pkg === pkg && functions.includes(c.fn));
    if (call) {
      return {
        status: 'reachable',
        level: 'function',
        reason: `The project calls ${display(call.fn, pkg)} at ${call.location.file}:${call.location.startLine}.`,
        evidence: [
          { kind: 'step', location: call.importSite.location, message: `${pkg} is imported` },
          { kind: 'sink', location: call.location, message: `${display(call.fn, pkg)} is called` },
        ],
        functions,
      };
    }
    const referenced = usage.references.some((r) => r.pkg === pkg && functions.includes(r.fn));
    if (usage.escapes.has(pkg) || referenced || usage.incomplete) {
      return {
        status: 'unknown',
        level: 'function',
        reason: `${pkg} is imported and used in ways Yagura does not follow, so calls of ${functions.map((f) => display(f, pkg)).join(', ')} cannot be ruled out.`,
        evidence: [importStep],
        functions,
      };
    }
    return {
      status: 'unreachable',
      level: 'function',
      reason: `${pkg} is imported but ${functions.map((f) => display(f, pkg)).join(', ')} is never called.`,
      evidence: [],
      functions,
    };
  }
  // Not imported by the project: it can still run through the direct dependency that pulls it in.
  const viaImported = match.paths
    .map((p) => p[0])
    .filter((d): d is string => d !== undefined && d !== match.node.id)
    .map((id) => id.slice(0, id.lastIndexOf('@')))
    .find((name) => usage.imports.some((i) => i.pkg === name));
  if (viaImported !== undefined) {
    return {
      status: 'unknown',
      level: 'package',
      reason: `${pkg} is not imported by the project, but ${viaImported}, which depends on it, is; Yagura does not analyse dependency code.`,
      evidence: [],
      functions,
    };
  }
  if (usage.incomplete) {
    return {
      status: 'unknown',
      level: 'package',
      reason: 'Some files could not be parsed or load modules by computed names.',
      evidence: [],
      functions,
    };
  }
  return {
    status: 'unreachable',
    level: 'package',
    reason: `Neither ${pkg} nor any dependency that pulls it in is imported by the project's code.`,
    evidence: [],
    functions,
  };
}

/**
 * Decide for each match whether the project's own source files can reach the vulnerable code:
 * is the package imported (import, require, `import()` of a constant), and, where the vulnerable
 * functions are known, is one of them called. `graph` tells which installed version a bare import
 * loads. Pure: files in, verdicts out.
 */
export function analyzeReachability(
  files: readonly SourceFile[],
  matches: readonly DependencyMatch[],
  graph?: DependencyGraph,
): ReachabilityResult {
  if (files.length === 0) {
    const none: Reachability = { status: 'unknown', level: 'package', reason: 'No source files were given.', evidence: [], functions: [] };
    return { verdicts: matches.map(() => none), diagnostics: [] };
  }
  const usage = collectPackageUsage(files);
  const directNames = graph ? new Set([...graph.nodes.values()].filter((n) => n.direct).map((n) => n.name)) : undefined;
  return { verdicts: matches.map((m) => judge(m, usage, directNames)), diagnostics: usage.diagnostics };
}
