import type { Severity } from './severity.js';

/*
 * Offline vulnerability data as plain JSON records, shared by `deps` (which parses and matches it)
 * and `store` (which keeps it); `deps` names them `AdvisoryRecord`, `KevEntry` and `EpssScore`.
 */

/** One OSV range event; exactly one key is set (OSV `affected[].ranges[].events[]`). */
export interface AdvisoryRangeEvent {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

/** One affected package of an advisory (normalised OSV `affected[]`). */
export interface AdvisoryAffectedPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly ranges: readonly { readonly type: string; readonly events: readonly AdvisoryRangeEvent[] }[];
  readonly versions: readonly string[];
  readonly functions: readonly string[];
}

/** A normalised OSV advisory (GitHub advisories are OSV). The newer `modified` of an id wins. */
export interface AdvisoryData {
  readonly id: string;
  readonly aliases: readonly string[];
  /** RFC 3339. */
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly summary: string;
  readonly details: string;
  readonly severity: Severity;
  readonly cvss?: { readonly vector: string; readonly score?: number };
  readonly cwes: readonly string[];
  readonly affected: readonly AdvisoryAffectedPackage[];
  readonly references: readonly string[];
}

/** One entry of the CISA Known Exploited Vulnerabilities catalog. */
export interface KevData {
  readonly cveId: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  /** `YYYY-MM-DD`. */
  readonly dateAdded: string;
  readonly shortDescription: string;
  readonly requiredAction: string;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  readonly knownRansomwareCampaignUse: string;
  readonly cwes: readonly string[];
}

/** A FIRST EPSS score of a CVE. */
export interface EpssData {
  readonly cve: string;
  /** 0..1. */
  readonly epss: number;
  /** 0..1. */
  readonly percentile: number;
  readonly modelVersion?: string;
  readonly scoreDate?: string;
}
