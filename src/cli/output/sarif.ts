import { pathToFileURL } from 'node:url';

import type * as Sarif from 'sarif';

import type { Diagnostic, DiagnosticCode, FlowStep, Location, RuleMeta, Severity } from '../../core/index.js';
import { securitySeverityScore, severityRank } from '../../core/index.js';
import type { ReportFinding, ReportInput } from './report-input.js';
import { DIAGNOSTIC_DESCRIPTIONS, sortByPriority } from './report-input.js';

/** A SARIF 2.1.0 log (the `@types/sarif` root object). */
export type SarifLog = Sarif.Log;

/** Where the OASIS standard publishes the schema this output validates against. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The `partialFingerprints` / `fingerprints` key of Yagura's fingerprint (bump with the fingerprint scheme). */
export const SARIF_FINGERPRINT_KEY = 'yagura/v1';

const SRCROOT = 'SRCROOT';

const LEVELS: Record<Severity, Sarif.Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};


/** Diagnostics that mean results are missing, rather than approximated. */
const ERROR_DIAGNOSTICS = new Set<DiagnosticCode>(['RULE_CRASHED', 'ANALYZER_UNAVAILABLE']);

/**
 * Render a scan as a SARIF 2.1.0 log (one run). Findings come in priority order; absent findings are
 * emitted, with `baselineState: "absent"`, only when the scan has a baseline.
 *
 * @example
 * const log = renderSarif(input);
 * await writeFile('yagura.sarif', JSON.stringify(log, null, 2));
 */
export function renderSarif(input: ReportInput): SarifLog {
  const present = sortByPriority(input.findings);
  const absent = input.hasBaseline ? sortByPriority(input.absentFindings ?? []) : [];
  const rules = buildRules(input, [...present, ...absent]);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const diagnosticCodes = [...new Set(input.scan.diagnostics.map((d) => d.code))].sort();
  const notificationIndex = new Map(diagnosticCodes.map((code, index) => [code, index]));

  const results = [
    ...present.map((f) => buildResult(f, input, ruleIndex, input.hasBaseline ? baselineStateOf(f) : undefined)),
    ...absent.map((f) => buildResult(f, input, ruleIndex, 'absent')),
  ];

  const driver: Sarif.ToolComponent = {
    name: input.tool.name,
    version: input.tool.version,
    ...(isSemanticVersion(input.tool.version) ? { semanticVersion: input.tool.version } : {}),
    ...(input.tool.informationUri ? { informationUri: input.tool.informationUri } : {}),
    rules,
    ...(diagnosticCodes.length > 0
      ? {
          notifications: diagnosticCodes.map((code) => ({
            id: code,
            name: pascalCase(code.toLowerCase()),
            shortDescription: { text: DIAGNOSTIC_DESCRIPTIONS[code] },
            defaultConfiguration: { level: ERROR_DIAGNOSTICS.has(code) ? 'error' : 'warning' },
          })),
        }
      : {}),
  };

  const run: Sarif.Run = {
    tool: { driver },
    automationDetails: { id: `${input.tool.name}/${input.scan.projectName}/${input.scan.id ?? ''}` },
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(input.scan.root) } },
    invocations: [
      {
        executionSuccessful: true,
        startTimeUtc: input.scan.startedAt,
        endTimeUtc: input.scan.finishedAt,
        toolExecutionNotifications: input.scan.diagnostics.map((d) =>
          buildNotification(d, notificationIndex, ruleIndex),
        ),
      },
    ],
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      'yagura/projectName': input.scan.projectName,
      'yagura/threatModel': input.scan.threatModel,
      ...(input.scan.threatModelReason ? { 'yagura/threatModelReason': input.scan.threatModelReason } : {}),
      'yagura/stats': { ...input.scan.stats },
    },
  };

  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** {@link renderSarif}, serialised with two-space indentation and a final newline. */
export function formatSarif(input: ReportInput): string {
  return `${JSON.stringify(renderSarif(input), null, 2)}\n`;
}

/**
 * SARIF baseline states are new, unchanged, updated and absent (§3.27.24). A reintroduced finding was not
 * in the previous scan, so against that baseline it is `new`; `yagura/baselineState` keeps the detail.
 */
function baselineStateOf(finding: ReportFinding): Sarif.Result.baselineState {
  switch (finding.baselineState) {
    case 'unchanged':
      return 'unchanged';
    case 'absent':
      return 'absent';
    case 'new':
    case 'reintroduced':
    case undefined:
      return 'new';
  }
}

function buildRules(input: ReportInput, findings: readonly ReportFinding[]): Sarif.ReportingDescriptor[] {
  const known = new Set(input.rules.map((r) => r.id));
  const rules = input.rules.map(({ id, meta }) => buildRule(id, meta));
  const unknown = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    const list = unknown.get(f.ruleId);
    if (list) list.push(f);
    else unknown.set(f.ruleId, [f]);
  }
  for (const id of [...unknown.keys()].sort()) {
    const list = unknown.get(id) ?? [];
    rules.push(list.length > 0 && list.every((f) => f.origin === 'dependency') ? buildAdvisoryRule(id, list) : buildUnknownRule(id, list));
  }
  return rules;
}

function buildRule(id: string, meta: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.explanation },
    help: {
      text: `${meta.explanation}\n\nFix: ${meta.fix}`,
      markdown: `${meta.explanation}\n\n**Fix:** ${meta.fix}`,
    },
    defaultConfiguration: { level: LEVELS[meta.severity] },
    properties: {
      tags: securityTags(meta.cwe),
      'security-severity': securitySeverityScore(meta.severity),
      // GitHub's precision scale; a rule is `high` only once its precision is measured on the corpus.
      precision: meta.status === 'stable' ? 'high' : 'medium',
      'problem.severity': problemSeverity(meta.severity),
      kind: meta.sinkKinds && meta.sinkKinds.length > 0 ? 'path-problem' : 'problem',
    },
  };
}

/** A rule Yagura does not know (an imported finding): described from its findings. */
function buildUnknownRule(id: string, findings: readonly ReportFinding[]): Sarif.ReportingDescriptor {
  const severity = findings.reduce<Severity>(
    (max, f) => (severityRank(f.severity) > severityRank(max) ? f.severity : max),
    'info',
  );
  const cwe = [...new Set(findings.flatMap((f) => f.cwe))].sort();
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: `Findings reported under rule ${id}` },
    defaultConfiguration: { level: LEVELS[severity] },
    properties: { tags: securityTags(cwe), 'security-severity': securitySeverityScore(severity) },
  };
}

/** The advisory's summary, as the dependency audit words its messages: `pkg@1.0.0 is affected by ID: summary.` */
function advisorySummary(id: string, findings: readonly ReportFinding[]): string {
  for (const f of findings) {
    const at = f.message.indexOf(`${id}: `);
    if (at >= 0) return f.message.slice(at + id.length + 2).replace(/\.$/, '');
  }
  return `Known vulnerability ${id}`;
}

/** A rule for a dependency advisory (rule id = advisory id): its summary, CWEs, CVSS-based severity and the upgrade. */
function buildAdvisoryRule(id: string, findings: readonly ReportFinding[]): Sarif.ReportingDescriptor {
  const severity = findings.reduce<Severity>((max, f) => (severityRank(f.severity) > severityRank(max) ? f.severity : max), 'info');
  const cwe = [...new Set(findings.flatMap((f) => f.cwe))].sort();
  const summary = advisorySummary(id, findings);
  const details = findings[0]?.explanation.replace(/ Reachability: .*$/s, '') ?? summary;
  const fixes = [...new Set(findings.map((f) => f.fix))];
  const packages = [...new Set(findings.map((f) => `${String(f.properties?.package)}@${String(f.properties?.version)}`))].sort();
  const aliases = findings[0]?.properties?.aliases;
  const aliasText = Array.isArray(aliases) && aliases.length > 0 ? ` (${aliases.map(String).join(', ')})` : '';
  const cvss = findings[0]?.properties?.cvss;
  const score = typeof cvss === 'object' && cvss !== null && 'score' in cvss && typeof cvss.score === 'number' ? cvss.score : undefined;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: summary },
    fullDescription: { text: `${details}${aliasText}` },
    helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
    help: {
      text: `${summary}${aliasText}\n\nInstalled: ${packages.join(', ')}.\n\n${fixes.map((f) => `Fix: ${f}`).join('\n')}`,
      markdown: `**${summary}**${aliasText}\n\nInstalled: ${packages.map((p) => `\`${p}\``).join(', ')}.\n\n${fixes.map((f) => `**Fix:** ${f}`).join('\n\n')}`,
    },
    defaultConfiguration: { level: LEVELS[severity] },
    properties: {
      tags: [...securityTags(cwe), 'dependency'],
      // GitHub reads security-severity as a CVSS score; the advisory's own score when Yagura computed it.
      'security-severity': score === undefined ? securitySeverityScore(severity) : score.toFixed(1),
      precision: 'high',
      'problem.severity': problemSeverity(severity),
      kind: 'problem',
    },
  };
}

function buildResult(
  finding: ReportFinding,
  input: ReportInput,
  ruleIndex: ReadonlyMap<string, number>,
  baselineState: Sarif.Result.baselineState | undefined,
): Sarif.Result {
  const index = ruleIndex.get(finding.ruleId);
  const source = finding.flow.find((step) => step.kind === 'source');
  const proof = finding.id === undefined ? undefined : input.proofs?.[finding.id];
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.location) }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    fingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.flow.length > 0 ? { codeFlows: [buildCodeFlow(finding)] } : {}),
    ...(source
      ? { relatedLocations: [{ id: 1, physicalLocation: physicalLocation(source.location), message: { text: source.message } }] }
      : {}),
    ...(baselineState ? { baselineState } : {}),
    properties: {
      tags: securityTags(finding.cwe),
      confidence: finding.confidence,
      origin: finding.origin,
      'yagura/severity': finding.severity,
      ...(finding.id === undefined ? {} : { 'yagura/id': finding.id }),
      ...(finding.state === undefined ? {} : { state: finding.state }),
      ...(input.hasBaseline && finding.baselineState ? { 'yagura/baselineState': finding.baselineState } : {}),
      ...(finding.firstSeenAt === undefined ? {} : { 'yagura/firstSeenAt': finding.firstSeenAt }),
      ...(finding.lastSeenAt === undefined ? {} : { 'yagura/lastSeenAt': finding.lastSeenAt }),
      ...(finding.properties ? { 'yagura/details': finding.properties } : {}),
      ...(proof === undefined ? {} : { 'yagura/proven': proof.status === 'proven', 'yagura/proof': proof }),
    },
  };
  return result;
}

function buildCodeFlow(finding: ReportFinding): Sarif.CodeFlow {
  return {
    message: { text: finding.message },
    threadFlows: [
      {
        locations: finding.flow.map((step, i) => ({
          location: { physicalLocation: physicalLocation(step.location), message: { text: step.message } },
          kinds: stepKinds(step),
          executionOrder: i + 1,
          importance: step.kind === 'source' || step.kind === 'sink' ? 'essential' : 'important',
        })),
      },
    ],
  };
}

/** `threadFlowLocation.kinds`: SARIF's well-known values (§3.38.8) plus `source`/`sink` for taint ends. */
function stepKinds(step: FlowStep): string[] {
  switch (step.kind) {
    case 'source':
      return ['taint', 'source'];
    case 'sink':
      return ['taint', 'sink'];
    case 'call':
      return ['call', 'function'];
    case 'return':
      return ['return', 'function'];
    case 'field':
      return ['taint', 'value'];
    case 'step':
      return ['taint'];
  }
}

function buildNotification(
  d: Diagnostic,
  notificationIndex: ReadonlyMap<string, number>,
  ruleIndex: ReadonlyMap<string, number>,
): Sarif.Notification {
  const index = notificationIndex.get(d.code);
  const associated = d.ruleId === undefined ? undefined : ruleIndex.get(d.ruleId);
  return {
    descriptor: { id: d.code, ...(index === undefined ? {} : { index }) },
    level: ERROR_DIAGNOSTICS.has(d.code) ? 'error' : 'warning',
    message: { text: d.message },
    ...(d.file === undefined
      ? {}
      : {
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(d.file),
                ...(d.line === undefined ? {} : { region: { startLine: Math.max(1, d.line) } }),
              },
            },
          ],
        }),
    ...(d.ruleId === undefined
      ? {}
      : { associatedRule: { id: d.ruleId, ...(associated === undefined ? {} : { index: associated }) } }),
  };
}

function physicalLocation(location: Location): Sarif.PhysicalLocation {
  // The schema requires positive lines and columns; imported findings may carry 0 for "unknown".
  const startLine = Math.max(1, location.startLine);
  const startColumn = Math.max(1, location.startColumn);
  return {
    artifactLocation: artifactLocation(location.file),
    region: {
      startLine,
      startColumn,
      endLine: Math.max(startLine, location.endLine),
      endColumn: Math.max(1, location.endColumn),
      ...(location.snippet ? { snippet: { text: location.snippet } } : {}),
    },
  };
}

/** Root-relative paths become relative URIs against SRCROOT; absolute ones (imports) become file URIs. */
function artifactLocation(file: string): Sarif.ArtifactLocation {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `security` plus GitHub's CWE tag form: `CWE-78` becomes `external/cwe/cwe-78`. */
function securityTags(cwe: readonly string[]): string[] {
  const tags = cwe.map((id) => `external/cwe/${id.toLowerCase()}`);
  return ['security', ...new Set(tags)];
}

function problemSeverity(severity: Severity): string {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'recommendation';
}

/** `sql-injection` -> `SqlInjection`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function isSemanticVersion(version: string): boolean {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version);
}
