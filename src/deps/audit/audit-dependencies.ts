import type { Diagnostic, Finding, SourceFile } from '../../core/index.js';
import type { AdvisoryIndex } from '../advisory/advisory-index.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import { parsePackageManifest } from '../lockfile/manifest.js';
import { parseLockfile } from '../lockfile/parse-lockfile.js';
import type { DependencyMatch } from '../match/match-dependencies.js';
import { matchDependencies } from '../match/match-dependencies.js';
import type { Reachability } from '../reachability/analyze-reachability.js';
import { analyzeReachability } from '../reachability/analyze-reachability.js';
import type { ThreatIntel } from './dependency-finding.js';
import { toDependencyFinding } from './dependency-finding.js';

/** Everything a dependency audit reads: texts and records, no I/O. */
export interface DependencyAuditInput {
  /** The lockfile, path relative to the scanned root. */
  readonly lockfile: { readonly path: string; readonly text: string };
  /** The project's package.json text, to tell direct and dev dependencies in every format. */
  readonly manifest?: string;
  /** The project's own source files, for reachability (none: every verdict is `unknown`). */
  readonly files: readonly SourceFile[];
  readonly index: AdvisoryIndex;
  readonly intel?: ThreatIntel;
}

/** The audit with its intermediate results, for SBOM and VEX rendering. */
export interface DependencyAudit {
  readonly graph: DependencyGraph;
  readonly matches: readonly DependencyMatch[];
  /** One verdict per match, same order. */
  readonly verdicts: readonly Reachability[];
  /** One finding per match, same order. */
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Parse, match, judge reachability and build findings. Throws `LockfileError` for a malformed lockfile. */
export function runDependencyAudit(input: DependencyAuditInput): DependencyAudit {
  const manifest = input.manifest === undefined ? undefined : parsePackageManifest(input.manifest);
  const graph = parseLockfile(input.lockfile.path, input.lockfile.text, manifest);
  const matches = matchDependencies(graph, input.index);
  const { verdicts, diagnostics } = analyzeReachability(input.files, matches, graph);
  const lines = input.lockfile.text.split(/\r?\n/);
  const findings = matches.map((m, i) => toDependencyFinding(graph, m, verdicts[i], input.intel, lines));
  return { graph, matches, verdicts, findings, diagnostics };
}

/** The dependency findings of a project: {@link runDependencyAudit} without the intermediate results. */
export function auditDependencies(input: DependencyAuditInput): Finding[] {
  return [...runDependencyAudit(input).findings];
}
