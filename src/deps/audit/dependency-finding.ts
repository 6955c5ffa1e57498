import type { Confidence, Finding, FlowStep, Location, Severity } from '../../core/index.js';
import { computeFingerprint, severityRank } from '../../core/index.js';
import type { EpssScore } from '../advisory/epss.js';
import type { KevEntry } from '../advisory/kev.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import type { DependencyMatch } from '../match/match-dependencies.js';
import type { Reachability } from '../reachability/analyze-reachability.js';

/** Exploitation intelligence joined to findings by CVE id. */
export interface ThreatIntel {
  readonly kev?: ReadonlyMap<string, KevEntry>;
  readonly epss?: ReadonlyMap<string, EpssScore>;
}

const CONFIDENCE: Readonly<Record<Reachability['status'], Confidence>> = { reachable: 'high', unknown: 'medium', unreachable: 'low' };

function lockfileLocation(graph: DependencyGraph, line: number, snippet: string | undefined): Location {
  return { file: graph.file, startLine: line, startColumn: 1, endLine: line, endColumn: 1, ...(snippet ? { snippet } : {}) };
}

function fixText(match: DependencyMatch, graph: DependencyGraph): string {
  const { node, fixedIn, declaredRanges } = match;
  if (fixedIn === undefined) {
    return `No fixed version of ${node.name} is published for this advisory: remove or replace ${node.name}, or isolate the code that uses it.`;
  }
  const blocking = declaredRanges.filter((r) => !r.allowsFix);
  if (blocking.length === 0) {
    return `Upgrade ${node.name} to ${fixedIn} or later. Every declared range already allows it, so refreshing the lockfile (\`npm update ${node.name}\`) is enough.`;
  }
  const who = blocking.map((r) => `${r.from === '<root>' ? graph.rootName || 'the project' : r.from} requires "${r.range}"`).join('; ');
  return `Upgrade ${node.name} to ${fixedIn} or later. The declared range does not allow it (${who}): raise that range, or upgrade the package that declares it.`;
}

/** Severity of a group: the highest of its records (GitHub and other databases can disagree). */
function groupSeverity(match: DependencyMatch): Severity {
  let best: Severity = 'info';
  for (const r of match.advisory.records) if (severityRank(r.severity) > severityRank(best)) best = r.severity;
  return best;
}

/**
 * Turn a match (and its reachability verdict) into a `Finding`: rule id = advisory id, location =
 * the lockfile entry, flow = the dependency path then the call path when reachable.
 */
export function toDependencyFinding(
  graph: DependencyGraph,
  match: DependencyMatch,
  verdict: Reachability | undefined,
  intel: ThreatIntel = {},
  lockfileLines?: readonly string[],
): Finding {
  const { node, advisory } = match;
  const record = advisory.records.find((r) => r.id === advisory.id) ?? advisory.records[0];
  const ids = [advisory.id, ...advisory.aliases];
  const cve = ids.filter((i) => i.startsWith('CVE-'));
  const kev = cve.map((c) => intel.kev?.get(c)).find((k) => k !== undefined);
  const epss = cve.map((c) => intel.epss?.get(c)).find((e) => e !== undefined);
  const snippetOf = (line: number): string | undefined => lockfileLines?.[line - 1]?.trim().slice(0, 200);
  const firstPath = match.paths[0] ?? [node.id];
  const flow: FlowStep[] = firstPath.map((id, i) => {
    const n = graph.nodes.get(id);
    const line = n?.line ?? node.line;
    const parent = i === 0 ? graph.rootName || 'the project' : firstPath[i - 1];
    const last = i === firstPath.length - 1;
    return {
      kind: last && verdict?.status !== 'reachable' ? 'sink' : 'step',
      location: lockfileLocation(graph, line, snippetOf(line)),
      message: `${parent} depends on ${id}${last ? `, affected by ${advisory.id}` : ''}`,
    };
  });
  if (verdict?.status === 'reachable') flow.push(...verdict.evidence);
  const summary = record !== undefined && record.summary !== '' ? record.summary : 'a known vulnerability';
  const reach = verdict ? ` Reachability: ${verdict.status} (${verdict.reason})` : '';
  const kevNote = kev ? ` CISA lists ${kev.cveId} as known exploited (added ${kev.dateAdded}).` : '';
  const details = (record?.details ?? '').split(/\n\s*\n/)[0]?.trim() ?? '';
  return {
    fingerprint: computeFingerprint({ ruleId: advisory.id, file: graph.file, sinkText: node.id, enclosing: '<lockfile>' }),
    ruleId: advisory.id,
    cwe: [...new Set(advisory.records.flatMap((r) => r.cwes))].sort(),
    severity: groupSeverity(match),
    confidence: verdict ? CONFIDENCE[verdict.status] : 'medium',
    message: `${node.id} is affected by ${advisory.id}: ${summary}.`,
    explanation: `${details || summary}${reach}${kevNote}`.trim(),
    fix: fixText(match, graph),
    location: lockfileLocation(graph, node.line, snippetOf(node.line)),
    flow,
    origin: 'dependency',
    properties: {
      package: node.name,
      version: node.version,
      fixedIn: match.fixedIn ?? null,
      fixWithinDeclaredRange: match.fixedIn !== undefined && match.declaredRanges.every((r) => r.allowsFix),
      declaredRanges: match.declaredRanges.map((r) => ({ ...r })),
      paths: match.paths.map((p) => [...p]),
      direct: node.direct,
      dev: node.dev,
      reachability: verdict
        ? { status: verdict.status, level: verdict.level, reason: verdict.reason, functions: [...verdict.functions] }
        : { status: 'unknown', level: 'package', reason: 'Reachability was not analysed.', functions: [] },
      aliases: [...advisory.aliases],
      ...(record?.cvss ? { cvss: { ...record.cvss } } : {}),
      ...(kev ? { kev: { cve: kev.cveId, dateAdded: kev.dateAdded, dueDate: kev.dueDate, knownRansomwareCampaignUse: kev.knownRansomwareCampaignUse } } : {}),
      ...(epss ? { epss: { cve: epss.cve, score: epss.epss, percentile: epss.percentile } } : {}),
    },
  };
}
