import { createHash } from 'node:crypto';

import type * as Sarif from 'sarif';

import { type Finding, type FlowStep, ImportError, type Location, type Severity } from '../../core/index.js';
import { normalizePath } from '../root-cause.js';

/** Findings of one tool read from a SARIF log. */
export interface SarifToolResults {
  /** Lower-case tool name: `codeql`, `semgrep`, `eslint`, or the name given by the caller. */
  readonly tool: string;
  readonly toolVersion: string;
  readonly findings: Finding[];
  /** Results without a usable location (none, or not in a file). */
  readonly skipped: number;
}

/** Options of {@link parseSarif}. */
export interface ParseSarifOptions {
  /** File name for messages. */
  readonly file: string;
  /** Tool name to record instead of the driver's. */
  readonly tool?: string;
  /** Absolute root of the project; absolute URIs under it become relative. */
  readonly rootPath?: string;
}

/** CWE of rules of tools that do not tag them (ESLint plugins). */
export const RULE_CWE: Readonly<Record<string, readonly string[]>> = {
  'security/detect-child-process': ['CWE-78'],
  'security/detect-eval-with-expression': ['CWE-95'],
  'security/detect-non-literal-fs-filename': ['CWE-22'],
  'security/detect-non-literal-require': ['CWE-95'],
  'security/detect-object-injection': ['CWE-1321'],
  'security/detect-unsafe-regex': ['CWE-1333'],
  'security/detect-non-literal-regexp': ['CWE-1333'],
  'security/detect-pseudoRandomBytes': ['CWE-338'],
  'security/detect-possible-timing-attacks': ['CWE-208'],
  'security/detect-no-csrf-before-method-override': ['CWE-352'],
  'security/detect-disable-mustache-escape': ['CWE-79'],
  'no-eval': ['CWE-95'],
  'no-implied-eval': ['CWE-95'],
  'no-new-func': ['CWE-95'],
  '@microsoft/sdl/no-inner-html': ['CWE-79'],
  '@microsoft/sdl/no-document-write': ['CWE-79'],
  '@microsoft/sdl/no-insecure-url': ['CWE-319'],
};

const LEVEL_SEVERITY: Readonly<Record<string, Severity>> = { error: 'high', warning: 'medium', note: 'low', none: 'info' };

/** `external/cwe/cwe-089` (CodeQL), `CWE-89: Improper ...` (Semgrep) and `cwe-89` all give `CWE-89`. */
export function cweFromTags(tags: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    const match = /(?:^|\/|\b)cwe[-_/]?0*(\d+)/i.exec(tag);
    if (match?.[1]) found.add(`CWE-${match[1]}`);
  }
  return [...found].sort();
}

function severityOf(result: Sarif.Result, rule: Sarif.ReportingDescriptor | undefined): Severity {
  const score = Number(rule?.properties?.['security-severity']);
  if (Number.isFinite(score) && score > 0) {
    if (score >= 9) return 'critical';
    if (score >= 7) return 'high';
    if (score >= 4) return 'medium';
    return 'low';
  }
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  return LEVEL_SEVERITY[level] ?? 'medium';
}

/** Plain text of a SARIF message: CodeQL's `[text](1)` links become `text`. */
function textOf(message: Sarif.Message | Sarif.MultiformatMessageString | undefined): string {
  const text = message?.text ?? '';
  return (text.includes('](') ? text.replace(/\[([^\]]*)\]\(\d+\)/g, '$1') : text).trim();
}

/** Short tool name: "CodeQL" -> codeql, "Semgrep OSS" -> semgrep, "ESLint" -> eslint. */
function toolName(driver: Sarif.ToolComponent): string {
  return (driver.name.trim().split(/\s+/)[0] ?? 'unknown').toLowerCase();
}

class RunReader {
  private readonly bases: string[];

  constructor(
    private readonly run: Sarif.Run,
    rootPath: string | undefined,
  ) {
    const declared = Object.values(run.originalUriBaseIds ?? {})
      .map((b) => b.uri)
      .filter((u): u is string => typeof u === 'string');
    this.bases = [...declared, ...(rootPath ? [rootPath] : [])].map((b) => normalizePath(b).replace(/\/?$/, '/'));
  }

  rule(result: Sarif.Result): Sarif.ReportingDescriptor | undefined {
    const id = result.ruleId ?? result.rule?.id;
    const component = result.rule?.toolComponent?.index;
    const pools = [
      ...(component === undefined ? [] : [this.run.tool.extensions?.[component]?.rules ?? []]),
      this.run.tool.driver.rules ?? [],
      ...(this.run.tool.extensions ?? []).map((e) => e.rules ?? []),
    ];
    const index = result.rule?.index ?? result.ruleIndex;
    for (const rules of pools) {
      const byIndex = index === undefined ? undefined : rules[index];
      if (byIndex && (id === undefined || byIndex.id === id)) return byIndex;
      const byId = rules.find((r) => r.id === id);
      if (byId) return byId;
    }
    return undefined;
  }

  /** Relative path of a location's artifact, or `undefined` when it has none. */
  path(location: Sarif.Location | undefined): string | undefined {
    const artifact = location?.physicalLocation?.artifactLocation;
    const uri = artifact?.uri ?? (artifact?.index === undefined ? undefined : this.run.artifacts?.[artifact.index]?.location?.uri);
    if (uri === undefined) return undefined;
    let path = normalizePath(uri.includes('%') ? decodeURIComponent(uri) : uri);
    for (const base of this.bases) {
      if (base !== '/' && path.startsWith(base)) {
        path = path.slice(base.length);
        break;
      }
    }
    return path;
  }

  location(location: Sarif.Location | undefined): Location | undefined {
    const file = this.path(location);
    if (file === undefined) return undefined;
    const region = location?.physicalLocation?.region;
    const startLine = region?.startLine ?? 1;
    const startColumn = region?.startColumn ?? 1;
    const snippet = region?.snippet?.text?.trim();
    return {
      file,
      startLine,
      startColumn,
      endLine: region?.endLine ?? startLine,
      endColumn: region?.endColumn ?? startColumn,
      ...(snippet ? { snippet: snippet.slice(0, 300) } : {}),
    };
  }

  flow(result: Sarif.Result): FlowStep[] {
    const steps = result.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    const flow: FlowStep[] = [];
    steps.forEach((step, i) => {
      const location = this.location(step.location);
      if (!location) return;
      const kind = i === 0 ? 'source' : i === steps.length - 1 ? 'sink' : 'step';
      const text = textOf(step.location?.message);
      flow.push({ kind, location, message: text === '' ? (location.snippet ?? kind) : text });
    });
    return flow;
  }
}

/**
 * Read the results of a SARIF 2.1.0 log (CodeQL, Semgrep, ESLint or any other producer) as findings with
 * origin `import`, one entry per tool. CWE comes from the rule's tags, else from {@link RULE_CWE}.
 */
export function parseSarif(text: string, options: ParseSarifOptions): SarifToolResults[] {
  let log: Sarif.Log;
  try {
    log = JSON.parse(text) as Sarif.Log;
  } catch (error) {
    throw new ImportError(options.file, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof log !== 'object' || (log.version as string) !== '2.1.0' || !Array.isArray(log.runs)) {
    throw new ImportError(options.file, 'not a SARIF 2.1.0 log (needs "version": "2.1.0" and "runs")');
  }
  const byTool = new Map<string, { toolVersion: string; findings: Finding[]; skipped: number; seen: Map<string, number> }>();
  log.runs.forEach((run, runIndex) => {
    // Logs from the wild break the schema; the type says the driver is always there.
    const driver = (run as Partial<Sarif.Run>).tool?.driver as Partial<Sarif.ToolComponent> | undefined;
    if (typeof driver?.name !== 'string') throw new ImportError(options.file, `runs[${runIndex}].tool.driver.name is missing`);
    const tool = options.tool ?? toolName(run.tool.driver);
    const entry = byTool.get(tool) ?? {
      toolVersion: run.tool.driver.semanticVersion ?? run.tool.driver.version ?? 'unknown',
      findings: [],
      skipped: 0,
      seen: new Map<string, number>(),
    };
    byTool.set(tool, entry);
    const reader = new RunReader(run, options.rootPath);
    for (const result of run.results ?? []) {
      const location = reader.location(result.locations?.[0]);
      const ruleId = result.ruleId ?? result.rule?.id;
      if (!location || ruleId === undefined) {
        entry.skipped++;
        continue;
      }
      const rule = reader.rule(result);
      const tags = Array.isArray(rule?.properties?.tags) ? rule.properties.tags : [];
      const cwe = cweFromTags(tags);
      const message = textOf(result.message) || textOf(rule?.shortDescription) || ruleId;
      const partial = result.partialFingerprints?.primaryLocationLineHash;
      const base = [tool, ruleId, location.file, partial ?? `${location.startLine}:${location.startColumn}`, message].join('\u0000');
      const occurrence = entry.seen.get(base) ?? 0;
      entry.seen.set(base, occurrence + 1);
      const precision: unknown = rule?.properties?.precision;
      entry.findings.push({
        fingerprint: `${tool}:${createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32)}`,
        ruleId,
        cwe: cwe.length > 0 ? cwe : [...(RULE_CWE[ruleId] ?? [])],
        severity: severityOf(result, rule),
        confidence: precision === 'very-high' || precision === 'high' ? 'high' : precision === 'low' ? 'low' : 'medium',
        message,
        explanation: textOf(rule?.fullDescription) || textOf(rule?.shortDescription) || message,
        fix: textOf(rule?.help).split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'))?.trim() ?? `See the documentation of ${tool} rule ${ruleId}.`,
        location,
        flow: reader.flow(result),
        origin: 'import',
        properties: {
          tool,
          toolRuleId: ruleId,
          ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}),
          ...(result.partialFingerprints ? { partialFingerprints: result.partialFingerprints } : {}),
        },
      });
    }
  });
  return [...byTool].map(([tool, e]) => ({ tool, toolVersion: e.toolVersion, findings: e.findings, skipped: e.skipped }));
}
