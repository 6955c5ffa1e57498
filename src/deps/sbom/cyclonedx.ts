import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';

import type { Severity } from '../../core/index.js';
import { YAGURA_VERSION } from '../../core/index.js';
import type { DependencyAudit } from '../audit/audit-dependencies.js';
import { ROOT_ID } from '../graph/dependency-graph.js';
import { npmPurl } from './purl.js';

/** Options of {@link renderCycloneDx}: fixed values make the output reproducible. */
export interface CycloneDxOptions {
  /** Document timestamp (default: none, for reproducible output). */
  readonly timestamp?: Date;
  /** `urn:uuid:...` serial number (default: none). */
  readonly serialNumber?: string;
}

const SEVERITY: Readonly<Record<Severity, Enums.Vulnerability.Severity>> = {
  info: Enums.Vulnerability.Severity.Info,
  low: Enums.Vulnerability.Severity.Low,
  medium: Enums.Vulnerability.Severity.Medium,
  high: Enums.Vulnerability.Severity.High,
  critical: Enums.Vulnerability.Severity.Critical,
};

function analysisOf(status: 'reachable' | 'unreachable' | 'unknown', reason: string): Models.Vulnerability.Analysis {
  const V = Enums.Vulnerability;
  if (status === 'unreachable') {
    return new Models.Vulnerability.Analysis({ state: V.AnalysisState.NotAffected, justification: V.AnalysisJustification.CodeNotReachable, detail: reason });
  }
  if (status === 'reachable') {
    const analysis = new Models.Vulnerability.Analysis({ state: V.AnalysisState.Exploitable, detail: reason });
    analysis.response.add(V.AnalysisResponse.Update);
    return analysis;
  }
  return new Models.Vulnerability.Analysis({ state: V.AnalysisState.InTriage, detail: reason });
}

/**
 * Render a CycloneDX 1.6 JSON SBOM of the audited project: every installed package with its purl,
 * the dependency graph, and the findings as `vulnerabilities` with a VEX analysis
 * (`not_affected` / `code_not_reachable` when reachability ruled them out).
 */
export function renderCycloneDx(audit: DependencyAudit, options: CycloneDxOptions = {}): string {
  const { graph } = audit;
  const rootName = graph.rootName || 'project';
  const root = new Models.Component(Enums.ComponentType.Application, rootName, {
    bomRef: 'root',
    ...(graph.rootVersion ? { version: graph.rootVersion } : {}),
  });
  const components = new Map<string, Models.Component>();
  for (const node of graph.nodes.values()) {
    const purl = npmPurl(node.name, node.version);
    const slash = node.name.startsWith('@') ? node.name.indexOf('/') : -1;
    const component = new Models.Component(Enums.ComponentType.Library, slash > 0 ? node.name.slice(slash + 1) : node.name, {
      bomRef: purl,
      purl,
      version: node.version,
      ...(slash > 0 ? { group: node.name.slice(0, slash) } : {}),
      scope: node.dev ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required,
    });
    if (node.dev) component.properties.add(new Models.Property('cdx:npm:package:development', 'true'));
    components.set(node.id, component);
  }
  for (const edge of graph.edges) {
    const to = components.get(edge.to);
    if (!to) continue;
    const from = edge.from === ROOT_ID ? root : components.get(edge.from);
    from?.dependencies.add(to.bomRef);
  }
  const metadata = new Models.Metadata({
    component: root,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'yagura', { version: YAGURA_VERSION }));
  const bom = new Models.Bom({ metadata, ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}) });
  for (const c of components.values()) bom.components.add(c);

  audit.matches.forEach((match, i) => {
    const finding = audit.findings[i];
    const verdict = audit.verdicts[i];
    const component = components.get(match.node.id);
    if (!finding || !component) return;
    const record = match.advisory.records.find((r) => r.id === match.advisory.id) ?? match.advisory.records[0];
    const source = new Models.Vulnerability.Source(
      match.advisory.id.startsWith('GHSA-')
        ? { name: 'GitHub', url: `https://github.com/advisories/${match.advisory.id}` }
        : { name: 'OSV', url: `https://osv.dev/vulnerability/${match.advisory.id}` },
    );
    const vulnerability = new Models.Vulnerability.Vulnerability({
      bomRef: `${match.advisory.id}/${component.bomRef.value ?? match.node.id}`,
      id: match.advisory.id,
      source,
      description: record?.summary ?? finding.message,
      ...(record?.details ? { detail: record.details } : {}),
      recommendation: finding.fix,
      analysis: analysisOf(verdict?.status ?? 'unknown', verdict?.reason ?? 'Reachability was not analysed.'),
    });
    for (const alias of match.advisory.aliases) {
      const aliasSource = alias.startsWith('CVE-')
        ? new Models.Vulnerability.Source({ name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${alias}` })
        : new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${alias}` });
      vulnerability.references.add(new Models.Vulnerability.Reference(alias, aliasSource));
    }
    const rating = new Models.Vulnerability.Rating({ source, severity: SEVERITY[finding.severity] });
    if (record?.cvss?.score !== undefined) {
      rating.score = record.cvss.score;
      rating.vector = record.cvss.vector;
      rating.method = record.cvss.vector.startsWith('CVSS:3.1') ? Enums.Vulnerability.RatingMethod.CVSSv31 : Enums.Vulnerability.RatingMethod.CVSSv3;
    }
    vulnerability.ratings.add(rating);
    for (const cwe of finding.cwe) {
      const n = Number(cwe.replace(/^CWE-/, ''));
      if (Number.isInteger(n) && n > 0) vulnerability.cwes.add(n);
    }
    vulnerability.affects.add(new Models.Vulnerability.Affect(component.bomRef));
    bom.vulnerabilities.add(vulnerability);
  });
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
