import { readFile } from 'node:fs/promises';

import { isVulnerabilityClass, type VulnerabilityClass } from './vulnerability-class.js';

/** One known vulnerability: a vulnerable npm version, the version that fixed it, and where the sink is. */
export interface CorpusEntry {
  readonly id: string;
  readonly package: string;
  readonly vulnerableVersion: string;
  readonly fixedVersion: string;
  /** The Yagura rule id expected to report it, which is also its class. */
  readonly ruleId: VulnerabilityClass;
  readonly cwe: string;
  /** GHSA, CVE or Snyk id. */
  readonly advisory: string;
  /** File inside the tarball (without `package/`) and 1-based line of the sink in the vulnerable version. */
  readonly sink: { readonly file: string; readonly line: number };
  /** Where the sink's code lives in the fixed version, when the fix moved it. */
  readonly fixedSinkFile?: string;
  /**
   * The fixed release still carries a flaw of the class in the sink file, shown by running it (the evidence is in
   * `note`), and no later release is clean. Scoring does not change: its findings still count as false alarms.
   */
  readonly fixedStillVulnerable?: boolean;
  readonly threatModel: 'library';
  /** Where the entry came from and anything a reader should know about the sink. */
  readonly note?: string;
}

const REQUIRED_STRINGS = ['id', 'package', 'vulnerableVersion', 'fixedVersion', 'ruleId', 'cwe', 'advisory'] as const;
const ADVISORY = /^(GHSA-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}|CVE-\d{4}-\d{4,}|SNYK-[A-Z]+-[A-Z0-9]+-\d+|npm:[a-z0-9.-]+:\d+)$/;

/** Problems of a parsed manifest, one message per problem; empty when the manifest is sound. */
export function validateCorpus(value: unknown): string[] {
  if (!Array.isArray(value)) return ['the manifest is not an array'];
  const problems: string[] = [];
  const ids = new Set<string>();
  value.forEach((raw: unknown, index) => {
    const where = `entry ${index}`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${where} is not an object`);
      return;
    }
    const entry = raw as Record<string, unknown>;
    const id = typeof entry.id === 'string' && entry.id !== '' ? entry.id : where;
    for (const key of REQUIRED_STRINGS) {
      if (typeof entry[key] !== 'string' || entry[key] === '') problems.push(`${id}: ${key} is missing`);
    }
    if (ids.has(id)) problems.push(`${id}: duplicate id`);
    ids.add(id);
    if (typeof entry.ruleId === 'string' && !isVulnerabilityClass(entry.ruleId)) problems.push(`${id}: unknown ruleId ${entry.ruleId}`);
    if (typeof entry.cwe === 'string' && !/^CWE-\d+$/.test(entry.cwe)) problems.push(`${id}: cwe ${entry.cwe} is not CWE-<n>`);
    if (typeof entry.advisory === 'string' && !ADVISORY.test(entry.advisory)) problems.push(`${id}: advisory ${entry.advisory} is not a GHSA, CVE or Snyk id`);
    if (entry.vulnerableVersion === entry.fixedVersion) problems.push(`${id}: vulnerable and fixed versions are equal`);
    if (entry.threatModel !== 'library') problems.push(`${id}: threatModel must be library`);
    const sink = entry.sink as Record<string, unknown> | undefined;
    if (typeof sink !== 'object' || typeof sink.file !== 'string' || sink.file === '') {
      problems.push(`${id}: sink.file is missing`);
    } else if (sink.file.startsWith('package/') || sink.file.startsWith('/')) {
      problems.push(`${id}: sink.file must be relative to the package root, without package/`);
    }
    if (typeof sink?.line !== 'number' || !Number.isInteger(sink.line) || sink.line < 1) problems.push(`${id}: sink.line must be a positive integer`);
    if (entry.fixedSinkFile !== undefined && typeof entry.fixedSinkFile !== 'string') problems.push(`${id}: fixedSinkFile must be a string`);
    if (entry.fixedStillVulnerable !== undefined && typeof entry.fixedStillVulnerable !== 'boolean') problems.push(`${id}: fixedStillVulnerable must be a boolean`);
    if (entry.fixedStillVulnerable === true && (typeof entry.note !== 'string' || entry.note.length < 80)) {
      problems.push(`${id}: fixedStillVulnerable needs the evidence in note`);
    }
  });
  return problems;
}

/** Read and validate the manifest; throws a `TypeError` listing every problem. */
export async function loadCorpus(path: string): Promise<CorpusEntry[]> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  const problems = validateCorpus(parsed);
  if (problems.length > 0) throw new TypeError(`Invalid corpus ${path}:\n${problems.join('\n')}`);
  return parsed as CorpusEntry[];
}
