import type { AdvisoryAffectedPackage, AdvisoryData, AdvisoryRangeEvent, Severity } from '../../core/index.js';
import { cvss3BaseScore, severityOfScore } from './cvss.js';

/** One OSV range event; exactly one key is set (the shape lives in core, shared with the store). */
export type OsvEvent = AdvisoryRangeEvent;

/** OSV `affected[].ranges[]`. Only SEMVER and ECOSYSTEM ranges are evaluated for npm. */
export type AffectedRange = AdvisoryAffectedPackage['ranges'][number];

/** One affected package of an advisory: ranges, explicit `versions`, and the vulnerable `functions` it names. */
export type AffectedPackage = AdvisoryAffectedPackage;

/** An advisory as Yagura stores it: a normalised OSV record (GitHub advisories are OSV). JSON only. */
export type AdvisoryRecord = AdvisoryData;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const GHSA_SEVERITY: Readonly<Record<string, Severity>> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

function severityOf(osv: Json): { severity: Severity; cvss?: { vector: string; score?: number } } {
  const entries = Array.isArray(osv.severity) ? osv.severity.filter(isObject) : [];
  const v3 = entries.find((s) => s.type === 'CVSS_V3' && typeof s.score === 'string');
  const vector3 = str(v3?.score);
  const score = vector3 === undefined ? undefined : cvss3BaseScore(vector3);
  if (vector3 !== undefined && score !== undefined) return { severity: severityOfScore(score), cvss: { vector: vector3, score } };
  const db = isObject(osv.database_specific) ? osv.database_specific : {};
  const ghsa = GHSA_SEVERITY[String(db.severity).toUpperCase()];
  const other = entries.find((s) => typeof s.score === 'string');
  const vector = str(other?.score);
  // No computable score (CVSS 4.0 needs the full MacroVector tables): GitHub's reviewed band, else medium.
  return { severity: ghsa ?? 'medium', ...(vector === undefined ? {} : { cvss: { vector } }) };
}

function affectedOf(entry: Json): AffectedPackage | undefined {
  const pkg = isObject(entry.package) ? entry.package : undefined;
  const ecosystem = str(pkg?.ecosystem);
  const name = str(pkg?.name);
  if (ecosystem === undefined || name === undefined) return undefined;
  const ranges = (Array.isArray(entry.ranges) ? entry.ranges.filter(isObject) : []).map((r) => ({
    type: str(r.type) ?? 'ECOSYSTEM',
    events: (Array.isArray(r.events) ? r.events.filter(isObject) : []).map((e) => {
      const out: { introduced?: string; fixed?: string; last_affected?: string; limit?: string } = {};
      for (const key of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
        const v = str(e[key]);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }),
  }));
  const eco = isObject(entry.ecosystem_specific) ? entry.ecosystem_specific : {};
  const db = isObject(entry.database_specific) ? entry.database_specific : {};
  const functions = [...strings(eco.affected_functions), ...strings(db.affected_functions)];
  return { ecosystem, name, ranges, versions: strings(entry.versions), functions };
}

/**
 * Normalise one OSV record (parsed JSON) into an {@link AdvisoryRecord}; returns a reason string
 * when it is not an OSV record (no `id` or `modified`).
 */
export function normalizeOsvRecord(osv: unknown): AdvisoryRecord | string {
  if (!isObject(osv)) return 'not a JSON object';
  const id = str(osv.id);
  const modified = str(osv.modified);
  if (id === undefined) return 'missing "id"';
  if (modified === undefined) return `${id}: missing "modified"`;
  const db = isObject(osv.database_specific) ? osv.database_specific : {};
  const { severity, cvss } = severityOf(osv);
  const published = str(osv.published);
  const withdrawn = str(osv.withdrawn);
  return {
    id,
    aliases: strings(osv.aliases).filter((a) => a !== id),
    modified,
    ...(published === undefined ? {} : { published }),
    ...(withdrawn === undefined ? {} : { withdrawn }),
    summary: str(osv.summary) ?? '',
    details: str(osv.details) ?? '',
    severity,
    ...(cvss === undefined ? {} : { cvss }),
    cwes: strings(db.cwe_ids),
    affected: (Array.isArray(osv.affected) ? osv.affected.filter(isObject) : [])
      .map(affectedOf)
      .filter((a): a is AffectedPackage => a !== undefined),
    references: (Array.isArray(osv.references) ? osv.references.filter(isObject) : [])
      .map((r) => str(r.url))
      .filter((u): u is string => u !== undefined),
  };
}
